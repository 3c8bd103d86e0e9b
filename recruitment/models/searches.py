"""A recruiter's saved candidate search: a name and the search's criteria, to be run again later.

Imported by recruitment.models (Django finds the app's models there); the services that write these rows
are in recruitment.services.searches."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

NAME_MAX = 80


class SavedSearchQuerySet(models.QuerySet):
    def owned_by(self, user):
        """A recruiter's own saved searches: nobody else's are listed, run or deleted through the workspace."""
        return self.filter(owner=user)


class SavedSearch(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=NAME_MAX)
    # The search's query-string parameters as the search form cleaned them (ids, codes and numbers), e.g.
    # {"skills": [3, 8], "skills_match": "all", "countries": ["DE"], "salary_max_eur": 160000}.
    criteria = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    last_run_at = models.DateTimeField(null=True, blank=True)

    # The parameters a candidate search takes (the workspace's CandidateSearchForm has one field each).
    CRITERIA_KEYS = (
        "q",
        "skills",
        "skills_match",
        "role_families",
        "years_min",
        "years_max",
        "salary_min_eur",
        "salary_max_eur",
        "countries",
        "remote",
        "open",
    )

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="savedsearch_unique_owner_name")]

    def __str__(self) -> str:
        return self.name
