"""The client's interview feedback reaches the recruiter (#23 item 3): by email, on the application's workspace
page and in the workspace's queue; "advance" is one click for the recruiter; the form opens when the interview
starts and says when before."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment.emails.interviews import INTERVIEW_FEEDBACK_GIVEN
from recruitment.models import Notification
from recruitment.models.interviews import Interview
from recruitment.outbox.render import build_message
from recruitment.selectors.pipeline import todays_work_counts
from recruitment.services.interviews import (
    interview_feedback,
    interview_pick,
    interview_propose,
    stage_after_advance,
)
from tests import factories
from vacancies.models import Application
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db
Stage = Application.Stage


@pytest.fixture
def confirmed(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="Head of Product 3390")
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Stage.SHORTLISTED)
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    interview, _ = interview_propose(
        application=application, by=employer, slots=[start], interviewers="Ada Lund", address="Lumen HQ, Oslo"
    )
    interview_pick(interview=interview, slot_id=interview.slots.get().pk, proposal=1)
    interview.refresh_from_db()
    return interview


def started(interview, minutes_ago=10):
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - timedelta(minutes=minutes_ago))
    interview.refresh_from_db()
    return interview


def test_feedback_opens_when_the_interview_starts(confirmed, employer):
    with pytest.raises(WorkflowError, match="opens when the interview starts"):
        interview_feedback(interview=confirmed, by=employer, outcome="advance", feedback="Early")
    confirmed.refresh_from_db()
    assert confirmed.status == Interview.Status.CONFIRMED
    # Ten minutes in, still running (60 minutes long): the client may already say how it went.
    interview_feedback(interview=started(confirmed), by=employer, outcome="advance", feedback="Strong on discovery")
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.outcome) == (Interview.Status.DONE, "advance")


def test_the_recruiter_is_emailed_the_outcome_and_the_words(confirmed, employer, recruiter):
    interview_feedback(interview=started(confirmed), by=employer, outcome="advance", feedback="Strong on discovery")
    row = Notification.objects.get(kind=INTERVIEW_FEEDBACK_GIVEN)
    assert row.recipient == recruiter
    message = build_message(row)
    assert "advance after the first interview" in message.subject
    assert "Strong on discovery" in message.body
    assert reverse("admin:vacancies_application_change", args=[confirmed.application_id]) in message.body
    assert "Strong on discovery" in message.alternatives[0][0]
    # Nothing for the candidate or the client from this step.
    assert not Notification.objects.filter(kind=INTERVIEW_FEEDBACK_GIVEN).exclude(recipient=recruiter).exists()


def test_advance_moves_nothing_by_itself_and_is_one_click_for_the_recruiter(client, confirmed, employer, recruiter):
    interview_feedback(interview=started(confirmed), by=employer, outcome="advance", feedback="Strong on discovery")
    application = Application.objects.get(pk=confirmed.application_id)
    assert application.stage == Stage.INTERVIEW  # booked, not moved on by the feedback
    assert stage_after_advance(application) == Stage.OFFER
    client.force_login(recruiter)
    page = client.get(reverse("admin:vacancies_application_change", args=[application.pk])).content.decode()
    assert "Strong on discovery" in page
    readonly = page[
        page.index("employer&#x27;s feedback") if "employer&#x27;s feedback" in page else page.index("Employer") :
    ]
    assert "First interview: Advance · Strong on discovery" in readonly  # in the record's own feedback row too
    assert 'id="advance"' in page
    assert "Move to offer" in page
    response = client.post(
        reverse("admin:vacancies_application_move", args=[application.pk]),
        {"stage": "offer", "note": "The client advanced the candidate after the first interview."},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.OFFER
    page = client.get(reverse("admin:vacancies_application_change", args=[application.pk])).content.decode()
    assert 'id="advance"' not in page  # moved on: nothing left to advance


def test_the_queue_counts_feedback_to_act_on(client, confirmed, employer, recruiter):
    assert todays_work_counts()["feedback"] == 0
    interview_feedback(interview=started(confirmed), by=employer, outcome="another_round", feedback="Meet the CTO")
    assert todays_work_counts()["feedback"] == 1
    client.force_login(recruiter)
    listed = client.get(reverse("admin:recruitment_interview_changelist") + "?feedback_to_act_on=yes")
    assert listed.status_code == 200
    assert reverse("admin:recruitment_interview_change", args=[confirmed.pk]) in listed.content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert "Client feedback to act on" in index


def test_a_decline_is_not_feedback_to_act_on(confirmed, employer):
    interview_feedback(interview=started(confirmed), by=employer, outcome="decline", feedback="Not senior enough")
    assert todays_work_counts()["feedback"] == 0
    assert Application.objects.get(pk=confirmed.application_id).stage == Stage.REJECTED


def test_the_client_page_shows_the_form_only_from_the_start(client, confirmed, employer):
    client.force_login(employer)
    url = reverse("employer_interviews:detail", args=[confirmed.pk])
    page = client.get(url).content.decode()
    assert 'id="feedback-later"' in page
    assert 'value="feedback"' not in page
    started(confirmed)
    page = client.get(url).content.decode()
    assert 'id="feedback-later"' not in page
    assert 'value="feedback"' in page


def test_an_early_post_is_refused_with_the_typed_words_kept(client, confirmed, employer):
    client.force_login(employer)
    url = reverse("employer_interviews:detail", args=[confirmed.pk])
    response = client.post(url, {"action": "feedback", "outcome": "advance", "feedback": "Typed early 5512"})
    assert response.status_code == 400
    assert "Typed early 5512" in response.content.decode()
    confirmed.refresh_from_db()
    assert confirmed.status == Interview.Status.CONFIRMED


@pytest.mark.parametrize("stage", [Stage.APPLIED, Stage.OFFER, Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN])
def test_advance_leads_nowhere_outside_the_interview_stages(stage):
    assert stage_after_advance(Application(stage=stage)) is None
