"""The agency's contacts with a candidate: recruiter notes, the contact log and invitations to apply. The rules
live in `recruitment.services.contacts`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import CandidateProfile
from vacancies.models import Application, Vacancy


class RecruiterNote(models.Model):
    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="recruiter_notes")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.CASCADE, related_name="recruiter_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.created_at:%Y-%m-%d}"


class ContactLogEntryQuerySet(models.QuerySet):
    def for_candidate(self, candidate):
        return self.filter(candidate=candidate).order_by("-at", "-pk")


class ContactLogEntry(models.Model):
    """One contact with a candidate, by a recruiter or on their behalf: an invitation to apply, a call, an
    email, a meeting. The audit row of every contact service (`recruitment.services.contacts`)."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invited to apply"
        INTRODUCTION = "introduction", "Introduced to a client"
        CALL = "call", "Call"
        EMAIL = "email", "Email"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other"

    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="contact_log")
    vacancy = models.ForeignKey(Vacancy, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField(max_length=5000, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ContactLogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "contact log entries"
        indexes = [models.Index(fields=["candidate", "-at"], name="contactlog_candidate_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d})"


class InvitationQuerySet(models.QuerySet):
    def for_candidate(self, candidate):
        return self.filter(candidate=candidate)

    def open(self):
        """Invitations to vacancies that still take applications."""
        return self.filter(vacancy__in=Vacancy.objects.open().values("pk"))


class Invitation(models.Model):
    """A recruiter's invitation to a candidate to apply to a vacancy (one per candidate and vacancy)."""

    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="invitations")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="invitations")
    recruiter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    message = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="invitation_unique_candidate_vacancy")
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.candidate_id} to {self.vacancy_id}"
