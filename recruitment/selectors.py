"""Reads of matches for display (admin ranking, the candidate's "Matched for you")."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import CandidateProfile
from recruitment.models import Match
from vacancies.models import Vacancy


def matches_for_vacancy(*, vacancy: Vacancy, limit: int | None = None) -> QuerySet[Match]:
    qs = Match.objects.for_vacancy(vacancy).select_related("candidate__user")
    return qs[:limit] if limit else qs


def matches_for_candidate(*, profile: CandidateProfile, limit: int | None = None) -> QuerySet[Match]:
    """The candidate's matches with open vacancies, best first."""
    open_ids = Vacancy.objects.open().values("pk")
    qs = (
        Match.objects.for_candidate(profile)
        .filter(vacancy__in=open_ids)
        .select_related("vacancy__company", "vacancy__role_family")
    )
    return qs[:limit] if limit else qs
