"""Interview scheduling: the employer (or a recruiter) proposes up to three slots, the candidate picks one
or asks for other times, either side reschedules or cancels, a reminder goes out the day before and the
employer is asked for feedback once the slot has passed. Records: `recruitment.models.interviews`; emails
(with .ics invitations): `recruitment.emails.interviews`.

Services: keyword-only with `by=` (None for a candidate answering through the signed link), atomic, locking
the interview's row, returning the outbox ids for the caller to enqueue on commit. Refusals raise
`WorkflowError` with a message a person reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from recruitment.emails import interviews as notices
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.services.common import locked, require
from vacancies.models import Application
from vacancies.services import (
    STAGE_TRANSITIONS,
    WorkflowError,
    application_interview_booked,
    application_move,
    user_is_employer_of,
)

Status = Interview.Status
Stage = Application.Stage
ARRANGE = "recruitment.change_interview"
MAX_SLOTS = 3
# A slot must leave the candidate some notice, and not be absurdly far away.
MIN_NOTICE = timedelta(hours=2)
MAX_AHEAD = timedelta(days=180)
NOTE_MAX = 2000
# Stages from which an interview may be arranged.
INTERVIEW_STAGES = (Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW)

# What every state change here locks and reads with the row.
LOCK_RELATED = ("application__vacancy__company", "application__candidate")


def may_arrange(user: User | None, application: Application) -> bool:
    """The employer of the vacancy's company, or a recruiter allowed to arrange interviews."""
    if user is None or not user.is_authenticated:
        return False
    return user_is_employer_of(user, application.vacancy.company_id) or recruiter_may(user, ARRANGE)


def _clean_slots(slots: Sequence[datetime], *, now: datetime) -> list[datetime]:
    cleaned = sorted({slot for slot in slots if slot is not None})
    require(1 <= len(cleaned) <= MAX_SLOTS, f"Propose one to {MAX_SLOTS} different times.")
    for slot in cleaned:
        require(timezone.is_aware(slot), "Give each time with its time zone.")
        require(slot >= now + MIN_NOTICE, "Propose times at least two hours from now.")
        require(slot <= now + MAX_AHEAD, "Propose times within the next six months.")
    return cleaned


def _clean_text(value: str, limit: int, what: str) -> str:
    value = (value or "").strip()
    require(len(value) <= limit and "\x00" not in value, f"Keep the {what} under {limit:,} characters.")
    return value


def _set_slots(interview: Interview, slots: list[datetime]) -> None:
    InterviewSlot.objects.filter(interview=interview, current=True).update(current=False)
    InterviewSlot.objects.bulk_create([InterviewSlot(interview=interview, starts_at=slot) for slot in slots])
    interview.proposal += 1


def cannot_propose_because(application: Application) -> tuple[str, Interview | None]:
    """Why new times cannot be proposed for this application now ("" when they can), and the interview in
    progress if that is the reason: the page says so instead of showing a form the service would refuse."""
    if application.stage not in INTERVIEW_STAGES:
        return "Interviews are arranged for applications at Screening, Shortlisted or Interview.", None
    in_progress = Interview.objects.filter(application=application).open().order_by("-pk").first()
    if in_progress is not None:
        return "This application has an interview in progress: reschedule or cancel it first.", in_progress
    return "", None


