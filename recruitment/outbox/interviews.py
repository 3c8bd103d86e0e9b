"""Outbox rows for interviews: slots to pick (candidate), other times asked (employer, recruiter), confirmed /
rescheduled / cancelled (everyone, with an .ics), the reminder the day before and the feedback request.

Rows name the interview and its SEQUENCE in `context` and in their dedupe key, so each version of the event
is sent once; a row whose version has been superseded by the time it is sent is cancelled
(`interview_row_superseded`), so a reschedule never sends a stale invitation."""

from __future__ import annotations

from accounts.models import User
from recruitment.models import Notification
from recruitment.models.interviews import Interview
from recruitment.outbox.events import _notify_users, employer_users

Kind = Notification.Kind
CALENDAR_KINDS = (Kind.INTERVIEW_CONFIRMED, Kind.INTERVIEW_CANCELLED)
INTERVIEW_KINDS = (
    Kind.INTERVIEW_SLOTS,
    Kind.INTERVIEW_OTHER_TIMES,
    Kind.INTERVIEW_CONFIRMED,
    Kind.INTERVIEW_CANCELLED,
    Kind.INTERVIEW_REMINDER,
    Kind.INTERVIEW_FEEDBACK,
)


def _recruiters_of(interview: Interview) -> list[User]:
    """The recruiter of the introduction behind the application, else every recruiter."""
    introduction = getattr(interview.application, "introduction", None)
    if introduction is not None and introduction.recruiter is not None and introduction.recruiter.is_active:
        return [introduction.recruiter]
    return list(User.objects.recruiters().order_by("pk"))


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


def _rows(interview: Interview, users, *, kind: str, key: str, **context) -> list[int]:
    return _notify_users(
        users,
        kind=kind,
        key=f"{kind}:{interview.pk}:{key}",
        vacancy=interview.application.vacancy,
        application=interview.application,
        context={"interview_id": interview.pk, "sequence": interview.sequence, **context},
    )


def slots_notifications(*, interview: Interview, proposal: int) -> list[int]:
    return _rows(interview, _candidate(interview), kind=Kind.INTERVIEW_SLOTS, key=str(proposal), proposal=proposal)


def other_times_notifications(*, interview: Interview, note: str) -> list[int]:
    users = [*employer_users(interview.application.vacancy.company_id), *_recruiters_of(interview)]
    key = f"{interview.sequence}:{interview.updated_at.timestamp():.0f}"
    return _rows(interview, users, kind=Kind.INTERVIEW_OTHER_TIMES, key=key, note=note)


def confirmed_notifications(*, interview: Interview, rescheduled: bool = False) -> list[int]:
    return _rows(
        interview,
        everyone(interview),
        kind=Kind.INTERVIEW_CONFIRMED,
        key=str(interview.sequence),
        rescheduled=rescheduled,
    )


def cancelled_notifications(*, interview: Interview, reason: str, had_time: bool) -> list[int]:
    return _rows(
        interview,
        everyone(interview),
        kind=Kind.INTERVIEW_CANCELLED,
        key=str(interview.sequence),
        reason=reason,
        calendar=had_time,
    )


def reminder_notifications(*, interview: Interview) -> list[int]:
    users = [*_candidate(interview), *employer_users(interview.application.vacancy.company_id)]
    return _rows(interview, users, kind=Kind.INTERVIEW_REMINDER, key=str(interview.sequence))


def feedback_notifications(*, interview: Interview) -> list[int]:
    users = list(employer_users(interview.application.vacancy.company_id))
    return _rows(interview, users, kind=Kind.INTERVIEW_FEEDBACK, key=str(interview.sequence))


def interview_row_superseded(notification: Notification) -> str:
    """Why an interview email must not go out any more ("" when it still may)."""
    if notification.kind not in INTERVIEW_KINDS:
        return ""
    interview = Interview.objects.filter(pk=notification.context.get("interview_id")).first()
    if interview is None:
        return "The interview no longer exists."
    if notification.kind == Kind.INTERVIEW_CANCELLED:
        return ""
    if interview.status == Interview.Status.CANCELLED:
        return "The interview was cancelled meanwhile."
    current = (
        interview.sequence == notification.context.get("sequence") and interview.status == Interview.Status.CONFIRMED
    )
    if notification.kind in (Kind.INTERVIEW_CONFIRMED, Kind.INTERVIEW_REMINDER) and not current:
        return "The interview was rescheduled meanwhile: a newer invitation replaces this one."
    if notification.kind == Kind.INTERVIEW_SLOTS and (
        interview.status != Interview.Status.PROPOSED or notification.context.get("proposal") != interview.proposal
    ):
        return "The slots were answered or replaced meanwhile."
    return ""
