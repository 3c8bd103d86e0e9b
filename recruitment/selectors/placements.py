"""Reads for a placement's page: what else the placed candidate has going, for the recruiter to act on."""

from __future__ import annotations

from dataclasses import dataclass

from recruitment.models.introductions import Introduction
from recruitment.models.placements import Placement
from vacancies.models import Application


@dataclass(frozen=True)
class OtherLiveWork:
    applications: list[Application]
    introductions: list[Introduction]

    def __bool__(self) -> bool:
        return bool(self.applications or self.introductions)


def other_live_work(placement: Placement) -> OtherLiveWork:
    """The placed candidate's other live applications and introductions (for other roles), oldest first, so
    the recruiter can withdraw or end them. Two queries."""
    candidate_id = placement.application.candidate_id
    if candidate_id is None:
        return OtherLiveWork(applications=[], introductions=[])
    vacancy_id = placement.application.vacancy_id
    applications = (
        Application.objects.filter(candidate_id=candidate_id)
        .exclude(stage__in=Application.FINAL_STAGES)
        .exclude(vacancy_id=vacancy_id)
        .select_related("vacancy__company")
        .order_by("created_at", "pk")
    )
    introductions = (
        Introduction.objects.filter(candidate__user_id=candidate_id)
        .live()
        .exclude(vacancy_id=vacancy_id)
        .select_related("vacancy__company")
        .order_by("created_at", "pk")
    )
    return OtherLiveWork(applications=list(applications), introductions=list(introductions))
