"""Property-based fuzzing (Hypothesis) of every public form and filter query string.

Each example sends random values (unicode, control characters, huge strings, numbers, lists, and
markup such as `<script>` and `"><img onerror>` fragments, alone or inside other text) to one form or
query string, starting from a valid submission so that validation runs deep. Properties:

- never a 5xx;
- no markup from the input appears unescaped in the page (or in the page a POST redirects to);
- a redirect never leaves the site.

Each example runs in a savepoint that is rolled back, with the cache (allauth's rate limits) cleared,
so examples don't depend on each other. The number of examples per target is EXAMPLES (times
FUZZ_SCALE from the environment, e.g. FUZZ_SCALE=10 for a long run); figures are printed in the
terminal summary ("security figures").
"""

from __future__ import annotations

import os
from urllib.parse import quote, quote_from_bytes, urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import path, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import recruitment.config.urls
from tests.security import world as w
from tests.security.conftest import count

pytestmark = [pytest.mark.django_db]

SUITE = "fuzzing"
SCALE = float(os.environ.get("FUZZ_SCALE", "1"))

# Markup that must never come back raw: if the page contained it, the browser would run or render it.
MARKUP = [
    "<script>x</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "<iframe src=//evil.example>",
    "</textarea><b>injected</b>",
    '" autofocus onfocus="alert(1)',
    "<!--",
]
# Other awkward values worth trying in any field.
ODD = [
    "",
    " ",
    "\x00",
    "\r\n",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "../../etc/passwd",
    "%00",
    "\u202e",
    "😀" * 10,
    "{{ 7|add:7 }}",
    "{% debug %}",
    "javascript:alert(1)",
    "null",
    "[]",
]

characters = st.characters(blacklist_categories=("Cs",))  # lone surrogates can't be sent at all
plain_text = st.text(characters, max_size=40)
hostile_text = st.one_of(
    plain_text,
    st.sampled_from(MARKUP + ODD),
    st.builds(lambda a, m, b: a + m + b, plain_text, st.sampled_from(MARKUP), plain_text),
    st.integers().map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "é", "<", "😀"]), st.integers(1000, 20000)),
)
# A form value: one string, or several for the same name (multi-selects, or repeated fields).
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=4))

SETTINGS = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
}


def examples(n: int) -> settings:
    return settings(max_examples=max(1, int(n * SCALE)), **SETTINGS)


def overrides(fields) -> st.SearchStrategy[dict]:
    """Any subset of `fields` replaced by hostile values."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, hostile_value))


# One client for the whole module (a new client rebuilds the middleware chain, the slow part).
CLIENT = Client(raise_request_exception=False)


def raw_where_it_acts(body: str, markup: str) -> bool:
    """Whether `markup` comes back raw where a browser would act on it. Markup with a tag in it acts anywhere.
    A bare quote-led fragment (`" autofocus onfocus=...`) only acts inside a tag, where it can close an
    attribute's value, or inside a script; in text (a paragraph, a textarea) its quotes are only quotes."""
    if "<" in markup:
        return markup in body
    start = body.find(markup)
    while start != -1:
        before = body[:start]
        inside_tag = before.rfind("<") > before.rfind(">")
        inside_script = before.rfind("<script") > before.rfind("</script")
        if inside_tag or inside_script:
            return True
        start = body.find(markup, start + 1)
    return False


def injected(data) -> set[str]:
    values = data.values() if isinstance(data, dict) else [data]
    flat = []
    for value in values:
        flat += value if isinstance(value, list) else [value]
    return {m for m in MARKUP if any(m in str(v) for v in flat)}


def check(
    target: str, user, method: str, address: str, data=None, *, then_get: list[str] = (), suite: str = SUITE
) -> None:
    """Send one example; check status, escaping and redirects; roll everything back."""
    client = CLIENT
    client.cookies.clear()
    cache.clear()
    count(suite, "examples run")
    count(suite, "5xx seen", 0)
    count(suite, f"{target} examples")
    with transaction.atomic():
        if user is not None:
            client.force_login(user)
        send = client.get if method == "GET" else client.post
        response = send(address, data or {})
        count(suite, f"answers {response.status_code // 100}xx")
        pages = [response]
        if response.status_code in (301, 302, 303):
            location = response["Location"]
            parts = urlsplit(location)
            assert parts.netloc in ("", "testserver"), location
            assert not location.startswith("//"), location
            pages.append(client.get(location))
        pages += [client.get(extra) for extra in then_get]
        transaction.set_rollback(True)
    for page in pages:
        if page.status_code >= 500:
            count(suite, "5xx seen")
        assert page.status_code < 500, f"{target}: HTTP {page.status_code} for {data!r}"
        body = page.content.decode("utf-8", "replace")
        for markup in injected(data or {}):
            assert not raw_where_it_acts(body, markup), f"{target}: {markup!r} appears unescaped"
        assert 'href="javascript:' not in body.lower()


@pytest.fixture
def world():
    return w.build_world()


# --- Public pages: the board and its filters -------------------------------------------------

BOARD_FILTERS = ["q", "role_family", "seniority", "remote", "location", "min_salary", "industry", "sort", "page"]


