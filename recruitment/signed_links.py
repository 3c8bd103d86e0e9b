"""Every signed link the product emails, in one place: each has its own salt, so a token of one kind never
opens another.

- consent: a candidate answers an introduction from their email without logging in (may we introduce you?
  may we reveal your name?);
- interview: a candidate picks one of an interview's slots, or asks for other times;
- unsubscribe: one click turns match alerts off (RFC 8058).

Consent and interview links:

A token names one introduction and one question (its consent round), and expires a day after the question
does (INTRODUCTION_EXPIRES_DAYS): an old link cannot answer a newer question, and a forwarded link dies.
GET on the link only shows the question; answering is a POST from that page."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from accounts.models import User

CONSENT_SALT = "recruitment.introduction.consent"


def consent_token(*, introduction_id: int, consent_round: int) -> str:
    return signing.dumps([introduction_id, consent_round], salt=CONSENT_SALT, compress=False)


def _read_pair(token: str, *, salt: str, max_age: int) -> tuple[int, int] | None:
    """The two positive ids inside a genuine, unexpired token of `salt`; None for anything else."""
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in value)
    ):
        return value[0], value[1]
    return None


def read_consent_token(token: str) -> tuple[int, int] | None:
    """(introduction id, round) from a genuine, unexpired token; None for anything else."""
    return _read_pair(token, salt=CONSENT_SALT, max_age=(settings.INTRODUCTION_EXPIRES_DAYS + 1) * 24 * 3600)


def consent_path(*, introduction_id: int, consent_round: int) -> str:
    token = consent_token(introduction_id=introduction_id, consent_round=consent_round)
    return reverse("introductions:consent", kwargs={"token": token})


def consent_url(*, introduction_id: int, consent_round: int) -> str:
    return settings.SITE_URL + consent_path(introduction_id=introduction_id, consent_round=consent_round)


# --- Interview slots -----------------------------------------------------------------------------------

INTERVIEW_SALT = "recruitment.interview.slots"
# The link to pick a slot names one set of slots; it works while they are on offer (the page says when not).
INTERVIEW_LINK_DAYS = 30


def interview_token(*, interview_id: int, proposal: int) -> str:
    return signing.dumps([interview_id, proposal], salt=INTERVIEW_SALT, compress=False)


def read_interview_token(token: str) -> tuple[int, int] | None:
    """(interview id, proposal) from a genuine, unexpired token; None for anything else."""
    return _read_pair(token, salt=INTERVIEW_SALT, max_age=INTERVIEW_LINK_DAYS * 24 * 3600)


def interview_path(*, interview_id: int, proposal: int) -> str:
    token = interview_token(interview_id=interview_id, proposal=proposal)
    return reverse("interviews:pick", kwargs={"token": token})


# --- One-click unsubscribe (RFC 8058) -------------------------------------------------------------------
# The token cannot be forged without SECRET_KEY; it does not expire, because an unsubscribe link in an old
# email must keep working.

UNSUBSCRIBE_SALT = "recruitment.signed_links.match-alerts"


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    """The user id inside a genuine token, or None for anything tampered with or malformed."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def user_for_unsubscribe_token(token: str) -> User | None:
    user_id = read_unsubscribe_token(token)
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id).select_related("candidate_profile").first()


def unsubscribe_path(user: User) -> str:
    return reverse("recruitment:unsubscribe", kwargs={"token": unsubscribe_token(user)})


def unsubscribe_url(user: User) -> str:
    return settings.SITE_URL + unsubscribe_path(user)


def mask_email(email: str) -> str:
    """j***@example.com: enough for the owner to recognise, little for anyone else."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"
