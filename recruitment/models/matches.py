"""Matches: how well one candidate fits one vacancy, a score and the explained breakdown behind it. The one
scoring function and the storing of the best rows are in `recruitment.matching`."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import CandidateProfile
from vacancies.models import Vacancy


class MatchQuerySet(models.QuerySet):
    def for_vacancy(self, vacancy):
        return self.filter(vacancy=vacancy).order_by("-score", "candidate_id")

    def for_candidate(self, candidate):
        return self.filter(candidate=candidate).order_by("-score", "-vacancy__published_at")


class Match(models.Model):
    """How well one candidate fits one vacancy: a score and the explained breakdown behind it."""

    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="matches")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="matches")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    # [{"criterion": "skills", "label": "Required skills", "status": "partial",
    #   "points": 15, "max_points": 25, "reason": "4 of 5 required skills: missing P&L ownership"}, ...]
    breakdown = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="match_unique_candidate_vacancy"),
            models.CheckConstraint(condition=Q(score__lte=100), name="match_score_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["vacancy", "-score"], name="match_vacancy_score_idx"),
            models.Index(fields=["candidate", "-score"], name="match_candidate_score_idx"),
        ]

    def __str__(self) -> str:
        """ "Ingrid Solberg for Head of Product at Lumen Health (84)": the workspace's title. Reads the candidate's
        user, the vacancy and its company: select them."""
        return f"{self.candidate.user} for {self.vacancy.role_at_client} ({self.score})"
