"""The outbox's row: every email is first a `Notification`, written in the same transaction as the change that
causes it. The machinery that sends them is `recruitment.outbox`; what each feature emails is `recruitment.emails`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from recruitment.models.matches import Match
from recruitment.outbox.kinds import kind_choices
from vacancies.models import Application, Vacancy


class NotificationQuerySet(models.QuerySet):
    """The outbox's states: delivery, digests, the sweeper and the admin read through these verbs."""

    def held(self):
        return self.filter(status=Notification.Status.HELD)

    def pending(self):
        return self.filter(status=Notification.Status.PENDING)

    def scheduled(self):
        return self.filter(status=Notification.Status.SCHEDULED)

    def due(self, *, now):
        """Scheduled rows whose time has come: the sweeper releases them to pending."""
        return self.scheduled().filter(send_after__lte=now)

    def sending(self):
        return self.filter(status=Notification.Status.SENDING)

    def failed(self):
        return self.filter(status=Notification.Status.FAILED)

    def waiting_for(self, what):
        """Pending rows no task is queued for, until `what` (the broker, the SMTP server) is back."""
        return self.pending().filter(waiting_for=what)

    def stuck(self, *, claimed_before):
        """Rows claimed before `claimed_before` and still sending: their worker was killed."""
        return self.sending().filter(claimed_at__lt=claimed_before)


class Notification(models.Model):
    """One email to send, written in the same transaction as the change that causes it (the outbox).

    `dedupe_key` is unique: the same event can never produce two emails."""

    class Status(models.TextChoices):
        HELD = "held", "Held for digest"
        SCHEDULED = "scheduled", "Scheduled (the recruiter may edit it first)"
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        DIGESTED = "digested", "Included in a digest"
        CANCELLED = "cancelled", "Cancelled"

    class Waiting(models.TextChoices):
        NOTHING = "", "Nothing"
        BROKER = "broker", "The broker (its task could not be enqueued)"
        SMTP = "smtp", "The SMTP server (unreachable)"

    # The kinds come from the registry each feature adds its emails to (recruitment.emails).
    kind = models.CharField(max_length=30, choices=kind_choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    to_email = models.EmailField()
    vacancy = models.ForeignKey(Vacancy, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    match = models.ForeignKey(Match, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications")
    digest = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
        help_text="The digest email this alert was delivered in.",
    )
    dedupe_key = models.CharField(max_length=200, unique=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # A pending row with no task queued for it: the quick sweep enqueues it as soon as this is back.
    waiting_for = models.CharField(max_length=10, choices=Waiting.choices, default=Waiting.NOTHING, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # A scheduled row (a decline the recruiter may soften first) is released to pending at this time.
    send_after = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "updated_at"], name="notification_status_idx"),
            # Only the few rows waiting for the broker or the SMTP server: the quick sweep's query.
            models.Index(fields=["waiting_for"], name="notification_waiting_idx", condition=~Q(waiting_for="")),
            # Only the scheduled rows: the sweeper's "what is due" query and the recruiters' list.
            models.Index(fields=["send_after"], name="notification_scheduled_idx", condition=Q(status="scheduled")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to_email} ({self.status})"
