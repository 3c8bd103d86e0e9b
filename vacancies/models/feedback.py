"""What a hiring manager tells the agency about an applicant (recruiters read it in the workspace)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accounts.base_models import TimeStampedModel
from vacancies.models.core import Application


class ApplicationFeedback(TimeStampedModel):
    """A note from the employer on one application, for the agency's recruiters (never the candidate)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="employer_feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=2000)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "employer feedback"
        verbose_name_plural = "employer feedback"

    def __str__(self) -> str:
        return f"Feedback on application {self.application_id}"
