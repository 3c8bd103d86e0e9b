"""What the agency's services share: the refusal (`require`, raising the `WorkflowError` a person reads), the
row lock every state change takes first, and how a candidate is named in messages and audit notes."""

from __future__ import annotations

from django.db import models

from accounts.models import CandidateProfile
from vacancies.models import Application, Vacancy
from vacancies.services import WorkflowError, require

__all__ = ["WorkflowError", "contact_refusal", "display_name", "locked", "require"]


def locked(instance: models.Model, *related: str):
    """The row again, locked for the rest of the transaction (FOR UPDATE of its own table only: PostgreSQL
    refuses to lock the nullable side of an outer join), with `related` joined in."""
    return type(instance).objects.select_for_update(of=("self",)).select_related(*related).get(pk=instance.pk)


def display_name(profile: CandidateProfile) -> str:
    """A candidate as recruiters see them named: their full name, else their address."""
    return profile.user.get_full_name() or profile.user.email


def contact_refusal(*, profile: CandidateProfile, vacancy: Vacancy, closed: str) -> str | None:
    """Why the agency may not approach `profile` about `vacancy` (invite them to apply, or introduce them to the
    client), in words; None when it may. `closed` is what to say of a vacancy that no longer takes anyone."""
    name = display_name(profile)
    if not vacancy.is_open:
        return closed
    if not (profile.open_to_opportunities and profile.user.is_active):
        return f"{name} is not open to opportunities."
    if not profile.has_consented:
        return f"{name} has not consented to be contacted by the agency."
    if not profile.user.has_verified_email():
        return f"{name} has not verified their email address yet."
    if Application.objects.filter(candidate_id=profile.user_id, vacancy=vacancy).exists():
        return f"{name} has already applied to “{vacancy.title}”."
    return None
