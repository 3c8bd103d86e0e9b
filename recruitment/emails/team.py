"""A client's team: a company admin's invitation to a colleague, who has no account yet (the row has an
address and no recipient). The link's signed token is made when the email is rendered, never stored."""

from __future__ import annotations

from recruitment.models import Notification
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, first_url
from recruitment.outbox.rows import insert_pending
from vacancies.models import CompanyInvite
from vacancies.services import company_invite_token


def invite_context(notification: Notification, shared: MessageCache) -> dict:
    invite = CompanyInvite.objects.filter(pk=notification.context.get("invite_id")).first()
    token = company_invite_token(invite) if invite else ""
    return {
        "join_url": first_url(("employers:join", {"token": token}), ("employers:signup", None)),
        "expires_at": invite.expires_at if invite else None,
    }


COLLEAGUE_INVITE = register("colleague_invite", "Invitation to join a company account", context=invite_context)


def colleague_invite_notifications(*, invite: CompanyInvite) -> list[int]:
    """Email the invitation to the colleague's address."""
    inviter = invite.invited_by
    row = Notification(
        kind=COLLEAGUE_INVITE,
        recipient=None,
        to_email=invite.email,
        dedupe_key=f"{COLLEAGUE_INVITE}:{invite.pk}",
        context={
            "invite_id": invite.pk,
            "company_name": invite.company.name,
            "inviter_name": (inviter.get_full_name() if inviter else "") or "A colleague",
        },
    )
    row.full_clean(exclude=["dedupe_key"])
    return insert_pending([row])
