"""Introductions in the recruiter workspace: the introduce form (GET shows, POST introduces, refusals and bad
input are 400s that write nothing), Ask / Withdraw (POST only, Recruiters group only, CSRF), the introduction's
page with the time in each status, and the list with its filters and pinned query count."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from recruitment.models import ContactLogEntry, Notification
from recruitment.models.introductions import Introduction, IntroductionEvent
from tests import factories
from tests.support.introductions import FIRST_NAME, PITCH, REASON, staff_outside_the_group

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def new_url(setting) -> str:
    return reverse("admin:recruitment_introduction_new", args=[setting.profile.pk, setting.vacancy.pk])


def page_url(introduction) -> str:
    return reverse("admin:recruitment_introduction_change", args=[introduction.pk])


def verb_url(introduction, verb: str) -> str:
    return reverse(f"admin:recruitment_introduction_{verb}", args=[introduction.pk])


def written() -> tuple[int, int, int, int]:
    return (
        Introduction.objects.count(),
        IntroductionEvent.objects.count(),
        ContactLogEntry.objects.count(),
        Notification.objects.count(),
    )


@pytest.fixture
def workspace(client, setting):
    client.force_login(setting.recruiter)
    return client


def test_the_introduce_form_shows_the_match_and_changes_nothing(workspace, setting):
    response = workspace.get(new_url(setting))
    assert response.status_code == 200
    html = response.content.decode()
    assert REASON in html
    assert 'name="pitch"' in html
    assert '<label for="id_pitch"' in html
    assert written() == (0, 0, 0, 0)


def test_introducing_from_the_workspace_asks_the_candidate(
    workspace, setting, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = workspace.post(new_url(setting), {"pitch": PITCH, "presentation": "anonymised", "ask_now": "on"})
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == page_url(introduction)
    assert (introduction.status, introduction.presentation, introduction.recruiter) == (
        Status.AWAITING_CANDIDATE,
        "anonymised",
        setting.recruiter,
    )
    assert [message.to for message in mail.outbox] == [[setting.candidate.email]]
    candidate_page = workspace.get(reverse("admin:accounts_candidateprofile_change", args=[setting.profile.pk]))
    assert "Introduced: awaiting the candidate" in candidate_page.content.decode()


def test_introducing_without_asking_keeps_a_proposal_and_ask_sends_it(workspace, setting):
    candidate_page = reverse("admin:accounts_candidateprofile_change", args=[setting.profile.pk])
    assert new_url(setting) in workspace.get(candidate_page).content.decode()
    assert workspace.post(new_url(setting), {"pitch": PITCH, "presentation": "full"}).status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.status == Status.PROPOSED
    assert not Notification.objects.exists()
    html = workspace.get(page_url(introduction)).content.decode()
    assert "Ask the candidate now" in html
    assert verb_url(introduction, "ask") in html
    assert workspace.post(verb_url(introduction, "ask")).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE
    assert Notification.objects.get().kind == "introduction_consent"
    again = workspace.post(verb_url(introduction, "ask"), follow=True)
    assert "Not sent: Only a proposal" in again.content.decode()
    assert Notification.objects.count() == 1


def test_a_refusal_is_explained_and_a_post_writes_nothing(workspace, setting):
    factories.ApplicationFactory(candidate=setting.candidate, vacancy=setting.vacancy)
    before = written()
    html = workspace.get(new_url(setting)).content.decode()
    assert "has already applied" in html
    response = workspace.post(new_url(setting), {"pitch": PITCH, "presentation": "full", "ask_now": "on"})
    assert response.status_code == 400
    assert "has already applied" in response.content.decode()
    assert written() == before


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"pitch": "", "presentation": "full"},
        {"pitch": "x" * 2001, "presentation": "full"},
        {"pitch": "Strong\x00 leader", "presentation": "full"},
        {"pitch": PITCH, "presentation": "sideways"},
        {"pitch": PITCH, "presentation": "anonymised\x00"},
        {"pitch": f"{FIRST_NAME} is a strong leader", "presentation": "anonymised"},
        {"pitch": [PITCH, "y" * 5000], "presentation": ["full", "anonymised"]},
    ],
    ids=["empty", "no pitch", "over-long", "NUL", "bad presentation", "NUL presentation", "names them", "lists"],
)
def test_bad_input_on_the_introduce_form_is_400_and_writes_nothing(workspace, setting, data):
    response = workspace.post(new_url(setting), data)
    assert response.status_code == 400
    assert 'class="errornote"' in response.content.decode()
    assert written() == (0, 0, 0, 0)


def test_the_introduce_form_for_missing_objects_is_404(workspace, setting):
    missing = [(setting.profile.pk, 999_999), (999_999, setting.vacancy.pk)]
    for candidate_id, vacancy_id in missing:
        url = reverse("admin:recruitment_introduction_new", args=[candidate_id, vacancy_id])
        assert workspace.get(url).status_code == 404
        assert workspace.post(url, {"pitch": PITCH, "presentation": "full"}).status_code == 404


def test_staff_outside_the_group_may_not_introduce_ask_or_withdraw(client, setting):
    introduction = setting.propose(ask_now=False)
    client.force_login(staff_outside_the_group())
    before = written()
    assert client.get(new_url(setting)).status_code == 403
    assert client.post(new_url(setting), {"pitch": PITCH, "presentation": "full"}).status_code == 403
    assert client.post(verb_url(introduction, "ask")).status_code == 403
    assert client.post(verb_url(introduction, "withdraw"), {"note": "x"}).status_code == 403
    assert client.get(page_url(introduction)).status_code == 403
    assert written() == before
    introduction.refresh_from_db()
    assert introduction.status == Status.PROPOSED


def test_ask_and_withdraw_answer_only_posts(workspace, setting):
    introduction = setting.propose(ask_now=False)
    before = written()
    for verb in ("ask", "withdraw"):
        assert workspace.get(verb_url(introduction, verb)).status_code == 405
    assert written() == before


def test_withdrawing_closes_the_introduction_with_the_note(workspace, setting):
    introduction = setting.propose()
    assert workspace.post(verb_url(introduction, "withdraw"), {"note": "Role paused."}).status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.WITHDRAWN
    assert introduction.events.last().note == "Role paused."
    again = workspace.post(verb_url(introduction, "withdraw"), {"note": ""}, follow=True)
    assert "Not withdrawn: This introduction is over already." in again.content.decode()
    ask = workspace.post(verb_url(introduction, "ask"), follow=True)
    assert "Not sent" in ask.content.decode()


@pytest.mark.parametrize("note", ["x" * 2001, "a\x00b"])
def test_a_hostile_withdraw_note_is_refused(workspace, setting, note):
    introduction = setting.propose()
    response = workspace.post(verb_url(introduction, "withdraw"), {"note": note}, follow=True)
    assert response.status_code == 200
    assert "Not withdrawn" in response.content.decode()
    introduction.refresh_from_db()
    assert introduction.status == Status.AWAITING_CANDIDATE


def test_csrf_is_enforced_on_the_workspace_posts(setting):
    introduction = setting.propose(ask_now=False)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(setting.recruiter)
    before = written()
    assert browser.post(new_url(setting), {"pitch": PITCH, "presentation": "full"}).status_code == 403
    assert browser.post(verb_url(introduction, "ask")).status_code == 403
    assert browser.post(verb_url(introduction, "withdraw")).status_code == 403
    assert written() == before


def test_the_introduction_page_shows_the_time_in_each_status(workspace, setting):
    introduction = setting.with_client()
    response = workspace.get(page_url(introduction))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Time in each status" in html
    for label in ("Proposed", "Awaiting the candidate", "With the client"):
        assert f"<td>{label}</td>" in html
    assert PITCH in html
    assert "Withdraw" in html
    assert "Ask the candidate now" not in html


def _many(setting, count: int) -> None:
    for n in range(count):
        profile = factories.CandidateProfileFactory(user=factories.UserFactory())
        vacancy = factories.PublishedVacancyFactory()
        Introduction.objects.create(
            candidate=profile,
            vacancy=vacancy if n % 2 else setting.vacancy,
            recruiter=setting.recruiter if n % 3 else None,
            pitch=f"pitch {n}",
            status=[Status.WITH_CLIENT, Status.AWAITING_CANDIDATE][n % 2],
            status_changed_at=timezone.now(),
        )


def test_the_list_filters_and_its_query_count_does_not_grow(workspace, setting, django_assert_num_queries):
    _many(setting, 2)
    url = reverse("admin:recruitment_introduction_changelist")
    workspace.get(url)
    with django_assert_num_queries(8) as few:  # session, user, permissions, filters, the page (no count)
        html = workspace.get(url).content.decode()
    assert html.count("N-0") == 2
    _many(setting, 10)
    with django_assert_num_queries(len(few.captured_queries)):
        html = workspace.get(url).content.decode()
    assert html.count("N-0") == 12
    company = setting.vacancy.company
    filters = {
        "status__exact": "with_client",
        "recruiter__id__exact": setting.recruiter.pk,
        "vacancy__company__id__exact": company.pk,
    }
    counts = {}
    for name, value in filters.items():
        response = workspace.get(url, {name: value})
        assert response.status_code == 200
        counts[name] = response.content.decode().count("N-0")
    assert counts == {"status__exact": 6, "recruiter__id__exact": 7, "vacancy__company__id__exact": 6}
    assert workspace.get(url, {"q": "Orrery Health 7731"}).content.decode().count("N-0") == 6
    assert workspace.get(url, {"q": "Orrery\x00 Health"}, follow=True).status_code == 200  # the NUL is dropped
