"""What an application sends: the client's people and every recruiter hear that someone applied, the applicant
that their application arrived, and the candidate that it moved on (a client's decline goes through
`recruitment.emails.declines` instead)."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import User
from recruitment.emails.common import employer_users, stage_label
from recruitment.models import Notification
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, absolute, first_url
from recruitment.outbox.rows import notify_users
from vacancies.models import Application


def _application_url(notification: Notification) -> str:
    return first_url(
        ("applications:application_detail", {"pk": notification.application_id}), ("accounts:dashboard", None)
    )


def received_context(notification: Notification, shared: MessageCache) -> dict:
    application = notification.application
    candidate = application.candidate
    recipient = notification.recipient
    if recipient and (recipient.is_staff or recipient.is_superuser):
        action_url = absolute(reverse("admin:vacancies_application_change", args=[application.pk]))
    else:
        action_url = first_url(
            ("employers:vacancy_applicants", {"pk": notification.vacancy_id}), ("employers:dashboard", None)
        )
    return {
        "application": application,
        "applicant_name": (candidate.get_full_name() if candidate else "") or "A candidate",
        "action_url": action_url,
    }


def confirmed_context(notification: Notification, shared: MessageCache) -> dict:
    return {"application": notification.application, "application_url": _application_url(notification)}


def stage_changed_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "application": notification.application,
        "from_stage_label": stage_label(notification.context.get("from_stage")),
        "to_stage": notification.context.get("to_stage"),
        "to_stage_label": stage_label(notification.context.get("to_stage")),
        "application_url": _application_url(notification),
    }


APPLICATION_RECEIVED = register("application_received", "Application received", context=received_context)
APPLICATION_CONFIRMED = register(
    "application_confirmed", "Application confirmed (to the applicant)", context=confirmed_context
)
STAGE_CHANGED = register("stage_changed", "Application stage changed", context=stage_changed_context)


def application_received_notifications(*, application: Application) -> list[int]:
    """Tell the employer users of the company and every recruiter that someone applied, and the applicant
    that their application arrived (`application_confirmed_notifications`)."""
    vacancy = application.vacancy
    recipients = {user.pk: user for user in employer_users(vacancy.company_id)}
    for user in User.objects.recruiters().order_by("pk"):
        recipients.setdefault(user.pk, user)
    return [
        *application_confirmed_notifications(application=application),
        *notify_users(
            recipients.values(),
            kind=APPLICATION_RECEIVED,
            key=f"{APPLICATION_RECEIVED}:{application.pk}",
            vacancy=vacancy,
            application=application,
        ),
    ]


def application_confirmed_notifications(*, application: Application) -> list[int]:
    """Tell the applicant we received their application (one email per application)."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active:
        return []
    return notify_users(
        [candidate],
        kind=APPLICATION_CONFIRMED,
        key=f"{APPLICATION_CONFIRMED}:{application.pk}",
        vacancy=application.vacancy,
        application=application,
    )


def stage_changed_notifications(
    *, application: Application, from_stage: str, to_stage: str, by: User | None
) -> list[int]:
    """Tell the candidate their application moved. Stages only move forward, so from -> to is unique."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active or (by is not None and by.pk == candidate.pk):
        return []  # anonymised, deactivated, or the candidate's own withdrawal
    return notify_users(
        [candidate],
        kind=STAGE_CHANGED,
        key=f"{STAGE_CHANGED}:{application.pk}:{from_stage or 'new'}:{to_stage}",
        vacancy=application.vacancy,
        application=application,
        context={"from_stage": from_stage, "to_stage": to_stage},
    )
