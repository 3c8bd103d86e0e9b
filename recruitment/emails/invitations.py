"""A recruiter's invitation to a candidate to apply (`recruitment.services.contacts.invitation_send`): why they
fit, the recruiter's message and the link to apply."""

from __future__ import annotations

from accounts.models import User
from recruitment.emails.common import criteria
from recruitment.models import Invitation, Match, Notification
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, first_url
from recruitment.outbox.rows import notification_create


def invitation_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "criteria": criteria(notification.context.get("breakdown")),
        "apply_url": first_url(
            ("vacancies:apply", {"slug": getattr(notification.vacancy, "slug", "")}), ("accounts:dashboard", {})
        ),
        "dashboard_url": first_url(("accounts:dashboard", None)),
    }


INVITATION = register("invitation", "Invitation to apply", context=invitation_context)


def invitation_notifications(*, invitation: Invitation, match: Match | None, by: User) -> list[int]:
    """The candidate's email (dedupe key `invitation:<profile>:<vacancy>`)."""
    profile = invitation.candidate
    row = notification_create(
        kind=INVITATION,
        recipient=profile.user,
        dedupe_key=f"{INVITATION}:{profile.pk}:{invitation.vacancy_id}",
        vacancy=invitation.vacancy,
        match=match,
        context={
            "message": invitation.message,
            "recruiter_name": by.get_full_name() or "",
            "score": match.score if match else None,
            "breakdown": match.breakdown if match else [],
        },
    )
    return [row.pk] if row else []
