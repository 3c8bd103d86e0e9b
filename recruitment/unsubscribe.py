"""Signed one-click unsubscribe tokens (RFC 8058) for match alerts and digests.

The token is opaque to the reader and cannot be forged without SECRET_KEY; it does not expire, because
an unsubscribe link in an old email must keep working."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.models import User

SALT = "recruitment.unsubscribe.match-alerts"


def make_token(user: User) -> str:
    return signing.dumps(user.pk, salt=SALT)


def read_token(token: str) -> int | None:
    """The user id inside a genuine token, or None for anything tampered with or malformed."""
    try:
        value = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def user_for_token(token: str) -> User | None:
    user_id = read_token(token)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).select_related("candidate_profile").first()


def unsubscribe_path(user: User) -> str:
    return reverse("recruitment:unsubscribe", kwargs={"token": make_token(user)})


def unsubscribe_url(user: User) -> str:
    return settings.SITE_URL + unsubscribe_path(user)


def mask_email(email: str) -> str:
    """j***@example.com: enough for the owner to recognise, little for anyone else."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"
