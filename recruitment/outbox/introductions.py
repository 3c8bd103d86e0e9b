"""Outbox rows for introductions and for declines the recruiter passes on.

- the candidate is asked for consent (and reminded once), then told when the client is interested;
- the client's people are told when an introduction reaches them (or is revealed);
- the recruiter hears every answer (`recruiter_update_notifications`);
- a decline reaches the candidate only after a delay, as a kind message the recruiter may edit or send at
  once: a `scheduled` row with `send_after` (`decline_notice_schedule`), which the sweeper releases.

Each row has a dedupe key naming the introduction (or application) and the question's round, so an answer
given twice, a retried task or a double click never sends a second email. The rows carry what the message
needs in `context`; for an anonymised introduction the client's rows never carry the candidate's name."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from recruitment.models import Match, Notification
from recruitment.models.introductions import Introduction
from recruitment.outbox.events import _notify_users, employer_users, notification_create
from vacancies.models import Application
from vacancies.services import WorkflowError

Kind = Notification.Kind


def _match(introduction: Introduction) -> Match | None:
    return Match.objects.filter(candidate_id=introduction.candidate_id, vacancy_id=introduction.vacancy_id).first()


def consent_request_notifications(*, introduction: Introduction, reminder: bool = False) -> list[int]:
    """Ask the candidate: round 1 "may we introduce you?", round 2 "may we reveal your name?"."""
    profile = introduction.candidate
    user = profile.user
    if not user.is_active or not user.email:
        return []
    match = _match(introduction)
    prefix = "introduction_reminder" if reminder else Kind.INTRODUCTION_CONSENT
    row = notification_create(
        kind=Kind.INTRODUCTION_CONSENT,
        recipient=user,
        dedupe_key=f"{prefix}:{introduction.pk}:{introduction.consent_round}",
        vacancy=introduction.vacancy,
        match=match,
        context={
            "introduction_id": introduction.pk,
            "round": introduction.consent_round,
            "reminder": reminder,
            "pitch": introduction.pitch,
            "anonymised": introduction.presentation == Introduction.Presentation.ANONYMISED,
            "score": match.score if match else None,
            "breakdown": match.breakdown if match else [],
        },
    )
    return [row.pk] if row else []


def client_notifications(*, introduction: Introduction) -> list[int]:
    """Tell the client's people that a candidate was introduced to them (or revealed their name)."""
    anonymised = introduction.is_anonymised
    candidate_name = "" if anonymised else (introduction.candidate.user.get_full_name() or "")
    match = _match(introduction)
    return _notify_users(
        employer_users(introduction.vacancy.company_id),
        kind=Kind.INTRODUCTION_TO_CLIENT,
        key=f"{Kind.INTRODUCTION_TO_CLIENT}:{introduction.pk}:{introduction.consent_round}",
        vacancy=introduction.vacancy,
        context={
            "introduction_id": introduction.pk,
            "reference": introduction.reference,
            "anonymised": anonymised,
            "revealed": introduction.revealed_at is not None,
            # Never the name of an anonymised candidate: this row is the client's email.
            "candidate_name": candidate_name,
            "pitch": introduction.pitch,
            "score": match.score if match else None,
        },
    )


def candidate_outcome_notifications(*, introduction: Introduction) -> list[int]:
    """Tell the candidate the client wants to meet them: their application is at Screening."""
    user = introduction.candidate.user
    if not user.is_active:
        return []
    return _notify_users(
        [user],
        kind=Kind.INTRODUCTION_OUTCOME,
        key=f"{Kind.INTRODUCTION_OUTCOME}:{introduction.pk}",
        vacancy=introduction.vacancy,
        application=introduction.application,
        context={"introduction_id": introduction.pk},
    )


# What a recruiter update says happened (the email's subject and first line).
RECRUITER_EVENTS = {
    "accepted": "accepted the introduction",
    "revealed": "agreed to reveal their name",
    "declined": "declined the introduction",
    "expired": "did not answer in time; the introduction expired",
    "interested": "is wanted by the client: the application is at Screening",
    "not_a_fit": "is not a fit for the client",
    "reveal_requested": "is wanted by name: the client asks to reveal",
    "decline_held": "was declined by the client; the decline waits for you before it reaches them",
    "role_closed": "is still in the pipeline of a vacancy that closed; the news waits for you before it reaches them",
}


