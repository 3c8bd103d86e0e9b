"""Edits to a live vacancy: they wait for review in a revision while the published version stays up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.base_models import TimeStampedModel
from vacancies.models.core import Vacancy


class VacancyRevisionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=VacancyRevision.Status.PENDING)


class VacancyRevision(TimeStampedModel):
    """The edited fields of a published vacancy (`fields`: field name -> value as stored, foreign keys by
    id; `skills`: "must_have" / "important" / "nice_to_have" -> skill ids). A recruiter publishes it
    (the values are copied onto the live vacancy) or rejects it with a reason; the employer may withdraw
    it. At most one waits per vacancy. The rules are in `vacancies.services.revisions`."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="revisions")
    fields = models.JSONField(default=dict)
    skills = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True, max_length=2000)

    objects = VacancyRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy"], condition=Q(status="pending"), name="vacancy_revision_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk} of {self.vacancy_id} ({self.status})"
