"""/vacancies/: the board's filters, sorting, pagination, empty states and query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

BOARD = reverse("vacancies:vacancy_list")


def titles(response) -> list[str]:
    return [v.title for v in response.context["vacancies"]]


def published(days_ago: float = 0, **kwargs) -> Vacancy:
    return factories.PublishedVacancyFactory(published_at=timezone.now() - dt.timedelta(days=days_ago), **kwargs)


def test_board_lists_only_open_vacancies_newest_first(client):
    older = published(days_ago=3, title="Older")
    newer = published(days_ago=1, title="Newer")
    published(days_ago=2, title="No closing date", closes_on=None)
    factories.VacancyFactory(title="Draft")
    factories.PendingVacancyFactory(title="Pending")
    factories.ClosedVacancyFactory(title="Closed")
    published(title="Past its date", closes_on=timezone.localdate() - dt.timedelta(days=1))
    published(title="Expired", status=Vacancy.Status.EXPIRED)
    published(title="Closes today", closes_on=timezone.localdate(), days_ago=0.5)
    response = client.get(BOARD)
    assert response.status_code == 200
    assert titles(response) == ["Closes today", newer.title, "No closing date", older.title]


def test_board_works_for_candidates_and_employers_too(client, candidate, employer):
    published(title="Visible to all")
    for user in (candidate, employer):
        client.force_login(user)
        assert "Visible to all" in titles(client.get(BOARD))


def test_pagination_is_twenty_a_page_and_forgiving(client):
    for i in range(45):
        published(days_ago=i, title=f"Role {i:02d}")
    first = client.get(BOARD)
    assert titles(first) == [f"Role {i:02d}" for i in range(20)]
    assert first.context["page_obj"].paginator.num_pages == 3
    third = client.get(BOARD, {"page": 3})
    assert titles(third) == [f"Role {i:02d}" for i in range(40, 45)]
    # Past the end: the last page; junk: the first (served from the cache the first requests filled).
    assert client.get(BOARD, {"page": 99}).content == third.content
    assert client.get(BOARD, {"page": "abc"}).content == first.content


def test_filters_stay_in_the_pagination_links(client):
    for i in range(25):
        published(days_ago=i, title=f"Head of Product {i}", remote_policy="remote")
    response = client.get(BOARD, {"q": "head", "remote": "remote", "sort": "salary"})
    html = response.content.decode()
    assert 'href="?q=head&amp;remote=remote&amp;sort=salary&amp;page=2"' in html
    page2 = client.get(BOARD, {"q": "head", "remote": "remote", "sort": "salary", "page": 2})
    assert len(titles(page2)) == 5


def test_keyword_searches_title_company_and_description(client):
    published(title="Chief Product Officer")
    published(title="VP Product", company=factories.CompanyFactory(name="Fintechly"))
    published(title="Director of Product", description="You will own our payments platform.")
    published(title="Head of Growth")
    assert titles(client.get(BOARD, {"q": "chief"})) == ["Chief Product Officer"]
    assert titles(client.get(BOARD, {"q": "FINTECH"})) == ["VP Product"]
    assert titles(client.get(BOARD, {"q": "payments"})) == ["Director of Product"]
    assert titles(client.get(BOARD, {"q": "product payments"})) == ["Director of Product"]


def test_role_family_seniority_remote_and_industry_filters(client):
    cpo = published(
        title="CPO",
        role_family=factories.role_family("chief-product-officer"),
        seniority="executive",
        remote_policy="remote",
        industry=factories.industry("healthcare"),
    )
    published(title="Head", role_family=factories.role_family("head-of-product"), seniority="head")
    assert titles(client.get(BOARD, {"role_family": "chief-product-officer"})) == [cpo.title]
    assert titles(client.get(BOARD, {"seniority": "executive"})) == [cpo.title]
    assert titles(client.get(BOARD, {"remote": "remote"})) == [cpo.title]
    assert titles(client.get(BOARD, {"industry": "healthcare"})) == [cpo.title]
    assert set(titles(client.get(BOARD, {"seniority": "head"}))) == {"Head"}


def test_location_matches_city_country_name_and_code(client):
    published(title="Berlin role", city="Berlin", country="DE")
    published(title="London role", city="London", country="GB")
    published(title="Remote role", city="", country="", remote_policy="remote")
    assert titles(client.get(BOARD, {"location": "berl"})) == ["Berlin role"]
    assert titles(client.get(BOARD, {"location": "Germany"})) == ["Berlin role"]
    assert titles(client.get(BOARD, {"location": "gb"})) == ["London role"]
    assert titles(client.get(BOARD, {"location": "remote"})) == ["Remote role"]


def test_minimum_salary_keeps_roles_whose_band_reaches_it(client):
    published(title="Low", salary_min=90_000, salary_max=110_000)
    published(title="Reaches", salary_min=100_000, salary_max=150_000)
    published(title="High", salary_min=180_000, salary_max=220_000)
    assert set(titles(client.get(BOARD, {"min_salary": 150_000}))) == {"Reaches", "High"}
    assert titles(client.get(BOARD, {"min_salary": 200_000})) == ["High"]


def test_sort_by_salary_or_newest(client):
    published(title="Newest, modest", days_ago=0, salary_min=100_000, salary_max=120_000)
    published(title="Older, generous", days_ago=5, salary_min=200_000, salary_max=260_000)
    published(title="Middle", days_ago=2, salary_min=150_000, salary_max=180_000)
    assert titles(client.get(BOARD, {"sort": "salary"})) == ["Older, generous", "Middle", "Newest, modest"]
    assert titles(client.get(BOARD, {"sort": "newest"})) == ["Newest, modest", "Middle", "Older, generous"]


def test_filters_combine(client):
    published(title="Match", city="Berlin", country="DE", remote_policy="hybrid", salary_max=200_000)
    published(title="Wrong place", city="Paris", country="FR", remote_policy="hybrid", salary_max=200_000)
    published(
        title="Too low", city="Berlin", country="DE", remote_policy="hybrid", salary_min=90_000, salary_max=100_000
    )
    response = client.get(BOARD, {"location": "Berlin", "remote": "hybrid", "min_salary": "150000"})
    assert titles(response) == ["Match"]
    html = response.content.decode()
    assert "Location: Berlin" in html
    assert "1 open role matches your filters" in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"min_salary": "abc"}, "min_salary", "whole number"),
        ({"min_salary": "-10"}, "min_salary", "cannot be negative"),
        ({"role_family": "astronaut"}, "role_family", "Select a valid choice"),
        ({"remote": "moon"}, "remote", "Select a valid choice"),
        ({"sort": "random"}, "sort", "Select a valid choice"),
        ({"q": "x" * 101}, "q", "at most 100 characters"),
    ],
)
def test_bad_filter_values_are_explained_and_ignored(client, params, field, message):
    published(title="Still listed")
    response = client.get(BOARD, params)
    assert response.status_code == 200
    assert message in " ".join(response.context["filter"].form.errors[field])
    assert titles(response) == ["Still listed"]


def test_empty_board_says_what_to_do(client):
    html = client.get(BOARD).content.decode()
    assert "No open roles right now" in html
    assert reverse("account_signup") in html


def test_no_results_for_filters_offers_to_clear_them(client):
    published(title="Something")
    html = client.get(BOARD, {"q": "zzzz"}).content.decode()
    assert "No openings match these filters" in html
    assert "See all openings" in html


def test_user_text_on_the_board_is_escaped(client):
    published(title="<script>alert(1)</script>", company=factories.CompanyFactory(name="<b>Evil</b>"))
    html = client.get(BOARD).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Evil</b>" not in html


def _board_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(BOARD, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "product", "role_family": "head-of-product", "industry": "b2b-saas", "min_salary": "1", "sort": "salary"},
    ],
    ids=["plain", "all-filters"],
)
def test_board_query_count_is_pinned_and_does_not_grow_with_rows(client, django_assert_num_queries, params):
    """Cold: role-family choices, industry choices, the count and the page of rows (4 queries), however many
    rows; the cards are rendered from those rows, with no query per card. Once the vocabularies are cached, a
    search the cache has not seen costs the count and the page of rows (2); another page or sort of the same
    filters shares the count (1)."""
    published(title="Head of Product 0", industry=factories.industry("b2b-saas"))
    with django_assert_num_queries(4):
        client.get(BOARD, params)
    for i in range(1, 30):  # new companies: their cards and the vocabularies are read again
        published(title=f"Head of Product {i}", industry=factories.industry("b2b-saas"), days_ago=i)
    with django_assert_num_queries(4):
        response = client.get(BOARD, params)
    assert len(response.context["vacancies"]) == 20
    with django_assert_num_queries(1):
        response = client.get(BOARD, {**params, "page": "2"})
    assert len(response.context["vacancies"]) == 10
    with django_assert_num_queries(2):
        response = client.get(BOARD, {**params, "seniority": "head"})
    assert response.context["page_obj"].paginator.count == 30


def test_board_query_count_for_a_logged_in_candidate(client, candidate, django_assert_num_queries):
    for i in range(25):
        published(days_ago=i)
    client.force_login(candidate)
    # + the session and the user, and the candidate's own part of the cards: their matches and their
    # applications among the 20 shown (recruitment.selectors.fit.board_fit).
    with django_assert_num_queries(8):
        client.get(BOARD)


# --- The board cache -----------------------------------------------------------------------


def test_a_warm_board_costs_no_query_and_shows_the_same(client, django_assert_num_queries):
    for i in range(25):
        published(days_ago=i)
    params = {"q": "head", "sort": "salary", "page": "2"}
    first = client.get(BOARD, params)
    with django_assert_num_queries(0):
        second = client.get(BOARD, params)
    assert second.content == first.content


def test_a_warm_board_for_a_candidate_costs_only_session_user_and_their_fit(
    client, candidate, django_assert_num_queries
):
    published(title="Cached")
    client.force_login(candidate)
    client.get(BOARD)
    # The session, the user, their matches and their applications among the cards shown.
    with django_assert_num_queries(4):
        assert "Cached" in client.get(BOARD).content.decode()


def test_changes_show_at_once_despite_the_cache(client, recruiter):
    from vacancies import services

    vacancy = published(title="Soon closed")
    assert "Soon closed" in client.get(BOARD).content.decode()
    services.vacancy_close(vacancy=vacancy, by=recruiter, reason="filled")
    assert "Soon closed" not in client.get(BOARD).content.decode()
    pending = factories.PendingVacancyFactory(title="Just published")
    services.vacancy_publish(vacancy=pending, by=recruiter)
    assert "Just published" in client.get(BOARD).content.decode()
    company = pending.company
    company.name = "Renamed Ltd"
    company.save()
    assert "Renamed Ltd" in client.get(BOARD).content.decode()


def test_cached_boards_differ_by_audience(client, candidate):
    anonymous = client.get(BOARD).content.decode()
    client.force_login(candidate)
    logged_in = client.get(BOARD).content.decode()
    assert "Create a profile" in anonymous
    assert "Create a profile" not in logged_in
    assert "Keep your profile up to date" in logged_in


def test_unknown_parameters_neither_split_the_cache_nor_leak_into_links(client, django_assert_num_queries):
    for i in range(25):
        published(days_ago=i)
    client.get(BOARD, {"q": "head"})
    with django_assert_num_queries(0):
        response = client.get(BOARD, {"q": "head", "utm_source": "<x>", "evil": "1"})
    html = response.content.decode()
    assert 'href="?q=head&amp;page=2"' in html
    assert "utm_source" not in html
    assert "evil" not in html


def board_entries() -> int:
    from django.core.cache import cache

    kinds = (":vacancies:board:", ":vacancies:visitor-page:")
    return sum(1 for key in cache._cache if any(kind in key for kind in kinds) and "version" not in key)


def test_random_page_values_share_the_cached_pages(client, django_assert_num_queries):
    """200 junk or out-of-range ?page= values used to make 200 cached copies of page 1 (security finding 6):
    page numbers are normalised before they become cache keys."""
    for i in range(45):
        published(days_ago=i)
    client.get(BOARD)
    client.get(BOARD, {"page": 3})
    entries = board_entries()
    junk = ["abc", "0", "-1", "1.0", " 2", "²", "99999999999999999999", "1e3", "%00", *map(str, range(4, 200))]
    for value in junk:
        response = client.get(BOARD, {"page": value})
        assert response.status_code == 200
    assert board_entries() == entries  # still page 1, page 3 (their frames and whole pages) and the last page
    with django_assert_num_queries(0):
        assert "(page 3)" in client.get(BOARD, {"page": "1234"}).content.decode()
        assert "(page " not in client.get(BOARD, {"page": "²"}).content.decode()


def test_board_still_serves_when_the_cache_is_down(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    published(title="Served anyway")
    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    monkeypatch.setattr(cache, "add", broken)
    response = client.get(BOARD)
    assert response.status_code == 200
    assert "Served anyway" in response.content.decode()
    published(title="Saved while the cache is down")  # the invalidation does not break saving


def test_a_cache_outage_costs_one_warning_line_not_a_traceback_per_save(client, monkeypatch, caplog):
    from django.core.cache import cache
    from redis.exceptions import ConnectionError as RedisConnectionError

    from vacancies import board_cache

    def broken(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def outage() -> list:
        caplog.clear()
        with monkeypatch.context() as patch:
            for name in ("get", "set", "add"):
                patch.setattr(cache, name, broken)
            for n in range(3):
                published(title=f"Saved while the cache is down {n}")
            assert client.get(BOARD).status_code == 200
        return [r for r in caplog.records if r.name == "vacancies.board_cache" and r.levelname == "WARNING"]

    monkeypatch.setattr(board_cache, "_away", False)
    caplog.set_level("INFO", logger="vacancies.board_cache")
    [warning] = outage()
    assert "Connection refused" in warning.getMessage()
    assert warning.exc_info is None
    published(title="Saved once the cache is back")
    assert len(outage()) == 1  # the next outage is reported again


def test_cache_can_be_turned_off(client, settings, django_assert_num_queries):
    settings.BOARD_CACHE_SECONDS = 0
    published()
    client.get(BOARD)
    with django_assert_num_queries(4):
        client.get(BOARD)


# --- Salaries across currencies (one reference currency, accounts.money) ------------------------


def bands() -> dict[str, Vacancy]:
    return {
        currency: published(
            title=f"Band {currency}", salary_min=amount // 2, salary_max=amount, salary_currency=currency
        )
        for currency, amount in [
            ("SEK", 1_450_000),
            ("DKK", 1_050_000),
            ("CHF", 260_000),
            ("USD", 210_000),
            ("PLN", 420_000),
        ]
    }


def test_highest_salary_first_compares_bands_across_currencies(client):
    bands()
    response = client.get(BOARD, {"sort": "salary"})
    # In euros: CHF 270k, USD 193k, DKK 141k, SEK 128k, PLN 97k (the raw numbers would put SEK first).
    assert titles(response) == ["Band CHF", "Band USD", "Band DKK", "Band SEK", "Band PLN"]


def test_minimum_salary_is_in_the_chosen_currency_and_converts_the_bands(client):
    bands()
    in_euros = titles(client.get(BOARD, {"min_salary": 150000}))
    assert sorted(in_euros) == ["Band CHF", "Band USD"]  # PLN 420k is about EUR 97k: no longer let through
    in_pounds = client.get(BOARD, {"min_salary": 150000, "currency": "GBP"})  # GBP 150k is about EUR 176k
    assert sorted(titles(in_pounds)) == ["Band CHF", "Band USD"]
    assert "Minimum salary: GBP 150,000+" in in_pounds.content.decode()
    assert titles(client.get(BOARD, {"min_salary": 200000, "currency": "GBP"})) == ["Band CHF"]
    assert client.get(BOARD, {"currency": "XYZ"}).status_code == 200  # an unknown currency is a form error


def test_the_band_in_euros_follows_every_write(client):
    vacancy = published(salary_min=100_000, salary_max=200_000, salary_currency="EUR")
    vacancy.refresh_from_db()
    assert (vacancy.salary_min_eur, vacancy.salary_max_eur) == (100_000, 200_000)
    Vacancy.objects.filter(pk=vacancy.pk).update(salary_currency="GBP")  # no save(): the database computes it
    vacancy.refresh_from_db()
    assert vacancy.salary_max_eur == pytest.approx(234_000)
    vacancy.salary_currency, vacancy.salary_max = "SEK", 1_000_000
    vacancy.save()
    vacancy.refresh_from_db()
    assert vacancy.salary_max_eur == pytest.approx(88_000)


def test_a_candidate_sees_salaries_against_their_own_currency(client, candidate):
    candidate.candidate_profile.salary_currency = "GBP"
    candidate.candidate_profile.save()
    bands()
    client.post(reverse("account_login"), {"login": candidate.email, "password": factories.PASSWORD})
    html = client.get(BOARD).content.decode()
    assert '<option value="GBP" selected>' in html
    assert sorted(titles(client.get(BOARD, {"min_salary": 150000}))) == ["Band CHF", "Band USD"]
    assert '<option value="EUR" selected>' in client.get(BOARD, {"currency": "EUR"}).content.decode()


def test_changing_the_profile_currency_changes_the_boards_default(client, candidate):
    from tests.security.world import profile_data

    client.post(reverse("account_login"), {"login": candidate.email, "password": factories.PASSWORD})
    assert '<option value="EUR" selected>' in client.get(BOARD).content.decode()
    saved = client.post(reverse("accounts:profile"), profile_data(salary_currency="CHF"))
    assert saved.status_code == 302
    assert '<option value="CHF" selected>' in client.get(BOARD).content.decode()
