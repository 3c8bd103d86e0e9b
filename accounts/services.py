"""Writes on users and candidate profiles."""

from __future__ import annotations

from accounts.models import CandidateProfile, User


def candidate_register(*, user: User) -> CandidateProfile:
    """Give a newly signed-up user the candidate role and an empty profile."""
    user.role = User.Role.CANDIDATE
    user.save(update_fields=["role"])
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile
