"""Interview scheduling: propose slots, pick one (the application moves to Interview), .ics invitations
(REQUEST with a stable UID, SEQUENCE up on reschedule, CANCEL), stale rows never sent, the day-before
reminder and the feedback request, time zones and DST edges."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import timezone
from icalendar import Calendar

from recruitment.emails.interviews import INTERVIEW_FEEDBACK, INTERVIEW_OTHER_TIMES, INTERVIEW_SLOTS
from recruitment.forms.interviews import aware
from recruitment.models import Notification
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.outbox.delivery import why_not_send
from recruitment.outbox.render import build_message
from recruitment.services.interviews import (
    interview_ask_other_times,
    interview_cancel,
    interview_feedback,
    interview_pick,
    interview_propose,
    interview_reschedule,
    interviews_sweep,
)
from tests import factories
from vacancies.models import Application
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="VP Product 7731")
    return factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SHORTLISTED)


def soon(days=3, hour=10):
    day = timezone.now() + timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


def propose(application, employer, n=3, **extra):
    slots = [soon(days=3 + i) for i in range(n)]
    return interview_propose(
        application=application, by=employer, slots=slots, video_url="https://meet.example.com/x", **extra
    )


def ics_of(row: Notification) -> Calendar:
    message = build_message(row)
    (attachment,) = [a for a in message.attachments if a[0] == "interview.ics"]
    return Calendar.from_ical(attachment[1])


def test_propose_asks_the_candidate_to_pick(application, employer, candidate):
    interview, ids = propose(application, employer)
    assert interview.status == Interview.Status.PROPOSED
    assert InterviewSlot.objects.filter(interview=interview, current=True).count() == 3
    (row,) = Notification.objects.filter(pk__in=ids)
    assert (row.kind, row.recipient) == (INTERVIEW_SLOTS, candidate)
    message = build_message(row)
    assert "/interviews/" in message.body
    assert "Pick a time" in message.subject


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        ([], "one to 3"),
        ([soon(1), soon(2), soon(3), soon(4)], "one to 3"),
        ([timezone.now() + timedelta(minutes=30)], "two hours"),
        ([timezone.now() + timedelta(days=400)], "six months"),
    ],
)
def test_bad_slots_are_refused(application, employer, slots, message):
    with pytest.raises(WorkflowError, match=message):
        interview_propose(application=application, by=employer, slots=slots, video_url="https://meet.example.com")
    assert not Interview.objects.exists()


def test_only_the_client_or_a_recruiter_may_propose(application, other_employer, candidate, recruiter):
    for outsider in (other_employer, candidate):
        with pytest.raises(WorkflowError):
            propose(application, outsider)
    interview, _ = propose(application, recruiter)
    assert interview.proposed_by == recruiter


def test_one_open_round_at_a_time_and_only_from_active_stages(application, employer):
    propose(application, employer)
    with pytest.raises(WorkflowError, match="in progress"):
        propose(application, employer)
    applied = factories.ApplicationFactory(vacancy=application.vacancy, stage=Application.Stage.APPLIED)
    with pytest.raises(WorkflowError, match="Screening"):
        propose(applied, employer)


def test_pick_confirms_moves_to_interview_and_sends_everyone_an_ics(application, employer, candidate, recruiter):
    interview, _ = propose(application, employer)
    slot = interview.slots.order_by("starts_at")[1]
    ids = interview_pick(interview=interview, slot_id=slot.pk, proposal=1)
    interview.refresh_from_db()
    application.refresh_from_db()
    assert (interview.status, interview.starts_at, interview.sequence) == ("confirmed", slot.starts_at, 0)
    assert application.stage == Application.Stage.INTERVIEW
    rows = Notification.objects.filter(pk__in=ids)
    assert {r.recipient for r in rows} == {candidate, employer, recruiter}
    calendar = ics_of(rows.get(recipient=candidate))
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == interview.uid
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == slot.starts_at.astimezone(UTC)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)


def test_a_slot_of_an_old_proposal_cannot_be_picked(application, employer):
    interview, _ = propose(application, employer)
    with pytest.raises(WorkflowError, match="no longer on offer"):
        interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=2)


def test_reschedule_raises_sequence_and_supersedes_the_older_invitation(application, employer, candidate):
    interview, _ = propose(application, employer)
    first = interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    later = soon(days=10, hour=15)
    second = interview_reschedule(interview=interview, by=employer, starts_at=later)
    interview.refresh_from_db()
    assert interview.sequence == 1
    old = Notification.objects.get(pk__in=first, recipient=candidate)
    new = Notification.objects.get(pk__in=second, recipient=candidate)
    assert "rescheduled" in why_not_send(old, {})
    assert why_not_send(new, {}) == ""
    (event,) = ics_of(new).walk("VEVENT")
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (interview.uid, 1)
    assert event.decoded("DTSTART") == later.astimezone(UTC)
    assert "Rescheduled" in build_message(new).subject


def test_cancel_sends_a_cancel_with_a_higher_sequence(application, employer, candidate):
    interview, _ = propose(application, employer)
    interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    ids = interview_cancel(interview=interview, by=candidate, reason="Accepted another offer")
    row = Notification.objects.get(pk__in=ids, recipient=employer)
    calendar = ics_of(row)
    (event,) = calendar.walk("VEVENT")
    assert (str(calendar["METHOD"]), int(event["SEQUENCE"]), str(event["STATUS"])) == ("CANCEL", 1, "CANCELLED")
    with pytest.raises(WorkflowError):
        interview_cancel(interview=interview, by=employer)


def test_other_times_then_a_new_proposal(application, employer):
    interview, _ = propose(application, employer)
    ids = interview_ask_other_times(interview=interview, note="Mornings only")
    assert Notification.objects.filter(pk__in=ids, kind=INTERVIEW_OTHER_TIMES, recipient=employer).exists()
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OTHER_TIMES


def test_reminder_once_the_day_before_and_feedback_after(application, employer, candidate):
    interview, _ = propose(application, employer)
    interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    interview.refresh_from_db()
    day_before = interview.starts_at - timedelta(hours=20)
    ids = interviews_sweep(now=day_before)
    assert {n.recipient for n in Notification.objects.filter(pk__in=ids)} == {candidate, employer}
    assert interviews_sweep(now=day_before + timedelta(hours=1)) == []
    after = interview.ends_at + timedelta(minutes=5)
    (feedback_id,) = interviews_sweep(now=after)
    assert Notification.objects.get(pk=feedback_id).kind == INTERVIEW_FEEDBACK
    assert interviews_sweep(now=after) == []


def test_feedback_only_from_the_start_of_the_slot(application, employer):
    interview, _ = propose(application, employer)
    interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    with pytest.raises(WorkflowError, match="opens when the interview starts"):
        interview_feedback(interview=interview, by=employer, outcome="advance")
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - timedelta(hours=3))
    done = interview_feedback(interview=interview, by=employer, outcome="another_round", feedback="Strong")
    assert (done.status, done.outcome) == ("done", "another_round")


def test_times_in_each_persons_zone(application, employer, candidate):
    candidate.time_zone = "America/New_York"
    candidate.save()
    interview, _ = propose(application, employer)
    ids = interview_pick(interview=interview, slot_id=interview.slots.first().pk, proposal=1)
    starts = interview.slots.first().starts_at
    to_candidate = build_message(Notification.objects.get(pk__in=ids, recipient=candidate))
    to_employer = build_message(Notification.objects.get(pk__in=ids, recipient=employer))
    new_york, london = starts.astimezone(ZoneInfo("America/New_York")), starts.astimezone(ZoneInfo("Europe/London"))
    assert f"{new_york:%H:%M} {new_york.tzname()} (New York)" in to_candidate.body
    assert f"{london:%H:%M} {london.tzname()} (London)" in to_employer.body  # no zone chosen: the site's, named


def test_dst_edges():
    london = ZoneInfo("Europe/London")
    # 01:30 on the last Sunday of March does not exist in London: refused.
    with pytest.raises(forms.ValidationError):
        aware(datetime(2027, 3, 28, 1, 30), london)  # noqa: DTZ001 (a wall-clock time, zone added by aware())
    # A slot before the change and one after are an hour apart in UTC less than on the wall clock.
    before = aware(datetime(2027, 3, 27, 10, 0), london)  # noqa: DTZ001
    after = aware(datetime(2027, 3, 28, 10, 0), london)  # noqa: DTZ001
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=23)
    # 01:30 on the last Sunday of October happens twice: the first (BST) is meant.
    assert aware(datetime(2027, 10, 31, 1, 30), london).utcoffset() == timedelta(hours=1)  # noqa: DTZ001


# --- The workspace --------------------------------------------------------------------------------


def test_a_recruiter_proposes_times_from_the_workspace_and_reschedules(client, recruiter, application, candidate):
    from django.urls import reverse

    client.force_login(recruiter)
    page = client.get(reverse("admin:vacancies_application_change", args=[application.pk]))
    assert "Propose interview times" in page.content.decode()
    url = reverse("admin:recruitment_interview_propose", args=[application.pk])
    local = soon(days=4).astimezone(ZoneInfo("Europe/London"))
    data = {
        "slot_1": local.strftime("%Y-%m-%dT%H:%M"),
        "round": "second",
        "duration_minutes": "45",
        "address": "1 Market Street, London",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert (interview.round, interview.duration_minutes, interview.proposed_by) == ("second", 45, recruiter)
    assert interview.slots.get().starts_at == local
    bad = client.post(url, {**data, "slot_1": "2027-13-45T99:99", "duration_minutes": "\x00"})
    assert bad.status_code == 400
    interview_pick(interview=interview, slot_id=interview.slots.get().pk, proposal=1)
    act = reverse("admin:recruitment_interview_act", args=[interview.pk, "reschedule"])
    later = soon(days=6).astimezone(ZoneInfo("Europe/London"))
    client.post(act, {"starts_at": later.strftime("%Y-%m-%dT%H:%M")})
    interview.refresh_from_db()
    assert (interview.starts_at, interview.sequence) == (later, 1)
    assert client.get(act).status_code == 405


def test_a_persons_zone_does_not_outlive_their_request(client, candidate):
    from django.urls import reverse

    candidate.time_zone = "Asia/Tokyo"
    candidate.save()
    client.force_login(candidate)
    client.get(reverse("accounts:dashboard"))
    assert timezone.get_current_timezone_name() == "Europe/London"
