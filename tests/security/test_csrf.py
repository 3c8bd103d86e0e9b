"""CSRF: every state-changing request without a valid token is refused with 403.

Two layers:
- every URL pattern of the site (found by walking the URL resolver, so a new view can't be forgotten)
  answers a token-less POST with Django's CSRF 403, whoever is logged in; only the endpoints in
  CSRF_EXEMPT (the one-click unsubscribe, RFC 8058, once it exists) may accept a POST without one;
- the state-changing endpoints, with real objects: without a token (or with a wrong one) the request is
  refused and nothing changes; with the token the same request goes through and the change happens
  (the control that proves the 403 was about the token).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from accounts.models import CandidateProfile, Skill, User
from recruitment.models import ContactLogEntry, Invitation, RecruiterNote, SavedSearch
from tests import factories
from tests.security import world as w
from tests.security.conftest import count
from vacancies.models import Application, Company, Vacancy

pytestmark = [pytest.mark.django_db]

SUITE = "CSRF"
CSRF_FAILURE = b"CSRF verification failed"

# Endpoints that must take a POST without a CSRF token: mail clients send the one-click unsubscribe
# (RFC 8058) with no cookie and no token; the signed token in the URL is the proof.
CSRF_EXEMPT = {"recruitment:unsubscribe"}


# --- Every URL pattern ------------------------------------------------------------------------

# Sample values for URL parameters: enough to resolve the pattern (the CSRF check runs before the view).
ROUTE_SAMPLES = {"int": "1", "slug": "some-slug", "str": "some-value", "path": "some/path", "uuid": "0" * 32}
REGEX_SAMPLES = {
    "key": "abc-def",
    "uidb36": "1",
    "app_label": "accounts",
    "url": "no-such-page/",
    "path": "logos/x.png",
}


def sample_path(chain) -> str:
    parts = []
    for pattern in chain:
        if isinstance(pattern, RoutePattern):
            parts.append(
                re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: ROUTE_SAMPLES[m.group(1) or "str"], str(pattern._route))
            )
        else:
            assert isinstance(pattern, RegexPattern)
            regex = pattern._regex
            regex = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", lambda m: REGEX_SAMPLES[m.group(1)], regex)
            parts.append(regex.lstrip("^").rstrip("$").replace("\\", ""))
    return "/" + "".join(parts)


def all_endpoints() -> list[tuple[str, str]]:
    """(name or route, sample path) for every URL pattern of the site."""
    found = []

    def walk(patterns, chain, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, [*chain, pattern.pattern], inner)
            elif isinstance(pattern, URLPattern):
                path = sample_path([*chain, pattern.pattern])
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                found.append((name or path, path))

    walk(get_resolver().url_patterns, [], None)
    return found


ENDPOINTS = all_endpoints()


def user_for(path: str) -> User | None:
    """Someone who could act on the endpoint, so that only the missing token stands in the way."""
    if path.startswith("/admin/"):
        return User.objects.create_superuser(email="root@example.com", password=w.PASSWORD)
    if path.startswith("/employers/") and not path.startswith("/employers/signup"):
        return factories.EmployerProfileFactory().user
    if path.startswith(("/me/", "/vacancies/")):
        return factories.CompleteCandidateProfileFactory(user__role="candidate").user
    return None


# One client for all the patterns (a new client rebuilds the middleware chain, the slow part).
ENFORCING_CLIENT = Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(("name", "path"), ENDPOINTS, ids=[name for name, _path in ENDPOINTS])
def test_every_endpoint_refuses_a_post_without_a_csrf_token(name, path):
    assert resolve(path) is not None  # the sample path really reaches this pattern
    client = ENFORCING_CLIENT
    client.cookies.clear()
    user = user_for(path)
    if user is not None:
        client.force_login(user)
    response = client.post(path, {"anything": "x"})
    count(SUITE, "URL patterns checked")
    if name in CSRF_EXEMPT:
        assert response.status_code != 403
        count(SUITE, "exempt endpoints (accepted without a token)")
    else:
        assert response.status_code == 403, f"{name} {path}: {response.status_code}"
        assert CSRF_FAILURE in response.content
        count(SUITE, "URL patterns refusing a token-less POST")


def test_the_endpoint_walk_finds_the_site():
    names = {name for name, _path in ENDPOINTS}
    for expected in ("account_login", "accounts:profile", "employers:vacancy_close", "admin:index", "privacy:delete"):
        assert expected in names
    assert len(ENDPOINTS) > 100


def test_exempt_endpoints_are_real_endpoints():
    names = {name for name, _path in ENDPOINTS}
    assert names >= CSRF_EXEMPT


def test_one_click_unsubscribe_works_without_a_csrf_token():
    """RFC 8058: the mail client POSTs to the link with no cookie and no CSRF token; the signed token is enough."""
    world = w.build_world()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("recruitment:unsubscribe", args=[world.unsubscribe_token_a]), {"List-Unsubscribe": "One-Click"}
    )
    count(SUITE, "exempt endpoints checked with a real token")
    assert response.status_code == 200
    profile = CandidateProfile.objects.get(user=world.cand_a)
    assert profile.alert_frequency == CandidateProfile.AlertFrequency.OFF


def test_one_click_unsubscribe_with_a_forged_token_changes_nothing():
    world = w.build_world()
    client = Client(enforce_csrf_checks=True)
    before = CandidateProfile.objects.get(user=world.cand_a).alert_frequency
    response = client.post(reverse("recruitment:unsubscribe", args=[world.forged_token]))
    assert response.status_code == 404
    assert CandidateProfile.objects.get(user=world.cand_a).alert_frequency == before


# --- State-changing endpoints with real objects ------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A state-changing request: who sends it, where, with what, and how to see that it happened."""

    role: str
    url: Callable[[w.World], str]
    data: Callable[[w.World], dict]
    happened: Callable[[w.World], bool]