def recruiter_update_notifications(
    *,
    event: str,
    candidate_name: str,
    key: str,
    recruiter: User | None,
    vacancy,
    application: Application | None = None,
    note: str = "",
    admin_path: str = "",
) -> list[int]:
    """Tell the recruiter in charge (every recruiter when nobody is) what a candidate or client did."""
    recruiters = [recruiter] if recruiter is not None and recruiter.is_active else list(User.objects.recruiters())
    return _notify_users(
        recruiters,
        kind=Kind.RECRUITER_UPDATE,
        key=f"{Kind.RECRUITER_UPDATE}:{event}:{key}",
        vacancy=vacancy,
        application=application,
        context={
            "event": event,
            "what": RECRUITER_EVENTS[event],
            "candidate_name": candidate_name,
            "note": note,
            "admin_path": admin_path,
        },
    )


def default_decline_message(*, candidate_name: str, vacancy, role_closed: bool = False) -> str:
    """The kind words a decline starts from (or, when the vacancy closed, the news that the role has closed);
    the recruiter may rewrite them before they go."""
    return render_to_string(
        "recruitment/email/role_closed_default_message.txt"
        if role_closed
        else "recruitment/email/decline_default_message.txt",
        {
            "first_name": candidate_name.split(" ")[0] if candidate_name else "",
            "vacancy": vacancy,
            "site_name": settings.SITE_NAME,
        },
    ).strip()


def decline_notice_schedule(
    *, user: User, vacancy, key: str, application: Application | None = None, role_closed: bool = False
) -> int | None:
    """A kind decline to `user`, held for DECLINE_NOTICE_DELAY_HOURS so the recruiter can edit it or send it
    at once. Returns the row id (None when this decline was scheduled already)."""
    if not user.is_active or not user.email:
        return None
    row = notification_create(
        kind=Kind.APPLICATION_DECLINED,
        recipient=user,
        dedupe_key=f"{Kind.APPLICATION_DECLINED}:{key}",
        vacancy=vacancy,
        application=application,
        context={
            "message": default_decline_message(
                candidate_name=user.get_full_name(), vacancy=vacancy, role_closed=role_closed
            ),
            "role_closed": role_closed,
        },
        status=Notification.Status.SCHEDULED,
        send_after=timezone.now() + timedelta(hours=settings.DECLINE_NOTICE_DELAY_HOURS),
    )
    return row.pk if row else None


def client_decline_notifications(
    *, application: Application, by: User, note: str = "", from_stage: str = ""
) -> list[int]:
    """A client declined an applicant: the decline is held for the recruiter (who hears of it now, with the
    client's note) and reaches the candidate later, kindly worded. Returns the ids to send now (the recruiter's)."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active:
        return []
    row_id = decline_notice_schedule(
        user=candidate,
        vacancy=application.vacancy,
        key=f"application:{application.pk}",
        application=application,
        role_closed=application.closed_with_role,
    )
    if row_id is not None and from_stage:
        # Until the decline goes out, the candidate's pages show where the application stood before it.
        send_after = Notification.objects.values_list("send_after", flat=True).get(pk=row_id)
        Application.objects.filter(pk=application.pk).update(
            decline_told_at=send_after, stage_before_decline=from_stage
        )
    introduction = getattr(application, "introduction", None)
    return recruiter_update_notifications(
        event="role_closed" if application.closed_with_role else "decline_held",
        candidate_name=candidate.get_full_name() or candidate.email,
        key=f"application:{application.pk}",
        recruiter=introduction.recruiter if introduction is not None else None,
        vacancy=application.vacancy,
        application=application,
        note=note,
        admin_path=reverse("admin:recruitment_pendingoutcome_changelist"),
    )


PASS_ON_DECLINES = "recruitment.change_pendingoutcome"  # noqa: S105 (a permission name)
DECLINE_MESSAGE_MAX = 5000


@transaction.atomic
def decline_notice_update(*, notification: Notification, by: User, message: str, send_now: bool = False) -> bool:
    """The recruiter rewrites a held decline and, with `send_now`, releases it at once. Returns True when
    it is to be sent now (the caller enqueues it); refused once it has left."""
    if not recruiter_may(by, PASS_ON_DECLINES):
        raise WorkflowError("You cannot pass on declines.")
    message = (message or "").strip()
    if not message or "\x00" in message or len(message) > DECLINE_MESSAGE_MAX:
        raise WorkflowError(f"Write the message (at most {DECLINE_MESSAGE_MAX:,} characters).")
    row = Notification.objects.select_for_update().filter(pk=notification.pk).first()
    if row is None or row.status != Notification.Status.SCHEDULED:
        raise WorkflowError("This decline has been sent already.")
    row.context = {**row.context, "message": message, "edited_by": by.get_full_name() or by.email}
    fields = ["context", "updated_at"]
    if send_now:
        row.status = Notification.Status.PENDING
        row.send_after = timezone.now()
        fields += ["status", "send_after"]
        if row.application_id:
            Application.objects.filter(pk=row.application_id).update(decline_told_at=row.send_after)
    row.save(update_fields=fields)
    return send_now
