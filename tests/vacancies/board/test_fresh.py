"""The public pages are built from cached pieces (vacancies.board_pages, vacancies.vacancy_page): a change the
public can see shows on the very next request, on the board and on the vacancy's page, with the in-process
cache and with Redis (as production runs)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.support.fixtures import redis_server  # noqa: F401 - the fixture, used by name
from vacancies import board_cache, services
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

BOARD = reverse("vacancies:vacancy_list")


@pytest.fixture(params=["locmem", "redis"])
def public_cache(request, settings):
    """Each test runs against the in-process cache and against a real redis-server on loopback."""
    original = settings.CACHES
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        settings.CACHES = {
            "default": {
                "BACKEND": "recruitment.config.cache.ResilientRedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
    settings.BOARD_CACHE_SECONDS = 300
    yield request.param
    settings.CACHES = original  # back to the in-process cache before the server stops (the suite clears it)


def warm(client, *paths: str) -> None:
    """Each page twice: the second answer comes from the cache."""
    for path in paths:
        client.get(path)
        client.get(path)


def shows(client, path: str, text: str) -> bool:
    response = client.get(path)
    assert response.status_code in (200, 404)
    return response.status_code == 200 and text in response.content.decode()


def test_the_cache_is_really_used(client, public_cache, django_assert_num_queries):
    vacancy = factories.PublishedVacancyFactory(title="Cached role")
    warm(client, BOARD, vacancy.get_absolute_url())
    with django_assert_num_queries(0):
        assert "Cached role" in client.get(BOARD).content.decode()
    with django_assert_num_queries(0):  # a visitor who is not logged in gets the whole page as kept
        assert "Lead product for our platform." in client.get(vacancy.get_absolute_url()).content.decode()
    client.force_login(factories.UserFactory(role="employer"))
    client.get(vacancy.get_absolute_url())
    # Session, user, finding the vacancy (its update time keys the cached parts), "have I applied?" is skipped.
    with django_assert_num_queries(3):
        assert "Lead product for our platform." in client.get(vacancy.get_absolute_url()).content.decode()


def test_publishing_shows_at_once(client, public_cache, recruiter):
    pending = factories.PendingVacancyFactory(title="Freshly published")
    warm(client, BOARD, f"{BOARD}?q=freshly", f"{BOARD}?sort=salary")
    assert client.get(pending.get_absolute_url()).status_code == 404
    services.vacancy_publish(vacancy=pending, by=recruiter)
    for path in (BOARD, f"{BOARD}?q=freshly", f"{BOARD}?sort=salary", pending.get_absolute_url()):
        assert shows(client, path, "Freshly published"), path


def test_an_edit_of_a_published_vacancy_shows_at_once(client, public_cache):
    vacancy = factories.PublishedVacancyFactory(title="Before the edit", description="Old words.")
    other = factories.PublishedVacancyFactory(title="Untouched neighbour")
    warm(client, BOARD, f"{BOARD}?q=edit", vacancy.get_absolute_url(), other.get_absolute_url())
    vacancy.refresh_from_db()
    vacancy.title = "After the edit"
    vacancy.description = "New words."
    vacancy.salary_max = 190_000
    vacancy.save()  # as the workspace's change form saves it
    board = client.get(BOARD).content.decode()
    assert "After the edit" in board
    assert "Before the edit" not in board
    assert "190,000" in board
    assert "Untouched neighbour" in board
    assert "After the edit" in client.get(f"{BOARD}?q=after").content.decode()
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "New words." in page
    assert "Old words." not in page
    assert '"title":"After the edit"' in page  # the JSON-LD too


def test_a_company_rename_and_new_logo_show_at_once(client, public_cache, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    vacancy = factories.PublishedVacancyFactory(company__name="Old Name Ltd")
    warm(client, BOARD, vacancy.get_absolute_url())
    company = vacancy.company
    company.name = "New Name Ltd"
    company.logo = "logos/new.png"
    company.save()
    for path in (BOARD, vacancy.get_absolute_url()):
        html = client.get(path).content.decode()
        assert "New Name Ltd" in html, path
        assert "Old Name Ltd" not in html, path
        assert "/media/logos/new.png" in html, path


def test_closing_shows_at_once(client, public_cache, recruiter):
    vacancy = factories.PublishedVacancyFactory(title="About to close")
    warm(client, BOARD, f"{BOARD}?q=close", vacancy.get_absolute_url())
    services.vacancy_close(vacancy=vacancy, by=recruiter, reason="filled")
    assert "About to close" not in client.get(BOARD).content.decode()
    assert "About to close" not in client.get(f"{BOARD}?q=close").content.decode()
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "This vacancy is closed." in page
    assert "application/ld+json" not in page


def test_expiry_shows_at_once_when_the_date_passes_and_when_the_task_runs(client, public_cache, monkeypatch):
    vacancy = factories.PublishedVacancyFactory(title="Last day today", closes_on=timezone.localdate())
    warm(client, BOARD, vacancy.get_absolute_url())
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "application/ld+json" in page
    assert "This vacancy is closed." not in page
    # Midnight passes: nothing is saved, yet the board and the page know the date.
    tomorrow = timezone.now() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert "Last day today" not in client.get(BOARD).content.decode()
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "This vacancy is closed." in page
    assert "application/ld+json" not in page
    # The periodic task marks it expired.
    assert services.vacancies_expire_due() == 1
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.EXPIRED
    assert "Last day today" not in client.get(BOARD).content.decode()
    assert "This vacancy is closed." in client.get(vacancy.get_absolute_url()).content.decode()


def test_changes_the_public_cannot_see_keep_the_cache(client, public_cache, employer):
    """A draft saved or submitted does not throw the cached board away (only public changes do)."""
    company = factories.PublishedVacancyFactory(title="Stays cached").company
    warm(client, BOARD)
    version = board_cache.versions()
    draft = factories.VacancyFactory(title="A draft", company=company)
    draft.title = "A draft, edited"
    draft.save()
    factories.PendingVacancyFactory(title="Submitted", company=company)
    assert board_cache.versions() == version
    factories.PublishedVacancyFactory(title="Now public", company=company)
    assert board_cache.versions()[0] != version[0]
    assert board_cache.versions()[1] == version[1]  # the other cards stay cached


def test_cards_are_shared_by_every_search(client, public_cache, django_assert_num_queries):
    for i in range(3):
        factories.PublishedVacancyFactory(title=f"Shared card {i}", salary_max=150_000 + i)
    client.get(BOARD)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(BOARD, {"sort": "salary"})  # another sort: the rows only (count and cards from the cache)
    assert len(queries.captured_queries) == 1
    with django_assert_num_queries(0):
        client.get(BOARD, {"sort": "salary"})
