"""Interview emails: slots to pick (candidate), other times asked (employer, recruiter), confirmed /
rescheduled / cancelled (everyone, with an .ics), the reminder the day before and the feedback request.

What each says: the times in the recipient's own zone, where, who, the link that fits the recipient (the
candidate's signed link to pick a slot, the client's interview page, the workspace) and, for a confirmed,
rescheduled or cancelled interview, the .ics invitation.

Rows name the interview and its SEQUENCE in `context` and in their dedupe key, so each version of the event
is sent once; a row whose version has been superseded by the time it is sent is cancelled
(`interview_row_superseded`, checked at send time), so a reschedule never sends a stale invitation."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from accounts.time_zones import local_time
from recruitment.calendar import interview_ics
from recruitment.emails.common import employer_users, recruiter_or_everyone
from recruitment.models import Notification
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.outbox.kinds import recipient_inactive, register
from recruitment.outbox.render import MessageCache, recipient_zone
from recruitment.outbox.rows import notify_users
from recruitment.signed_links import interview_path


def _recruiters_of(interview: Interview) -> list[User]:
    """The recruiter of the introduction behind the application, else every recruiter."""
    introduction = getattr(interview.application, "introduction", None)
    return recruiter_or_everyone(introduction.recruiter if introduction is not None else None)


def _candidate(interview: Interview) -> list[User]:
    candidate = interview.application.candidate
    return [candidate] if candidate is not None and candidate.is_active else []


def everyone(interview: Interview) -> list[User]:
    """The candidate, the client's people and the recruiter(s), once each."""
    users: dict[int, User] = {}
    for user in [
        *_candidate(interview),
        *employer_users(interview.application.vacancy.company_id),
        *_recruiters_of(interview),
    ]:
        users.setdefault(user.pk, user)
    return list(users.values())


def calendar_attendees(interview: Interview) -> list[User]:
    """Who the candidate's calendar file names: themselves and the client's person who arranged the interview
    (the interviewers' names are in its description), never the client's whole team or the agency."""
    people = _candidate(interview)
    proposer = interview.proposed_by
    if proposer is not None and proposer.is_active and proposer.is_employer and proposer not in people:
        people.append(proposer)
    return people


def _rows(interview: Interview, users, *, kind: str, key: str, **context) -> list[int]:
    return notify_users(
        users,
        kind=kind,
        key=f"{kind}:{interview.pk}:{key}",
        vacancy=interview.application.vacancy,
        application=interview.application,
        context={"interview_id": interview.pk, "sequence": interview.sequence, **context},
    )


def slots_notifications(*, interview: Interview, proposal: int) -> list[int]:
    return _rows(interview, _candidate(interview), kind=INTERVIEW_SLOTS, key=str(proposal), proposal=proposal)


def other_times_notifications(*, interview: Interview, note: str) -> list[int]:
    users = [*employer_users(interview.application.vacancy.company_id), *_recruiters_of(interview)]
    key = f"{interview.sequence}:{interview.updated_at.timestamp():.0f}"
    return _rows(interview, users, kind=INTERVIEW_OTHER_TIMES, key=key, note=note)


def confirmed_notifications(*, interview: Interview, rescheduled: bool = False) -> list[int]:
    return _rows(
        interview,
        everyone(interview),
        kind=INTERVIEW_CONFIRMED,
        key=str(interview.sequence),
        rescheduled=rescheduled,
    )


def cancelled_notifications(*, interview: Interview, reason: str, had_time: bool) -> list[int]:
    return _rows(
        interview,
        everyone(interview),
        kind=INTERVIEW_CANCELLED,
        key=str(interview.sequence),
        reason=reason,
        calendar=had_time,
    )


def reminder_notifications(*, interview: Interview) -> list[int]:
    users = [*_candidate(interview), *employer_users(interview.application.vacancy.company_id)]
    return _rows(interview, users, kind=INTERVIEW_REMINDER, key=str(interview.sequence))


def feedback_given_notifications(*, interview: Interview) -> list[int]:
    """The client's outcome and feedback, to the recruiter(s) of the application."""
    return _rows(
        interview,
        _recruiters_of(interview),
        kind=INTERVIEW_FEEDBACK_GIVEN,
        key=str(interview.sequence),
        outcome=interview.outcome,
    )


def feedback_notifications(*, interview: Interview) -> list[int]:
    users = list(employer_users(interview.application.vacancy.company_id))
    return _rows(interview, users, kind=INTERVIEW_FEEDBACK, key=str(interview.sequence))


# --- What they say, and whether they may still go ----------------------------------------------------


