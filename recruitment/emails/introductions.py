"""Introduction emails: the candidate is asked for consent (and reminded once), then told when the client is
interested; the client's people are told when an introduction reaches them (or is revealed); the recruiter
hears every answer (`recruiter_update_notifications`, which declines and interviews use too).

Each row has a dedupe key naming the introduction and the question's round, so an answer given twice, a retried
task or a double click never sends a second email. The rows carry what the message needs in `context`; for an
anonymised introduction the client's rows never carry the candidate's name."""

from __future__ import annotations

from django.conf import settings

from accounts.models import User
from recruitment.emails.common import criteria, employer_users, recruiter_or_everyone
from recruitment.models import Match, Notification
from recruitment.models.introductions import Introduction
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, absolute, first_url
from recruitment.outbox.rows import notification_create, notify_users
from recruitment.signed_links import consent_path
from vacancies.models import Application


def consent_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "criteria": criteria(notification.context.get("breakdown")),
        "consent_url": absolute(
            consent_path(
                introduction_id=notification.context.get("introduction_id", 0),
                consent_round=notification.context.get("round", 1),
            )
        ),
        "expires_days": settings.INTRODUCTION_EXPIRES_DAYS,
    }


def to_client_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "introduction_url": first_url(
            ("employer_introductions:detail", {"pk": notification.context.get("introduction_id", 0)})
        )
    }


def outcome_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "application_url": first_url(
            ("applications:application_detail", {"pk": notification.application_id}), ("accounts:dashboard", None)
        )
    }


def recruiter_update_context(notification: Notification, shared: MessageCache) -> dict:
    return {"action_url": absolute(notification.context.get("admin_path") or "/admin/")}


INTRODUCTION_CONSENT = register(
    "introduction_consent", "Introduction: the candidate's consent asked", context=consent_context
)
INTRODUCTION_TO_CLIENT = register(
    "introduction_to_client", "Introduction: presented to the client", context=to_client_context
)
INTRODUCTION_OUTCOME = register(
    "introduction_outcome", "Introduction: the client's answer (to the candidate)", context=outcome_context
)
RECRUITER_UPDATE = register("recruiter_update", "Update for the recruiter", context=recruiter_update_context)


def _match(introduction: Introduction) -> Match | None:
    return Match.objects.filter(candidate_id=introduction.candidate_id, vacancy_id=introduction.vacancy_id).first()


def consent_request_notifications(*, introduction: Introduction, reminder: bool = False) -> list[int]:
    """Ask the candidate: round 1 "may we introduce you?", round 2 "may we reveal your name?"."""
    profile = introduction.candidate
    user = profile.user
    if not user.is_active or not user.email:
        return []
    match = _match(introduction)
    prefix = "introduction_reminder" if reminder else INTRODUCTION_CONSENT
    row = notification_create(
        kind=INTRODUCTION_CONSENT,
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
            "interested": introduction.interested_on_reveal,
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
    return notify_users(
        employer_users(introduction.vacancy.company_id),
        kind=INTRODUCTION_TO_CLIENT,
        key=f"{INTRODUCTION_TO_CLIENT}:{introduction.pk}:{introduction.consent_round}",
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
    return notify_users(
        [user],
        kind=INTRODUCTION_OUTCOME,
        key=f"{INTRODUCTION_OUTCOME}:{introduction.pk}",
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
    "interest_blocked": "agreed to reveal their name, but the application the client wanted could not open",
    "interested_pending_reveal": "is wanted by the client, who is interested: a yes to reveal opens the application",
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
    return notify_users(
        recruiter_or_everyone(recruiter),
        kind=RECRUITER_UPDATE,
        key=f"{RECRUITER_UPDATE}:{event}:{key}",
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