@examples(150)
@given(params=overrides([*BOARD_FILTERS, "utm_source", "q[]", "page[]"]))
def test_fuzz_board_filters(world, params):
    check("board filters", None, "GET", reverse("vacancies:vacancy_list"), params)


@examples(40)
@given(raw=st.binary(max_size=200))
def test_fuzz_board_raw_query_string(world, raw):
    """Bytes that are not valid UTF-8 or not valid percent-encoding, straight into the query string."""
    query = quote_from_bytes(raw, safe="=&%+;")
    check("board raw query string", None, "GET", f"{reverse('vacancies:vacancy_list')}?{query}")


@examples(30)
@given(params=overrides(["page", "stage"]))
def test_fuzz_list_page_parameters(world, params):
    for address in (reverse("applications:application_list"), reverse("matches:match_list")):
        check("candidate list pages", world.cand_a, "GET", address, params)
    check(
        "applicants filter",
        world.emp_x,
        "GET",
        reverse("employers:vacancy_applicants", args=[world.vacancy_x.pk]),
        params,
    )


# --- Sign-up, login, password reset ---------------------------------------------------------

SIGNUP = {
    "first_name": "Fuzzy",
    "last_name": "Tester",
    "email": "fuzzy@example.com",
    "password1": "a-long-fuzz-passphrase-3",
    "password2": "a-long-fuzz-passphrase-3",
}


@examples(60)
@given(changes=overrides([*SIGNUP, "next"]))
def test_fuzz_candidate_signup(world, changes):
    check("candidate sign-up", None, "POST", reverse("account_signup"), {**SIGNUP, **changes})


@examples(60)
@given(changes=overrides([*SIGNUP, "company_name", "job_title"]))
def test_fuzz_employer_signup(world, changes):
    data = {**SIGNUP, "company_name": "Fuzz Ltd", "job_title": "CTO", **changes}
    check("employer sign-up", None, "POST", reverse("employers:signup"), data)


@examples(60)
@given(changes=overrides(["login", "password", "remember", "next"]))
def test_fuzz_login(world, changes):
    data = {"login": w.A_EMAIL, "password": "wrong-password", **changes}
    check("login", None, "POST", reverse("account_login"), data)


@examples(40)
@given(next_url=hostile_text)
def test_fuzz_login_next_parameter(world, next_url):
    """`?next=` is shown in the login form and used after login: escaped, and never an off-site redirect."""
    check("login ?next=", None, "GET", reverse("account_login"), {"next": next_url})
    address = f"{reverse('account_login')}?{quote_from_bytes(next_url.encode(), safe='')}"
    check("login with next", None, "POST", address, {"login": w.A_EMAIL, "password": w.PASSWORD, "next": next_url})


@examples(40)
@given(changes=overrides(["email"]))
def test_fuzz_password_reset(world, changes):
    check("password reset", None, "POST", reverse("account_reset_password"), {"email": w.A_EMAIL, **changes})


# --- Logged-in forms ----------------------------------------------------------------------------


@examples(80)
@given(changes=overrides([*w.PROFILE_FIELDS, "action"]))
def test_fuzz_profile_form(world, changes):
    data = {**w.profile_data(), **changes}
    check(
        "profile form", world.cand_a, "POST", reverse("accounts:profile"), data, then_get=[reverse("accounts:profile")]
    )


@examples(80)
@given(changes=overrides(w.VACANCY_FIELDS))
def test_fuzz_vacancy_editor(world, changes):
    data = {**w.vacancy_data(), **changes}
    check("vacancy editor", world.emp_x, "POST", reverse("employers:vacancy_create"), data)


@examples(40)
@given(changes=overrides(w.VACANCY_FIELDS))
def test_fuzz_vacancy_editor_edit_and_public_page(world, changes):
    """Edit the draft, then look at it where employers see it (valid input is stored; it must show escaped)."""
    data = {**w.vacancy_data(), **changes}
    address = reverse("employers:vacancy_edit", args=[world.draft_x.pk])
    detail = reverse("employers:vacancy_detail", args=[world.draft_x.pk])
    check(
        "vacancy editor (edit)", world.emp_x, "POST", address, data, then_get=[detail, reverse("employers:dashboard")]
    )


@examples(60)
@given(changes=overrides([*w.COMPANY_FIELDS, "remove_logo"]))
def test_fuzz_company_form(world, changes):
    data = {**w.company_data(), **changes}
    public = reverse("vacancies:vacancy_detail", args=[world.vacancy_x.slug])
    check("company form", world.emp_x, "POST", reverse("employers:company"), data, then_get=[public])


@examples(60)
@given(changes=overrides(["cover_letter", "cv_source"]))
def test_fuzz_apply_form(world, changes):
    data = {"cv_source": "profile", "cover_letter": "Hello", **changes}
    address = reverse("vacancies:apply", args=[world.vacancy_x.slug])
    check("apply form", world.cand_b, "POST", address, data, then_get=[reverse("applications:application_list")])


