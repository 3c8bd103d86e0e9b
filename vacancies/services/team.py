"""A company's team: the company admin invites colleagues by email (a signed, expiring link that makes
them a member when they sign up through it) and removes members; a sign-up naming a company that
already has an account becomes a request to join, which the recruiters see."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from accounts.security_log import security_log
from vacancies.models import Company, CompanyInvite, CompanyJoinRequest, EmployerProfile
from vacancies.services.common import CHANGE_COMPANY, require
from vacancies.signals import company_invite_sent

INVITE_DAYS = 14
INVITE_SALT = "vacancies.company-invite"
# Pending invitations a company may have at once (an admin's account misused cannot mail the world).
MAX_PENDING_INVITES = 50


def normalised_company_name(name: str) -> str:
    return " ".join((name or "").split())


def company_named(name: str) -> Company | None:
    """The company already registered under `name` (case and spacing aside), if any."""
    name = normalised_company_name(name)
    return Company.objects.filter(name__iexact=name).order_by("pk").first() if name else None


def user_is_company_admin(user: User | None, company_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_employer
        and EmployerProfile.objects.filter(user=user, company_id=company_id, is_company_admin=True).exists()
    )


def _require_admin(by: User, company_id: int) -> None:
    require(
        user_is_company_admin(by, company_id) or recruiter_may(by, CHANGE_COMPANY),
        "Only your company's admin can invite or remove colleagues.",
    )


# --- Invitations ---------------------------------------------------------------------


def company_invite_token(invite: CompanyInvite) -> str:
    """The signed token in the invitation link: it names the invitation and its address."""
    return signing.dumps({"i": invite.pk, "e": invite.email.lower()}, salt=INVITE_SALT, compress=True)


def company_invite_from_token(token: str) -> CompanyInvite | None:
    """The invitation a link's token names, if the signature holds and the invitation still works."""
    try:
        data = signing.loads(str(token)[:500], salt=INVITE_SALT, max_age=dt.timedelta(days=INVITE_DAYS))
        pk, email = int(data["i"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    invite = CompanyInvite.objects.select_related("company").filter(pk=pk).first()
    if invite is None or not invite.is_usable or invite.email.lower() != email:
        return None
    return invite


@transaction.atomic
def company_invite_send(*, company: Company, email: str, by: User) -> CompanyInvite:
    """Invite `email` to join `company` (its admin, or a recruiter); an earlier pending invitation to the
    same address is replaced. The email goes through the outbox (the recruitment app's receiver)."""
    _require_admin(by, company.pk)
    email = (email or "").strip()
    require(bool(email), "Enter your colleague's email address.")
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        member_of = EmployerProfile.objects.filter(user=existing).values_list("company_id", flat=True).first()
        require(member_of != company.pk, f"{email} is already in your team.")
        # An employer with no company yet (one who asked to join, say) accepts while logged in.
        require(
            existing.is_employer and member_of is None,
            f"{email} already has an account with us, so an invitation cannot be used. "
            "Ask your recruiter to link it to your company.",
        )
    Company.objects.select_for_update().filter(pk=company.pk).first()  # one invitation at a time per company
    pending = CompanyInvite.objects.pending().filter(company=company)
    now = timezone.now()
    pending.filter(email__iexact=email).update(revoked_at=now)
    require(
        pending.count() < MAX_PENDING_INVITES,
        f"{company.name} has {MAX_PENDING_INVITES} invitations waiting: revoke some before sending more.",
    )
    invite = CompanyInvite(company=company, email=email, invited_by=by, expires_at=now + dt.timedelta(days=INVITE_DAYS))
    invite.full_clean()
    invite.save()
    company_invite_sent.send(sender=CompanyInvite, invite=invite)
    security_log.info("company invite sent company=%s invite=%s by=%s", company.pk, invite.pk, by.pk)
    return invite


@transaction.atomic
def company_invite_revoke(*, invite: CompanyInvite, by: User) -> CompanyInvite:
    _require_admin(by, invite.company_id)
    locked = CompanyInvite.objects.select_for_update().get(pk=invite.pk)
    require(locked.accepted_at is None, "This invitation was already accepted.")
    require(locked.revoked_at is None, "This invitation was already revoked.")
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at", "updated_at"])
    return locked


@transaction.atomic
def employer_join(*, user: User, invite: CompanyInvite, job_title: str = "") -> EmployerProfile:
    """Make the new account `user` a member of the invitation's company, using the invitation up."""
    locked = CompanyInvite.objects.select_for_update().get(pk=invite.pk)
    require(locked.is_usable, "This invitation has expired or was already used. Ask for a new one.")
    require(user.email.lower() == locked.email.lower(), "Sign up with the address the invitation was sent to.")
    user.role = User.Role.EMPLOYER
    user.save(update_fields=["role"])
    profile = EmployerProfile(user=user, company_id=locked.company_id, job_title=job_title)
    profile.full_clean()
    profile.save()
    locked.accepted_at, locked.accepted_by = timezone.now(), user
    locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    CompanyJoinRequest.objects.open().filter(user=user).update(resolved_at=timezone.now())
    return profile


# --- Requests to join, and removing members ------------------------------------------


@transaction.atomic
def company_join_request(*, user: User, company: Company, job_title: str = "") -> CompanyJoinRequest:
    """`user` signed up naming `company`, which already has an account: they become an employer with no
    company yet, and the recruiters see the request (the workspace's "Requests to join")."""
    user.role = User.Role.EMPLOYER
    user.save(update_fields=["role"])
    request = CompanyJoinRequest(user=user, company=company, job_title=job_title)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def company_member_remove(*, company: Company, member: EmployerProfile, by: User) -> None:
    """The company admin (or a recruiter) removes a member: their account stays, with no company."""
    _require_admin(by, company.pk)
    require(member.company_id == company.pk, "This person is not in your team.")
    require(member.user_id != by.pk, "You cannot remove yourself.")
    member.delete()
    security_log.info("company member removed company=%s user=%s by=%s", company.pk, member.user_id, by.pk)