def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def recruiters_saved_search(world: w.World) -> SavedSearch:
    """The workspace recruiter's saved search, made the first time it is asked for."""
    search, _ = SavedSearch.objects.get_or_create(
        owner=world.users["recruiter"], name="Mine", defaults={"criteria": {"countries": ["DE"]}}
    )
    return search


def _session_user(client) -> str | None:
    return client.session.get("_auth_user_id")


CHANGES: dict[str, Change] = {
    "candidate sign-up": Change(
        "anonymous",
        lambda x: reverse("account_signup"),
        lambda x: {
            "first_name": "New",
            "last_name": "Person",
            "email": "new.person@example.com",
            "password1": "a-long-new-passphrase-7",
            "password2": "a-long-new-passphrase-7",
        },
        lambda x: User.objects.filter(email="new.person@example.com").exists(),
    ),
    "employer sign-up": Change(
        "anonymous",
        lambda x: reverse("employers:signup"),
        lambda x: {
            "first_name": "New",
            "last_name": "Boss",
            "company_name": "Brand New Ltd",
            "email": "new.boss@example.com",
            "password1": "a-long-new-passphrase-7",
            "password2": "a-long-new-passphrase-7",
        },
        lambda x: Company.objects.filter(name="Brand New Ltd").exists(),
    ),
    "password reset request": Change(
        "anonymous",
        lambda x: reverse("account_reset_password"),
        lambda x: {"email": w.A_EMAIL},
        lambda x: len(mail.outbox) == 1,
    ),
    "password change": Change(
        "candidate_A",
        lambda x: reverse("account_change_password"),
        lambda x: {"oldpassword": w.PASSWORD, "password1": "another-long-pass-99", "password2": "another-long-pass-99"},
        lambda x: User.objects.get(pk=x.cand_a.pk).check_password("another-long-pass-99"),
    ),
    "profile edit": Change(
        "candidate_A",
        lambda x: reverse("accounts:profile"),
        lambda x: w.profile_data(headline="Changed by the test"),
        lambda x: CandidateProfile.objects.get(user=x.cand_a).headline == "Changed by the test",
    ),
    "CV upload": Change(
        "candidate_A",
        lambda x: reverse("accounts:profile"),
        lambda x: {**w.profile_data(), "action": "upload_cv", "cv": SimpleUploadedFile("new.pdf", w.pdf_with(b"%NEW"))},
        lambda x: CandidateProfile.objects.get(user=x.cand_a).cv.name != x.profile_a.cv.name,
    ),
    "apply": Change(
        "candidate_B",
        lambda x: reverse("vacancies:apply", args=[x.vacancy_x.slug]),
        lambda x: {"cv_source": "profile", "cover_letter": "Hello"},
        lambda x: Application.objects.filter(candidate=x.cand_b, vacancy=x.vacancy_x).exists(),
    ),
    "withdraw": Change(
        "candidate_A",
        lambda x: reverse("applications:application_withdraw", args=[x.application_a.pk]),
        lambda x: {},
        lambda x: Application.objects.get(pk=x.application_a.pk).stage == Application.Stage.WITHDRAWN,
    ),
    "account delete": Change(
        "candidate_A",
        lambda x: reverse("privacy:delete"),
        lambda x: {"password": w.PASSWORD, "confirm": "on"},
        lambda x: not User.objects.filter(pk=x.cand_a.pk).exists(),
    ),
    "vacancy create": Change(
        "employer_X",
        lambda x: reverse("employers:vacancy_create"),
        lambda x: w.vacancy_data(title="Created by the test"),
        lambda x: Vacancy.objects.filter(title="Created by the test").exists(),
    ),
    "vacancy edit": Change(
        "employer_X",
        lambda x: reverse("employers:vacancy_edit", args=[x.draft_x.pk]),
        lambda x: w.vacancy_data(title="Edited by the test"),
        lambda x: Vacancy.objects.get(pk=x.draft_x.pk).title == "Edited by the test",
    ),
    "vacancy submit": Change(
        "employer_X",
        lambda x: reverse("employers:vacancy_submit", args=[x.draft_x.pk]),
        lambda x: {},
        lambda x: Vacancy.objects.get(pk=x.draft_x.pk).status == Vacancy.Status.PENDING_REVIEW,
    ),
    "vacancy close": Change(
        "employer_X",
        lambda x: reverse("employers:vacancy_close", args=[x.vacancy_x.pk]),
        lambda x: {"reason": "filled", "hired": "elsewhere"},
        lambda x: Vacancy.objects.get(pk=x.vacancy_x.pk).status == Vacancy.Status.CLOSED,
    ),
    "company edit": Change(
        "employer_X",
        lambda x: reverse("employers:company"),
        lambda x: w.company_data(name="Renamed by the test", logo=SimpleUploadedFile("logo.png", png())),
        lambda x: Company.objects.get(pk=x.company_x.pk).name == "Renamed by the test",
    ),
    "shortlist": Change(
        "employer_X",
        lambda x: reverse("employers:application_move", args=[x.application_a.pk]),
        lambda x: {"stage": "shortlisted"},
        lambda x: Application.objects.get(pk=x.application_a.pk).stage == Application.Stage.SHORTLISTED,
    ),
    "decline with a note": Change(
        "employer_X",
        lambda x: reverse("employers:application_move", args=[x.application_a.pk]),
        lambda x: {"stage": "rejected", "note": "Not this time"},
        lambda x: Application.objects.get(pk=x.application_a.pk).stage == Application.Stage.REJECTED,
    ),
    "admin add (recruiter adds a skill)": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_skill_add"),
        lambda x: {"name": "Added by the test", "slug": "added-by-the-test", "is_active": "on"},
        lambda x: Skill.objects.filter(slug="added-by-the-test").exists(),
    ),
    "admin delete": Change(
        "superuser",
        lambda x: reverse("admin:accounts_skill_delete", args=[x.extra["spare_skill"].pk]),
        lambda x: {"post": "yes"},
        lambda x: not Skill.objects.filter(pk=x.extra["spare_skill"].pk).exists(),
    ),
    "admin action (delete selected)": Change(
        "superuser",
        lambda x: reverse("admin:accounts_skill_changelist"),
        lambda x: {"action": "delete_selected", "_selected_action": [x.extra["spare_skill"].pk], "post": "yes"},
        lambda x: not Skill.objects.filter(pk=x.extra["spare_skill"].pk).exists(),
    ),
    "admin action (recruiter publishes a vacancy)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_changelist"),
        lambda x: {"action": "publish_selected", "_selected_action": [x.extra["pending_x"].pk]},
        lambda x: Vacancy.objects.get(pk=x.extra["pending_x"].pk).status == Vacancy.Status.PUBLISHED,
    ),
    "admin vacancy page (fields and skills)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_change", args=[x.draft_x.pk]),
        lambda x: w.workspace_vacancy_data(x.draft_x, title="Saved in the workspace"),
        lambda x: Vacancy.objects.get(pk=x.draft_x.pk).title == "Saved in the workspace",
    ),
    "admin vacancy publish (from its page)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_publish", args=[x.extra["pending_x"].pk]),
        lambda x: {},
        lambda x: Vacancy.objects.get(pk=x.extra["pending_x"].pk).status == Vacancy.Status.PUBLISHED,
    ),
    "admin vacancy close (from its page)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_close", args=[x.vacancy_x.pk]),
        lambda x: {"reason": "withdrawn", "note": "The client paused the search."},
        lambda x: Vacancy.objects.get(pk=x.vacancy_x.pk).status == Vacancy.Status.CLOSED,
    ),
    "admin vacancy reject (from its page)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_reject", args=[x.extra["pending_x"].pk]),
        lambda x: {"reason": "Add the currency."},
        lambda x: Vacancy.objects.get(pk=x.extra["pending_x"].pk).status == Vacancy.Status.REJECTED,
    ),
    "admin application move (from its page)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_application_move", args=[x.application_a.pk]),
        lambda x: {"stage": "screening", "note": "Called her."},
        lambda x: Application.objects.get(pk=x.application_a.pk).stage == Application.Stage.SCREENING,
    ),
    "admin application note (in place)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_application_note", args=[x.application_a.pk]),
        lambda x: {"body": "Strong references."},
        lambda x: RecruiterNote.objects.filter(body="Strong references.").exists(),
    ),
    "admin candidate invite": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_invite", args=[x.profile_a.pk, x.vacancy_y.pk]),
        lambda x: {"message": "Worth a look."},
        lambda x: Invitation.objects.filter(candidate=x.profile_a, vacancy=x.vacancy_y).exists(),
    ),
    "admin candidate contact log": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_contact", args=[x.profile_a.pk]),
        lambda x: {"kind": "call", "summary": "Rang her."},
        lambda x: ContactLogEntry.objects.filter(candidate=x.profile_a, summary="Rang her.").exists(),
    ),
    "admin candidate search (save)": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_search_save") + "?countries=DE",
        lambda x: {"name": "Leaders in Germany"},
        lambda x: SavedSearch.objects.filter(name="Leaders in Germany").exists(),
    ),
    "admin saved search (run)": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_saved_search_run", args=[recruiters_saved_search(x).pk]),
        lambda x: {},
        lambda x: SavedSearch.objects.get(pk=recruiters_saved_search(x).pk).last_run_at is not None,
    ),
    "admin saved search (delete)": Change(
        "recruiter",
        lambda x: reverse("admin:accounts_candidateprofile_saved_search_delete", args=[recruiters_saved_search(x).pk]),
        lambda x: {},
        lambda x: not SavedSearch.objects.filter(name="Mine").exists(),
    ),
    "admin vacancy ranked candidates (bulk invite)": Change(
        "recruiter",
        lambda x: reverse("admin:vacancies_vacancy_ranked_action", args=[x.vacancy_y.pk, "invite"]),
        lambda x: {"candidate": [x.profile_a.pk], "message": "Worth a look."},
        lambda x: Invitation.objects.filter(candidate=x.profile_a, vacancy=x.vacancy_y).exists(),
    ),
}
# Logging in and out change the session, not the database.
SESSION_CHANGES = {
    "login": ("anonymous", lambda x: reverse("account_login"), lambda c, x: _session_user(c) == str(x.cand_a.pk)),
    "logout": ("candidate_A", lambda x: reverse("account_logout"), lambda c, x: _session_user(c) is None),
    "admin logout": ("recruiter", lambda x: reverse("admin:logout"), lambda c, x: _session_user(c) is None),
}


