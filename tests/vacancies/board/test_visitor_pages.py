"""Whole public pages kept for visitors who are not logged in (vacancies.visitor_pages), and the per-process copies
and per-request versions under them (vacancies.board_cache). Freshness after public changes is proven in
test_board_fresh (locmem and a real Redis), which runs as a visitor: every check there is of a kept page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from tests import factories
from vacancies import board_cache, services
from vacancies.visitor_pages import kept_for_visitors

pytestmark = pytest.mark.django_db

BOARD = reverse("vacancies:vacancy_list")
HOME = reverse("home")


def test_a_visitor_gets_each_public_page_kept_whole_with_no_query(client, django_assert_num_queries):
    vacancy = factories.PublishedVacancyFactory(title="Kept role")
    paths = [HOME, BOARD, f"{BOARD}?q=kept&sort=salary", f"{BOARD}?page=2", vacancy.get_absolute_url()]
    first = {path: client.get(path) for path in paths}
    for path in paths:
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.status_code == 200, path
        assert again.content == first[path].content, path
        assert again["Content-Type"] == "text/html; charset=utf-8"
        # The middleware still runs on a kept page.
        assert again["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in again


def test_a_closed_vacancy_keeps_its_noindex_header(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    services.vacancy_close(vacancy=vacancy, by=recruiter, reason="filled")
    for _ in range(2):
        response = client.get(vacancy.get_absolute_url())
        assert response["X-Robots-Tag"] == "noindex"
        assert "This vacancy is closed." in response.content.decode()


def test_a_missing_vacancy_is_never_kept(client):
    for _ in range(2):
        assert client.get(reverse("vacancies:vacancy_detail", args=["no-such-role"])).status_code == 404
    assert not [key for key in cache._cache if ":vacancies:visitor-page:" in key]


def test_people_who_are_logged_in_never_get_nor_leave_a_visitors_page(client, candidate):
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(candidate)
    for path in (HOME, BOARD, vacancy.get_absolute_url()):
        page = client.get(path).content.decode()
        assert candidate.email in page or "Dashboard" in page, path
    client.logout()
    for path in (HOME, BOARD, vacancy.get_absolute_url()):
        page = client.get(path).content.decode()
        assert "Join as a candidate" in page, path
        assert "Dashboard" not in page, path
    client.force_login(candidate)
    for path in (HOME, BOARD, vacancy.get_absolute_url()):
        page = client.get(path).content.decode()
        assert "Join as a candidate" not in page, path
        assert "Dashboard" in page, path


def test_a_waiting_message_is_shown_once_and_never_kept(client, candidate):
    client.get(HOME)  # the page is kept for visitors
    client.force_login(candidate)
    client.post(reverse("account_logout"))
    assert "You have signed out." in client.get(HOME).content.decode()
    assert "You have signed out." not in client.get(HOME).content.decode()
    assert "You have signed out." not in Client().get(HOME).content.decode()


def test_each_host_has_its_own_page(client):
    vacancy = factories.PublishedVacancyFactory()
    for host in ("testserver", "localhost", "testserver"):
        page = client.get(vacancy.get_absolute_url(), HTTP_HOST=host).content.decode()
        assert f'rel="canonical" href="http://{host}{vacancy.get_absolute_url()}"' in page


def test_pages_render_as_usual_when_the_cache_is_away(client, monkeypatch):
    vacancy = factories.PublishedVacancyFactory(title="Served anyway")

    def broken(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    for name in ("get", "get_many", "set", "set_many", "add"):
        monkeypatch.setattr(cache, name, broken)
    for path in (HOME, BOARD, vacancy.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200
        assert "Served anyway" in response.content.decode()


def test_a_renamed_skill_shows_on_the_next_request(client):
    vacancy = factories.PublishedVacancyFactory(required_skills=factories.skills("payments"))
    assert "Payments" in client.get(vacancy.get_absolute_url()).content.decode()
    skill = vacancy.skill_requirements.get().skill
    skill.name = "Payments and billing"
    skill.save()
    assert "Payments and billing" in client.get(vacancy.get_absolute_url()).content.decode()


# --- The decorator's rules, on a view of our own -------------------------------------------------------------


def visitor(method: str = "get", path: str = "/somewhere/"):
    request = getattr(RequestFactory(), method)(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class Counted:
    """A view that counts its calls and does `act(request, response)` before answering."""

    def __init__(self, act=lambda request, response: None, status: int = 200):
        self.calls = 0
        self.act = act
        self.status = status

    def __call__(self, request):
        self.calls += 1
        response = HttpResponse(f"call {self.calls}", status=self.status)
        self.act(request, response)
        return response


def served_twice(view, *, method: str = "get") -> tuple[str, str]:
    decorated = kept_for_visitors(lambda request: "a page of our own")(view)
    return tuple(decorated(visitor(method)).content.decode() for _ in range(2))


def test_an_ordinary_page_is_kept_and_served_to_get_and_head():
    view = Counted(act=lambda request, response: response.headers.__setitem__("X-Robots-Tag", "noindex"))
    decorated = kept_for_visitors(lambda request: "a page of our own")(view)
    assert decorated(visitor()).content == b"call 1"
    again = decorated(visitor())
    head = decorated(visitor("head"))
    assert (again.content, head.content, view.calls) == (b"call 1", b"call 1", 1)
    assert again["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(lambda request, response: get_token(request), id="csrf token used"),
        pytest.param(lambda request, response: response.set_cookie("seen", "1"), id="cookie set"),
        pytest.param(lambda request, response: request.session.__setitem__("seen", True), id="session changed"),
        pytest.param(
            lambda request, response: request._messages.add(20, "Welcome back"),
            id="message added",
        ),
    ],
)
def test_a_page_of_the_visitors_own_is_not_kept(act):
    view = Counted(act=act)
    assert served_twice(view) == ("call 1", "call 2")


@pytest.mark.parametrize("status", [301, 302, 404, 500])
def test_only_a_200_is_kept(status):
    assert served_twice(Counted(status=status)) == ("call 1", "call 2")


def test_a_post_is_never_answered_from_a_kept_page():
    view = Counted()
    decorated = kept_for_visitors(lambda request: "a page of our own")(view)
    decorated(visitor())
    assert decorated(visitor("post")).content == b"call 2"


def test_the_view_still_raises_for_a_missing_page():
    def missing(request):
        raise Http404("No such page.")

    decorated = kept_for_visitors(lambda request: "missing")(missing)
    for _ in range(2):
        with pytest.raises(Http404):
            decorated(visitor())


def test_caching_off_keeps_nothing(settings):
    settings.BOARD_CACHE_SECONDS = 0
    assert served_twice(Counted()) == ("call 1", "call 2")


# --- The per-process copies and the per-request versions -----------------------------------------------------


def test_recent_keeps_the_latest_entries_within_its_byte_limit():
    recent = board_cache.Recent(limit=1000)
    recent.put_many({"a": "x" * 300, "b": "y" * 300})
    assert recent.get_many(["a"]) == {"a": "x" * 300}  # "a" is now the most recently used
    recent.put_many({"c": "z" * 300})
    assert set(recent.get_many(["a", "b", "c"])) == {"a", "c"}  # "b" went first
    assert recent.size <= 1000
    recent.put_many({"huge": "w" * 5000})  # larger than the whole limit: not kept
    assert recent.get_many(["huge"]) == {}
    recent.put_many({"a": "shorter"})
    assert recent.get_many(["a"]) == {"a": "shorter"}
    assert recent.size == sum(board_cache.Recent.weight(v) for v in recent.get_many(["a", "c"]).values())


def test_the_shared_cache_is_asked_for_the_versions_once_a_request(client, monkeypatch):
    factories.PublishedVacancyFactory()
    client.get(BOARD)
    asked = []
    original = cache.get_many

    def counting(keys, *args, **kwargs):
        asked.append(tuple(keys))
        return original(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counting)
    assert client.get(BOARD).status_code == 200
    assert asked == [(board_cache.VERSION_KEY, board_cache.CARDS_VERSION_KEY)]  # the rest is this process's copy


def test_a_version_moved_during_a_request_is_read_again():
    from django.core.signals import request_finished, request_started

    request_started.send(sender=None)
    try:
        before = board_cache.versions()
        board_cache.bump_version(cards=True)
        after = board_cache.versions()
        assert after[0] != before[0]
        assert after[1] != before[1]
    finally:
        request_finished.send(sender=None)


def test_the_filter_form_counts_the_filters_in_use_and_offers_to_clear_them(client):
    factories.PublishedVacancyFactory(remote_policy="remote")
    page = client.get(BOARD, {"remote": "remote", "min_salary": "100000"}).content.decode()
    assert "Filters (2)" in page
    assert "Clear all filters" in page
    page = client.get(BOARD).content.decode()
    assert "Filters (" not in page
    assert "Clear all filters" not in page


def test_a_publish_keeps_the_filter_forms(client, recruiter):
    """The form shows the query and the vocabularies, no vacancy: after a publish the frames are rendered
    again, the forms are not."""
    from unittest import mock

    from django.template.loader import render_to_string

    factories.PublishedVacancyFactory()
    pending = factories.PendingVacancyFactory()  # (a new company moves the cards version: made first)
    client.get(BOARD, {"remote": "remote"})
    services.vacancy_publish(vacancy=pending, by=recruiter)
    with mock.patch("vacancies.board_pages.render_to_string", wraps=render_to_string) as rendered:
        client.get(BOARD, {"remote": "remote"})
    templates = [call.args[0] for call in rendered.call_args_list]
    assert "vacancies/includes/board.html" in templates
    assert "vacancies/includes/board_form.html" not in templates
