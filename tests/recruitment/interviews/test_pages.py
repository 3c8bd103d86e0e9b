"""Interview pages: who sees what (others get 404), CSRF on every POST, hostile input on every form (never a
5xx, nothing changed), the signed pick link, the .ics downloads and the pinned query count of the lists."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from recruitment.models.interviews import Interview
from recruitment.services.interviews import interview_pick, interview_propose
from recruitment.signed_links import interview_path
from tests import factories
from vacancies.models import Application

pytestmark = pytest.mark.django_db

HOSTILE = ["\x00", "x" * 5000, "<script>alert(1)</script>", "-1", "9" * 40, "2027-02-30T10:00", "'; DROP TABLE x;--"]


@pytest.fixture
def interview(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="VP Product 6620")
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SCREENING)
    slots = [timezone.now().replace(microsecond=0) + timedelta(days=d) for d in (3, 4)]
    interview, _ = interview_propose(
        application=application, by=employer, slots=slots, video_url="https://meet.example.com/z"
    )
    return interview


def local(days: int) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT10:00")


def test_others_get_404(client, interview, other_candidate, other_employer):
    client.force_login(other_candidate)
    assert client.get(reverse("my_interviews:detail", args=[interview.pk])).status_code == 404
    assert client.get(reverse("my_interviews:calendar", args=[interview.pk])).status_code == 404
    client.force_login(other_employer)
    for name in ("employer_interviews:detail", "employer_interviews:calendar"):
        assert client.get(reverse(name, args=[interview.pk])).status_code == 404
    assert client.get(reverse("employer_interviews:propose", args=[interview.application_id])).status_code == 404
    response = client.post(reverse("employer_interviews:detail", args=[interview.pk]), {"action": "cancel"})
    assert response.status_code == 404
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PROPOSED


def test_the_pick_link_shows_then_confirms_and_the_calendar_downloads(client, interview, candidate):
    url = interview_path(interview_id=interview.pk, proposal=1)
    page = client.get(url)
    assert page.status_code == 200
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PROPOSED  # GET changes nothing
    slot = interview.slots.order_by("starts_at").last()
    assert client.post(url, {"action": "pick", "slot": slot.pk}).status_code == 302
    interview.refresh_from_db()
    assert (interview.status, interview.starts_at) == (Interview.Status.CONFIRMED, slot.starts_at)
    client.force_login(candidate)
    response = client.get(reverse("my_interviews:calendar", args=[interview.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == interview.uid


def test_a_forged_or_old_link_answers_nothing(client, interview):
    url = interview_path(interview_id=interview.pk, proposal=1)
    assert client.get(url[:-3] + "AAA/").status_code == 404
    old = interview_path(interview_id=interview.pk, proposal=7)
    client.post(old, {"action": "pick", "slot": interview.slots.first().pk})
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PROPOSED


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_on_the_candidate_forms(client, interview, value):
    url = interview_path(interview_id=interview.pk, proposal=1)
    for data in ({"action": "pick", "slot": value}, {"action": value}, {"action": "other_times", "note": value * 2}):
        assert client.post(url, data).status_code < 500
    interview.refresh_from_db()
    assert interview.status in (Interview.Status.PROPOSED, Interview.Status.OTHER_TIMES)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_on_the_client_forms(client, interview, employer, value):
    client.force_login(employer)
    propose = reverse("employer_interviews:propose", args=[interview.application_id])
    data = {"slot_1": value, "round": value, "duration_minutes": value, "video_url": value}
    assert client.post(propose, data).status_code == 400
    detail = reverse("employer_interviews:detail", args=[interview.pk])
    for form in (
        {"action": "reschedule", "starts_at": value},
        {"action": "repropose", "slot_1": value},
        {"action": "feedback", "outcome": value, "feedback": value},
        {"action": value},
    ):
        assert client.post(detail, form).status_code == 400
    assert Interview.objects.count() == 1
    interview.refresh_from_db()
    assert (interview.status, interview.proposal) == (Interview.Status.PROPOSED, 1)


def test_csrf_is_required_on_every_interview_post(interview, candidate, employer):
    checks = Client(enforce_csrf_checks=True)
    link = interview_path(interview_id=interview.pk, proposal=1)
    assert checks.post(link, {"action": "pick", "slot": interview.slots.first().pk}).status_code == 403
    checks.force_login(candidate)
    assert checks.post(reverse("my_interviews:detail", args=[interview.pk]), {"action": "cancel"}).status_code == 403
    checks.force_login(employer)
    detail = reverse("employer_interviews:detail", args=[interview.pk])
    assert checks.post(detail, {"action": "cancel"}).status_code == 403
    propose = reverse("employer_interviews:propose", args=[interview.application_id])
    assert checks.post(propose, {"slot_1": local(5)}).status_code == 403
    interview.refresh_from_db()
    assert interview.status == Interview.Status.PROPOSED


def test_the_client_reschedules_and_gives_feedback_from_the_page(client, interview, employer):
    interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    client.force_login(employer)
    detail = reverse("employer_interviews:detail", args=[interview.pk])
    response = client.post(detail, {"action": "reschedule", "starts_at": local(9)})
    assert response.status_code == 302
    interview.refresh_from_db()
    assert interview.sequence == 1
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    client.post(detail, {"action": "feedback", "outcome": "advance", "feedback": "Sharp on pricing."})
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == (Interview.Status.DONE, "advance")


def test_the_client_list_query_count_is_pinned(client, employer, interview, django_assert_num_queries):
    client.force_login(employer)
    url = reverse("employer_interviews:list")
    client.get(url)
    with django_assert_num_queries(5) as few:  # session, user, employer profile + company, count, page
        client.get(url)
    company = employer.employer_profile.company
    for _ in range(8):
        application = factories.ApplicationFactory(
            vacancy=factories.PublishedVacancyFactory(company=company), stage=Application.Stage.SHORTLISTED
        )
        Interview.objects.create(application=application, proposed_by=employer, video_url="https://m.example.com")
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("employers/interviews/") >= 9


def test_the_propose_page_says_why_instead_of_a_form_it_would_refuse(client, interview, employer, candidate):
    client.force_login(employer)
    propose = reverse("employer_interviews:propose", args=[interview.application_id])
    page = client.get(propose).content.decode()
    assert "has an interview in progress" in page
    assert reverse("employer_interviews:detail", args=[interview.pk]) in page
    assert 'name="slot_1"' not in page
    applied = factories.ApplicationFactory(
        vacancy=interview.application.vacancy, stage=Application.Stage.APPLIED, candidate=factories.UserFactory()
    )
    page = client.get(reverse("employer_interviews:propose", args=[applied.pk])).content.decode()
    assert "arranged for applications at Screening, Shortlisted or Interview" in page
    assert 'name="slot_1"' not in page
    interview.application.interviews.update(status=Interview.Status.CANCELLED)
    page = client.get(propose).content.decode()
    assert 'name="slot_1"' in page
    assert "in progress" not in page