def csrf_client(world: w.World, role: str) -> tuple[Client, str]:
    """A client that enforces CSRF, logged in as `role`, with its CSRF cookie and the matching token."""
    cache.clear()
    client = Client(enforce_csrf_checks=True)
    if world.users[role] is not None:
        client.force_login(world.users[role])
    client.get(reverse("account_login") if role == "anonymous" else reverse("home"))
    response = client.get(reverse("account_login"))
    token = client.cookies["csrftoken"].value
    assert response.status_code in (200, 302)
    return client, token


@pytest.mark.parametrize("label", list(CHANGES))
def test_state_change_needs_the_csrf_token(label, mailoutbox):
    change = CHANGES[label]
    world = w.build_world()
    client, token = csrf_client(world, change.role)
    address = change.url(world)
    count(SUITE, "state-changing endpoints checked")

    for bad in ({}, {"csrfmiddlewaretoken": "x" * 64}):
        response = client.post(address, {**change.data(world), **bad})
        assert response.status_code == 403, f"{label}: {response.status_code}"
        assert CSRF_FAILURE in response.content
        assert not change.happened(world), f"{label} happened without a valid token"

    response = client.post(address, {**change.data(world), "csrfmiddlewaretoken": token})
    assert response.status_code != 403
    assert change.happened(world), f"{label}: the control request (with the token) did not go through"


@pytest.mark.parametrize("label", list(SESSION_CHANGES))
def test_login_and_logout_need_the_csrf_token(label):
    role, address_for, happened = SESSION_CHANGES[label]
    world = w.build_world()
    client, token = csrf_client(world, role)
    address = address_for(world)
    data = {"login": w.A_EMAIL, "password": w.PASSWORD} if label == "login" else {}
    count(SUITE, "state-changing endpoints checked")

    response = client.post(address, data)
    assert response.status_code == 403
    assert CSRF_FAILURE in response.content
    assert not happened(client, world)

    response = client.post(address, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    assert happened(client, world)


def test_the_data_export_is_a_read_and_changes_nothing():
    """The one candidate action that is a GET: it returns a download to the person's own browser."""
    world = w.build_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cand_a)
    before = (User.objects.count(), CandidateProfile.objects.count(), Application.objects.count())
    response = client.get(reverse("privacy:export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert (User.objects.count(), CandidateProfile.objects.count(), Application.objects.count()) == before
    assert client.post(reverse("privacy:export")).status_code == 403
