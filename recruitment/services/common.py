"""What the agency's services share: the refusal (`require`, raising the `WorkflowError` a person reads), the
row lock every state change takes first, and how a candidate is named in messages and audit notes."""

from __future__ import annotations

from django.db import models

from accounts.models import CandidateProfile
from vacancies.services import WorkflowError, require

__all__ = ["WorkflowError", "display_name", "locked", "require"]


def locked(instance: models.Model, *related: str):
    """The row again, locked for the rest of the transaction (FOR UPDATE of its own table only: PostgreSQL
    refuses to lock the nullable side of an outer join), with `related` joined in."""
    return type(instance).objects.select_for_update(of=("self",)).select_related(*related).get(pk=instance.pk)


def display_name(profile: CandidateProfile) -> str:
    """A candidate as recruiters see them named: their full name, else their address."""
    return profile.user.get_full_name() or profile.user.email
