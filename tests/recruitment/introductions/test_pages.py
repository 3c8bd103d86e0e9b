"""Introduction pages: the candidate's answer (signed link and dashboard) and the client's list and answer,
with hostile input (always a 400 with the form's errors, nothing changed, never a 5xx), CSRF on every POST
and the lists' query counts pinned. The workspace's pages are in test_introductions_workspace.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recruitment.models import Notification
from recruitment.models.introductions import Introduction, IntroductionEvent
from recruitment.services.introductions import introduction_client_answer
from tests import factories
from tests.support.introductions import PITCH, link
from vacancies.models import Application

pytestmark = pytest.mark.django_db

Status = Introduction.Status
DETAIL_LINK = re.compile(r'href="/employers/introductions/\d+/"')


def state(introduction: Introduction) -> tuple:
    """Everything an answer may change."""
    introduction.refresh_from_db()
    return (
        introduction.status,
        introduction.consent_round,
        introduction.candidate_reason,
        introduction.candidate_note,
        introduction.client_reason,
        introduction.client_note,
        introduction.revealed_at,
        IntroductionEvent.objects.count(),
        Notification.objects.count(),
        Application.objects.count(),
    )


def detail(introduction) -> str:
    return reverse("employer_introductions:detail", args=[introduction.pk])


HOSTILE_CANDIDATE_ANSWERS = [
    {},
    {"answer": "maybe"},
    {"answer": "accept\x00"},
    {"answer": ""},
    {"answer": "decline"},
    {"answer": "decline", "reason": "bored"},
    {"answer": "decline", "reason": "timing\x00"},
    {"answer": "accept", "note": "x" * 10_000},
    {"answer": "accept", "note": "fine\x00"},
    {"answer": ["accept", "sideways"]},
]


@pytest.mark.parametrize("data", HOSTILE_CANDIDATE_ANSWERS)
def test_hostile_answers_on_the_consent_link_are_400_and_change_nothing(client, setting, data):
    introduction = setting.propose()
    before = state(introduction)
    response = client.post(link(introduction), data)
    assert response.status_code == 400
    assert 'class="invalid-feedback"' in response.content.decode() or "text-danger" in response.content.decode()
    assert state(introduction) == before


def test_hostile_answers_on_the_dashboard_page_are_400_and_change_nothing(client, setting):
    introduction = setting.propose()
    url = reverse("my_introductions:detail", args=[introduction.pk])
    client.force_login(setting.candidate)
    before = state(introduction)
    for data in HOSTILE_CANDIDATE_ANSWERS:
        assert client.post(url, data).status_code == 400, data
    assert state(introduction) == before


def test_the_candidate_answers_from_the_dashboard(client, setting):
    introduction = setting.propose()
    client.force_login(setting.candidate)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    url = reverse("my_introductions:detail", args=[introduction.pk])
    assert f'href="{url}"' in dashboard
    assert "would like to introduce you to Orrery Health 7731" in dashboard
    page = client.get(url)
    assert page.status_code == 200
    assert PITCH in page.content.decode()
    assert '<input type="hidden" name="round" value="1">' in page.content.decode()
    assert client.post(url, {"answer": "accept", "note": "Happy to talk.", "round": "1"}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.WITH_CLIENT
    assert url not in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_stale_dashboard_form_cannot_reveal_the_candidate(client, setting):
    introduction = setting.propose()
    url = reverse("my_introductions:detail", args=[introduction.pk])
    client.force_login(setting.candidate)
    answer = {"answer": "accept", "round": "1"}
    assert client.post(url, answer).status_code == 302
    introduction_client_answer(introduction=introduction, by=setting.employer, answer="reveal")
    before = state(introduction)
    for stale in (
        answer,
        {"answer": "accept"},
        {"answer": "accept", "round": "²"},
        {"answer": "accept", "round": "9" * 9},
    ):
        response = client.post(url, stale, follow=True)
        assert "answered already or is no longer open" in response.content.decode()
    assert state(introduction) == before
    assert introduction.revealed_at is None
    page = client.get(url).content.decode()
    assert "would like to know who you are" in page
    assert '<input type="hidden" name="round" value="2">' in page
    assert client.post(url, {"answer": "accept", "round": "2"}).status_code == 302
    introduction.refresh_from_db()
    assert (introduction.status, introduction.revealed_at is not None) == (Status.WITH_CLIENT, True)


def test_the_dashboard_card_query_count_does_not_grow_with_introductions(
    client, setting, recruiter, django_assert_num_queries
):
    setting.propose()
    client.force_login(setting.candidate)
    client.get(reverse("accounts:dashboard"))
    # the card is one query (introductions_awaiting); the interviews card and the applied marks one each
    with django_assert_num_queries(13) as few:
        client.get(reverse("accounts:dashboard"))
    for n in range(3):
        vacancy = factories.PublishedVacancyFactory(company__name=f"Other Client {n} 7731")
        Introduction.objects.create(
            candidate=setting.profile,
            vacancy=vacancy,
            recruiter=recruiter,
            pitch="p",
            status=Status.REVEAL_REQUESTED if n else Status.AWAITING_CANDIDATE,
            consent_round=2 if n else 1,
            asked_at=timezone.now(),
        )
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(reverse("accounts:dashboard")).content.decode()
    assert html.count('href="/me/introductions/') == 4
    assert html.count("would like to know who you are") == 2


# --- The client --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"answer": "hire"},
        {"answer": "not_a_fit"},
        {"answer": "not_a_fit", "reason": "vibes"},
        {"answer": "not_a_fit", "reason": "skills", "note": "x" * 10_000},
        {"answer": "not_a_fit", "reason": "skills", "note": "no\x00"},
        {"answer": "reveal\x00"},
        {"answer": ["reveal", "hire"]},
    ],
)
def test_hostile_client_answers_are_400_and_change_nothing(client, setting, data):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    before = state(introduction)
    response = client.post(detail(introduction), data)
    assert response.status_code == 400
    assert "Send my answer" in response.content.decode()
    assert state(introduction) == before


def test_the_client_answers_not_a_fit_from_the_page(client, setting):
    introduction = setting.with_client()
    client.force_login(setting.employer)
    response = client.post(detail(introduction), {"answer": "not_a_fit", "reason": "salary"}, follow=True)
    assert "your answer is recorded" in response.content.decode()
    introduction.refresh_from_db()
    assert (introduction.status, introduction.client_reason) == (Status.NOT_A_FIT, "salary")
    assert Notification.objects.get(kind="application_declined").status == "scheduled"
    again = client.post(detail(introduction), {"answer": "not_a_fit", "reason": "salary"}, follow=True)
    assert "not waiting for your answer" in again.content.decode()


def test_the_client_marks_a_revealed_candidate_interested_and_sees_the_application(client, setting):
    introduction = setting.revealed()
    client.force_login(setting.employer)
    assert 'value="interested"' in client.get(detail(introduction)).content.decode()
    assert client.post(detail(introduction), {"answer": "interested", "note": "Call her."}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.CLIENT_INTERESTED
    html = client.get(detail(introduction)).content.decode()
    assert "the application is at Screening" in html
    applicants = client.get(reverse("employers:vacancy_applicants", args=[setting.vacancy.pk]))
    assert setting.candidate.last_name in applicants.content.decode()


def test_csrf_is_enforced_on_the_consent_link_and_the_client_answer(setting):
    introduction = setting.with_client()
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(link(introduction), {"answer": "accept"}).status_code == 403
    browser.force_login(setting.employer)
    before = state(introduction)
    assert browser.post(detail(introduction), {"answer": "reveal"}).status_code == 403
    assert state(introduction) == before
    other = factories.PublishedVacancyFactory(company=setting.vacancy.company)
    asked = Introduction.objects.create(
        candidate=setting.profile, vacancy=other, pitch="p", status=Status.AWAITING_CANDIDATE, consent_round=1
    )
    before = state(asked)
    assert Client(enforce_csrf_checks=True).post(link(asked), {"answer": "accept"}).status_code == 403
    candidate = Client(enforce_csrf_checks=True)
    candidate.force_login(setting.candidate)
    assert candidate.post(reverse("my_introductions:detail", args=[asked.pk]), {"answer": "accept"}).status_code == 403
    assert state(asked) == before


def _introduce_many(setting, count: int) -> None:
    for n in range(count):
        profile = factories.CompleteCandidateProfileFactory(user=factories.UserFactory())
        Introduction.objects.create(
            candidate=profile,
            vacancy=setting.vacancy,
            pitch=f"pitch {n}",
            presentation="anonymised" if n % 2 else "full",
            revealed_at=timezone.now() if n % 4 == 1 else None,
            status=[Status.WITH_CLIENT, Status.REVEAL_REQUESTED, Status.NOT_A_FIT][n % 3],
        )


def test_the_client_list_query_count_does_not_grow(client, setting, django_assert_num_queries):
    _introduce_many(setting, 2)
    client.force_login(setting.employer)
    url = reverse("employer_introductions:list")
    client.get(url)
    with django_assert_num_queries(5) as few:  # session, user, company, count, the page with candidates
        html = client.get(url).content.decode()
    assert len(DETAIL_LINK.findall(html)) == 2
    _introduce_many(setting, 10)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert len(DETAIL_LINK.findall(html)) == 12
    assert html.count("Waiting for your answer") == 5


def test_the_client_list_is_paginated_and_hostile_pages_are_404(client, setting):
    _introduce_many(setting, 26)
    client.force_login(setting.employer)
    url = reverse("employer_introductions:list")
    assert len(DETAIL_LINK.findall(client.get(url, {"page": 2}).content.decode())) == 1
    for page in ("999", "x\x00", "-1", "1" * 400):
        assert client.get(url, {"page": page}).status_code == 404