@examples(50)
@given(changes=overrides(["stage", "note"]))
def test_fuzz_decline_note(world, changes):
    data = {"stage": "rejected", "note": "Not this time", **changes}
    address = reverse("employers:application_move", args=[world.application_a.pk])
    applicants = reverse("employers:vacancy_applicants", args=[world.vacancy_x.pk])
    check("decline note", world.emp_x, "POST", address, data, then_get=[applicants])


@examples(30)
@given(changes=overrides(["password", "confirm"]))
def test_fuzz_account_delete_form(world, changes):
    data = {"password": "wrong", "confirm": "on", **changes}
    check("account delete form", world.cand_b, "POST", reverse("privacy:delete"), data)


def test_fuzzed_field_lists_match_the_valid_submissions():
    """The field names fuzzed above are the ones the valid submissions (and so the forms) use."""
    assert set(w.profile_data()) == set(w.PROFILE_FIELDS)
    assert set(w.vacancy_data()) == set(w.VACANCY_FIELDS)
    assert set(w.company_data()) == set(w.COMPANY_FIELDS)


# --- The one-click unsubscribe link ----------------------------------------------------------


def unsubscribe_address(token: str) -> str:
    return reverse("recruitment:unsubscribe", args=["TOKEN"]).replace("TOKEN", quote(token, safe=""))


@examples(40)
@given(token=hostile_text, method=st.sampled_from(["GET", "POST"]))
def test_fuzz_unsubscribe_with_random_tokens(world, token, method):
    check("unsubscribe (random token)", None, method, unsubscribe_address(token))


@examples(40)
@given(
    position=st.integers(0, 200), replacement=st.sampled_from("Aa0:-_.<\"'"), method=st.sampled_from(["GET", "POST"])
)
def test_fuzz_unsubscribe_with_tampered_tokens(world, position, replacement, method):
    """A genuine token with one character changed opens nothing (or, if unchanged, A's own link)."""
    genuine = world.unsubscribe_token_a
    index = position % len(genuine)
    token = genuine[:index] + replacement + genuine[index + 1 :]
    check("unsubscribe (tampered token)", None, method, unsubscribe_address(token))


# --- Regressions found by the fuzzing above ---------------------------------------------------

TOO_BIG_ID = str(2**63)  # one past the largest database id: SQLite could not bind it (HTTP 500)


@pytest.mark.parametrize("field", ["role_families", "skills", "industries"])
def test_profile_form_refuses_an_id_beyond_the_database_range(world, client, field):
    client.force_login(world.cand_a)
    response = client.post(reverse("accounts:profile"), {**w.profile_data(), field: [TOO_BIG_ID]})
    assert response.status_code == 400
    assert response.context["form"].errors[field]


@pytest.mark.parametrize("field", ["required_skills", "nice_to_have_skills"])
def test_vacancy_editor_refuses_an_id_beyond_the_database_range(world, client, field):
    client.force_login(world.emp_x)
    response = client.post(
        reverse("employers:vacancy_create"), {**w.vacancy_data(), field: [TOO_BIG_ID, "-" + TOO_BIG_ID]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]


# --- The checks themselves catch what they look for -------------------------------------------


def echo(request):
    from django.http import HttpResponse

    return HttpResponse(f"<p>{request.GET.get('q', '')}</p>")  # deliberately unescaped


def echo_in_attribute(request):
    from django.http import HttpResponse

    return HttpResponse(f'<input value="{request.GET.get("q", "")}">')  # deliberately unescaped


def crash(request):
    raise RuntimeError("boom")


def off_site(request):
    from django.http import HttpResponseRedirect

    return HttpResponseRedirect("https://evil.example/")


urlpatterns = [
    path("echo/", echo),
    path("echo-in-attribute/", echo_in_attribute),
    path("crash/", crash),
    path("off-site/", off_site),
    *recruitment.config.urls.urlpatterns,  # the error pages link to the site's pages
]


@pytest.mark.parametrize(
    ("address", "data", "message"),
    [
        ("/echo/", {"q": "<script>x</script>"}, "appears unescaped"),
        ("/echo-in-attribute/", {"q": '" autofocus onfocus="alert(1)'}, "appears unescaped"),
        ("/crash/", {}, "HTTP 500"),
        ("/off-site/", {}, "evil.example"),
    ],
)
def test_the_fuzz_checks_catch_what_they_look_for(settings, address, data, message):
    settings.ROOT_URLCONF = __name__
    with pytest.raises(AssertionError, match=message):
        check("self-test", None, "GET", address, data, suite="fuzzing self-test (not counted above)")


def test_a_quote_in_text_is_only_a_quote():
    """A quote-led fragment in a paragraph or a textarea is inert (the company's About, sanitised, keeps its
    quotes as text); in a tag or a script it is not."""
    fragment = '" autofocus onfocus="alert(1)'
    assert not raw_where_it_acts(f"<p>{fragment}</p><textarea>{fragment}</textarea>", fragment)
    assert raw_where_it_acts(f'<p>ok</p><input value="{fragment}">', fragment)
    assert raw_where_it_acts(f'<script>var a = "{fragment}";</script>', fragment)
    assert raw_where_it_acts("<p><script>x</script></p>", "<script>x</script>")
