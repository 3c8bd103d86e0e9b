"""Who an email address belongs to, for signing up and for password resets.

Anyone can type any address into allauth's "add email" page; until its owner confirms it, that row proves
nothing. So an UNVERIFIED secondary address (an EmailAddress row that is neither verified nor the
account's own address) must not stop the address's real owner from signing up, and a password reset
goes only to an account that has proven the address (verified), never to one that merely listed it."""

from __future__ import annotations

from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from django.db.models import F

from accounts.security_log import security_log


def unverified_secondary_addresses(email: str):
    """EmailAddress rows for `email` that someone added but never confirmed, on an account whose own
    address is another one."""
    return (
        EmailAddress.objects.filter(email__iexact=email, verified=False, primary=False)
        .exclude(user__email__iexact=F("email"))
        .exclude(user__email__iexact=email)
    )


def email_release_unverified_secondaries(*, email: str) -> int:
    """Remove the unconfirmed claims of other accounts on `email` (before its owner signs up with it)."""
    rows = list(unverified_secondary_addresses(email).values_list("pk", "user_id"))
    if rows:
        EmailAddress.objects.filter(pk__in=[pk for pk, _user in rows]).delete()
        security_log.info("unverified secondary email released for sign-up accounts=%s", [u for _pk, u in rows])
    return len(rows)


def user_owns_email(user, email: str) -> bool:
    """The account has proven `email`: a verified EmailAddress row, or the account's own address on an
    account made without any EmailAddress row for it (created in the admin or by createsuperuser)."""
    rows = EmailAddress.objects.filter(user=user, email__iexact=email)
    if rows.filter(verified=True).exists():
        return True
    return (user.email or "").lower() == email.lower() and not rows.exists()


class VerifiedResetPasswordForm(ResetPasswordForm):
    """allauth's reset form, but the reset link goes only to accounts that own the address (see above)."""

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users = [user for user in self.users if user_owns_email(user, email)]
        return email
