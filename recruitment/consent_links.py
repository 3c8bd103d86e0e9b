"""Signed links that let a candidate answer from their email without logging in: an introduction (may we
introduce you? may we reveal your name?) and an interview's slots (pick one, or ask for other times).

A token names one introduction and one question (its consent round), and expires a day after the question
does (INTRODUCTION_EXPIRES_DAYS): an old link cannot answer a newer question, and a forwarded link dies.
GET on the link only shows the question; answering is a POST from that page."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "recruitment.introduction.consent"


def make_token(*, introduction_id: int, consent_round: int) -> str:
    return signing.dumps([introduction_id, consent_round], salt=SALT, compress=False)


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


def read_token(token: str) -> tuple[int, int] | None:
    """(introduction id, round) from a genuine, unexpired token; None for anything else."""
    return _read_pair(token, salt=SALT, max_age=(settings.INTRODUCTION_EXPIRES_DAYS + 1) * 24 * 3600)


def consent_path(*, introduction_id: int, consent_round: int) -> str:
    token = make_token(introduction_id=introduction_id, consent_round=consent_round)
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