@transaction.atomic
def interview_propose(
    *,
    application: Application,
    by: User,
    slots: Sequence[datetime],
    round: str = Interview.Round.FIRST,
    duration_minutes: int = 60,
    video_url: str = "",
    address: str = "",
    interviewers: str = "",
) -> tuple[Interview, list[int]]:
    """Propose up to three slots for a new round; the candidate is asked to pick one."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("vacancy__company", "candidate")
        .get(pk=application.pk)
    )
    require(may_arrange(by, application), "You cannot arrange interviews for this application.")
    require(application.candidate is not None, "This candidate has deleted their account.")
    require(
        application.stage in INTERVIEW_STAGES,
        "Interviews are arranged for applications at Screening, Shortlisted or Interview.",
    )
    require(
        not Interview.objects.filter(application=application).open().exists(),
        "This application has an interview in progress: reschedule or cancel it first.",
    )
    require(round in Interview.Round.values, "Choose the round.")
    require(bool((video_url or "").strip() or (address or "").strip()), "Give a video link or an address.")
    interview = Interview(
        application=application,
        round=round,
        proposed_by=by,
        duration_minutes=duration_minutes,
        video_url=(video_url or "").strip(),
        address=_clean_text(address, 300, "address"),
        interviewers=_clean_text(interviewers, 300, "interviewers' names"),
    )
    try:
        interview.full_clean(exclude=["application", "proposed_by", "uid"])
    except ValidationError as exc:
        raise WorkflowError(" ".join(exc.messages)) from exc
    cleaned = _clean_slots(slots, now=timezone.now())
    interview.save()
    _set_slots(interview, cleaned)
    interview.save(update_fields=["proposal"])
    return interview, notices.slots_notifications(interview=interview, proposal=interview.proposal)


@transaction.atomic
def interview_repropose(*, interview: Interview, by: User, slots: Sequence[datetime]) -> list[int]:
    """New slots for a round whose candidate asked for other times (or to move a confirmed one)."""
    interview = locked(interview, *LOCK_RELATED)
    require(may_arrange(by, interview.application), "You cannot arrange this interview.")
    require(interview.is_open, "This interview is over.")
    _set_slots(interview, _clean_slots(slots, now=timezone.now()))
    interview.status = Status.PROPOSED
    interview.save()
    return notices.slots_notifications(interview=interview, proposal=interview.proposal)


@transaction.atomic
def interview_pick(*, interview: Interview, slot_id: int, proposal: int) -> list[int]:
    """The candidate picks a slot of proposal `proposal`: the interview is confirmed, everyone gets an
    invitation (.ics) and the application moves to Interview."""
    interview = locked(interview, *LOCK_RELATED)
    require(
        interview.status == Status.PROPOSED and interview.proposal == proposal,
        "These times are no longer on offer: see the interview's current state.",
    )
    slot = InterviewSlot.objects.filter(interview=interview, pk=slot_id, current=True).first()
    require(slot is not None, "Choose one of the times offered.")
    require(slot.starts_at > timezone.now(), "That time has passed: ask for other times.")
    rescheduled = interview.starts_at is not None
    if rescheduled:
        interview.sequence += 1
    interview.starts_at = slot.starts_at
    interview.status = Status.CONFIRMED
    interview.reminded_at = None
    interview.save()
    application_interview_booked(application=interview.application, by=interview.application.candidate)
    return notices.confirmed_notifications(interview=interview, rescheduled=rescheduled)


@transaction.atomic
def interview_ask_other_times(*, interview: Interview, note: str = "", proposal: int | None = None) -> list[int]:
    """The candidate cannot make any of the times (or, signed in, the confirmed one any more).

    `proposal`: from a signed pick link, the set of times the link offered. Such a link acts only while those
    times are still on offer, so an old email can never undo a confirmed or rescheduled interview; the
    candidate's own page (signed in) passes None."""
    note = _clean_text(note, NOTE_MAX, "note")
    interview = locked(interview, *LOCK_RELATED)
    if proposal is not None:
        require(
            interview.status == Status.PROPOSED and interview.proposal == proposal,
            "These times are no longer on offer: see the interview's current state.",
        )
    require(interview.status in (Status.PROPOSED, Status.CONFIRMED), "This interview cannot be changed now.")
    interview.status = Status.OTHER_TIMES
    interview.candidate_note = note
    interview.save()
    return notices.other_times_notifications(interview=interview, note=note)


@transaction.atomic
def interview_reschedule(*, interview: Interview, by: User, starts_at: datetime) -> list[int]:
    """The employer or a recruiter moves a confirmed interview to a new time: SEQUENCE goes up and everyone
    gets the updated invitation."""
    interview = locked(interview, *LOCK_RELATED)
    require(may_arrange(by, interview.application), "You cannot arrange this interview.")
    require(interview.status == Status.CONFIRMED, "Only a confirmed interview can be rescheduled.")
    (starts_at,) = _clean_slots([starts_at], now=timezone.now())
    require(starts_at != interview.starts_at, "That is the time it has already.")
    interview.starts_at = starts_at
    interview.sequence += 1
    interview.reminded_at = None
    interview.save()
    return notices.confirmed_notifications(interview=interview, rescheduled=True)