def interview_message_context(notification: Notification, shared: MessageCache | None = None) -> dict:
    interview = (
        Interview.objects.select_related("application__vacancy__company", "application__candidate")
        .filter(pk=notification.context.get("interview_id"))
        .first()
    )
    if interview is None:
        return {}
    recipient = notification.recipient
    zone = recipient_zone(notification)
    candidate = interview.application.candidate
    is_candidate = recipient is not None and candidate is not None and recipient.pk == candidate.pk
    if is_candidate:
        link = reverse("my_interviews:detail", args=[interview.pk])
        if notification.kind == INTERVIEW_SLOTS:
            link = interview_path(interview_id=interview.pk, proposal=notification.context.get("proposal", 0))
    elif recipient is not None and recipient.is_employer:
        link = reverse("employer_interviews:detail", args=[interview.pk])
    elif notification.kind == INTERVIEW_FEEDBACK_GIVEN:
        link = reverse("admin:vacancies_application_change", args=[interview.application_id]) + "#interviews"
    else:
        link = reverse("admin:recruitment_interview_change", args=[interview.pk])
    slots = InterviewSlot.objects.filter(interview=interview, current=True).order_by("starts_at")
    context = {
        "interview": interview,
        "is_candidate": is_candidate,
        "candidate_name": (candidate.get_full_name() if candidate else "") or "The candidate",
        "when": local_time(interview.starts_at, zone),
        "slot_times": [local_time(slot.starts_at, zone) for slot in slots],
        "interview_url": settings.SITE_URL + link,
    }
    if notification.kind == INTERVIEW_FEEDBACK_GIVEN:
        context["button_label"] = "Open the application"
    calendar = notification.kind == INTERVIEW_CONFIRMED or (
        notification.kind == INTERVIEW_CANCELLED and notification.context.get("calendar")
    )
    if calendar and interview.starts_at is not None:
        cancelled = notification.kind == INTERVIEW_CANCELLED
        people = calendar_attendees(interview) if is_candidate else everyone(interview)
        ics = interview_ics(interview, cancelled=cancelled, attendees=[user.email for user in people if user.email])
        method = "CANCEL" if cancelled else "REQUEST"
        context["ics"], context["ics_method"] = ics, method
        context["attachments"] = [("interview.ics", ics, f"text/calendar; method={method}; charset=utf-8")]
    return context


def interview_row_superseded(notification: Notification, prepared=None) -> str:
    """Why an interview email must not go out any more ("" when it still may)."""
    inactive = recipient_inactive(notification)
    if inactive:
        return inactive
    interview = Interview.objects.filter(pk=notification.context.get("interview_id")).first()
    if interview is None:
        return "The interview no longer exists."
    if notification.kind == INTERVIEW_CANCELLED:
        return ""
    if interview.status == Interview.Status.CANCELLED:
        return "The interview was cancelled meanwhile."
    current = (
        interview.sequence == notification.context.get("sequence") and interview.status == Interview.Status.CONFIRMED
    )
    if notification.kind in (INTERVIEW_CONFIRMED, INTERVIEW_REMINDER) and not current:
        return "The interview was rescheduled meanwhile: a newer invitation replaces this one."
    if notification.kind == INTERVIEW_SLOTS and (
        interview.status != Interview.Status.PROPOSED or notification.context.get("proposal") != interview.proposal
    ):
        return "The slots were answered or replaced meanwhile."
    return ""


def _register(name: str, label: str) -> str:
    return register(name, label, context=interview_message_context, why_not_send=interview_row_superseded)


INTERVIEW_SLOTS = _register("interview_slots", "Interview: slots to pick from")
INTERVIEW_OTHER_TIMES = _register("interview_other_times", "Interview: the candidate asks for other times")
INTERVIEW_CONFIRMED = _register("interview_confirmed", "Interview: confirmed or rescheduled (with .ics)")
INTERVIEW_CANCELLED = _register("interview_cancelled", "Interview: cancelled (with .ics)")
INTERVIEW_REMINDER = _register("interview_reminder", "Interview: reminder the day before")
INTERVIEW_FEEDBACK = _register("interview_feedback", "Interview: feedback asked of the employer")
INTERVIEW_FEEDBACK_GIVEN = _register("interview_feedback_given", "Interview: the client's feedback, to the recruiter")
INTERVIEW_KINDS = (
    INTERVIEW_SLOTS,
    INTERVIEW_OTHER_TIMES,
    INTERVIEW_CONFIRMED,
    INTERVIEW_CANCELLED,
    INTERVIEW_REMINDER,
    INTERVIEW_FEEDBACK,
    INTERVIEW_FEEDBACK_GIVEN,
)
