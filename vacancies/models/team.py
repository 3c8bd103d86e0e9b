"""A company's team: invitations to colleagues, and requests to join from people who signed up
naming a company that already has an account."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.base_models import TimeStampedModel
from vacancies.models.core import Company


class CompanyInviteQuerySet(models.QuerySet):
    def pending(self):
        """Not accepted, not revoked, not expired: the ones whose link still works."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class CompanyInvite(TimeStampedModel):
    """A company admin's invitation to a colleague. The emailed link carries a signed token naming this
    row (`vacancies.services.team`); it works once, until `expires_at`, and not after it is revoked."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CompanyInviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["company", "email"], name="company_invite_email_idx")]

    def __str__(self) -> str:
        return f"{self.email} to {self.company}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class CompanyJoinRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class CompanyJoinRequest(TimeStampedModel):
    """Someone signed up as an employer naming a company that already has an account: they are told to
    ask for an invite, and the recruiters see this request in the workspace."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="company_join_requests")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="join_requests")
    job_title = models.CharField(max_length=120, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = CompanyJoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "company"], condition=Q(resolved_at__isnull=True), name="join_request_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.company}"