def may_cancel(user: User | None, interview: Interview) -> bool:
    candidate_id = interview.application.candidate_id
    return user is not None and (user.pk == candidate_id or may_arrange(user, interview.application))


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User, reason: str = "") -> list[int]:
    """Either side cancels an open round; a confirmed one's calendar event is cancelled (SEQUENCE up)."""
    reason = _clean_text(reason, NOTE_MAX, "reason")
    interview = locked(interview, *LOCK_RELATED)
    require(may_cancel(by, interview), "You cannot cancel this interview.")
    require(interview.is_open, "This interview is over already.")
    had_time = interview.status == Status.CONFIRMED
    if had_time:
        interview.sequence += 1
    interview.status = Status.CANCELLED
    interview.cancelled_reason = reason
    interview.save()
    return notices.cancelled_notifications(interview=interview, reason=reason, had_time=had_time)


@transaction.atomic
def interview_feedback(*, interview: Interview, by: User, outcome: str, feedback: str = "") -> Interview:
    """From the interview's start: advance, decline (the decline goes through the recruiter) or another round.
    The recruiter hears it at once (email, the application's workspace page, the queue); "advance" moves nothing
    by itself: the recruiter moves the application on, in one click from its page."""
    require(outcome in Interview.Outcome.values, "Choose an outcome.")
    feedback = _clean_text(feedback, 5000, "feedback")
    interview = locked(interview, *LOCK_RELATED)
    require(may_arrange(by, interview.application), "You cannot give feedback on this interview.")
    require(interview.status == Status.CONFIRMED, "Feedback is given on a confirmed interview.")
    require(interview.takes_feedback, "Feedback opens when the interview starts.")
    interview.status = Status.DONE
    interview.outcome = outcome
    interview.feedback = feedback
    interview.save()
    notices.feedback_given_notifications(interview=interview)
    if outcome == Interview.Outcome.DECLINE:
        application_move(application=interview.application, stage=Stage.REJECTED, by=by, note=feedback[:2000])
    return interview


# The pipeline in order, to find the stage an "advance" leads to.
PIPELINE_ORDER = (Stage.APPLIED, Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED)


def stage_after_advance(application: Application) -> str | None:
    """Where the client's "advance" takes this application: the next stage the pipeline allows from where it
    is (Interview -> Offer), or None once it has moved past the interviews."""
    if application.stage not in (Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW):
        return None
    allowed = STAGE_TRANSITIONS[application.stage]
    later = PIPELINE_ORDER[PIPELINE_ORDER.index(application.stage) + 1 :]
    return next((stage for stage in later if stage in allowed), None)


def interviews_sweep(*, now: datetime | None = None) -> list[int]:
    """The reminder the day before (once per version of the time) and the feedback request once the
    slot has passed (once). Returns outbox ids."""
    now = now or timezone.now()
    ids: list[int] = []
    confirmed = Interview.objects.filter(status=Status.CONFIRMED)
    for pk in confirmed.filter(
        starts_at__gt=now, starts_at__lte=now + timedelta(days=1), reminded_at__isnull=True
    ).values_list("pk", flat=True):
        with transaction.atomic():
            interview = locked(Interview(pk=pk), *LOCK_RELATED)
            if interview.status != Status.CONFIRMED or interview.reminded_at is not None:
                continue
            interview.reminded_at = now
            interview.save(update_fields=["reminded_at"])
            ids += notices.reminder_notifications(interview=interview)
    for interview in confirmed.filter(starts_at__lt=now, feedback_asked_at__isnull=True).select_related(
        "application__vacancy"
    ):
        if interview.ends_at > now:
            continue
        with transaction.atomic():
            interview = locked(interview, *LOCK_RELATED)
            if interview.status != Status.CONFIRMED or interview.feedback_asked_at is not None:
                continue
            interview.feedback_asked_at = now
            interview.save(update_fields=["feedback_asked_at"])
            ids += notices.feedback_notifications(interview=interview)
    return ids
