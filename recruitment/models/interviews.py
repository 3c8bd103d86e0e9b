"""Interviews: one row per round of an application (first, second, final), with up to three proposed slots.

    proposed -> confirmed (the candidate picked a slot) -> done (the employer's feedback)
        \\-> other times asked (the candidate asked for other times) -> proposed again
    any open round -> cancelled (by either side)

Times are stored in UTC; each person sees them in their own zone (`User.time_zone`). The calendar event of
a round keeps one UID for its whole life; SEQUENCE goes up on every reschedule and on cancellation, so
calendars update the event instead of adding a second one. The rules live in `recruitment.services.interviews`."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from accounts.time_zones import local_time
from vacancies.models import Application


def new_uid() -> str:
    return f"{uuid.uuid4()}@northstar-interviews"


class InterviewQuerySet(models.QuerySet):
    def for_candidate(self, user):
        return self.filter(application__candidate=user)

    def for_company(self, company_id: int):
        return self.filter(application__vacancy__company_id=company_id)

    def open(self):
        return self.filter(status__in=Interview.OPEN)

    def feedback_to_act_on(self):
        """Done with a client's "advance" or "another round" while the application still waits at or before
        Interview: the recruiter's move."""
        return self.filter(
            status=Interview.Status.DONE,
            outcome__in=(Interview.Outcome.ADVANCE, Interview.Outcome.ANOTHER_ROUND),
            application__stage__in=("screening", "shortlisted", "interview"),
        )


class Interview(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Slots proposed"
        OTHER_TIMES = "other_times", "Other times asked"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        DONE = "done", "Done"

    class Round(models.TextChoices):
        FIRST = "first", "First interview"
        SECOND = "second", "Second interview"
        FINAL = "final", "Final interview"

    class Outcome(models.TextChoices):
        ADVANCE = "advance", "Advance"
        DECLINE = "decline", "Decline"
        ANOTHER_ROUND = "another_round", "Another round"

    OPEN = (Status.PROPOSED, Status.OTHER_TIMES, Status.CONFIRMED)

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    round = models.CharField(max_length=10, choices=Round.choices, default=Round.FIRST)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    video_url = models.URLField(blank=True, max_length=500)
    address = models.CharField(max_length=300, blank=True)
    interviewers = models.CharField("interviewers' names", max_length=300, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True, help_text="The confirmed time (UTC).")
    # How many sets of slots were proposed (the emails of an older set are not sent any more).
    proposal = models.PositiveSmallIntegerField(default=0)
    uid = models.CharField(max_length=100, unique=True, default=new_uid)
    sequence = models.PositiveIntegerField(default=0)
    candidate_note = models.TextField(max_length=2000, blank=True)
    cancelled_reason = models.TextField(max_length=2000, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, blank=True)
    feedback = models.TextField(max_length=5000, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    feedback_asked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="interview_status_starts_idx")]

    def __str__(self) -> str:
        """ "Ingrid Solberg, first interview, Head of Product at Lumen Health": the workspace's title (it names the
        candidate). Reads the application's candidate, vacancy and company: select them."""
        application = self.application
        candidate = application.candidate or "Deleted candidate"
        return f"{candidate}, {self.get_round_display().lower()}, {application.vacancy.role_at_client}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    @property
    def where(self) -> str:
        return self.video_url or self.address or "To be confirmed"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def takes_feedback(self) -> bool:
        """Feedback is given from the interview's start (it may end early) until it is recorded."""
        return self.status == self.Status.CONFIRMED and self.starts_at is not None and self.starts_at <= timezone.now()


class InterviewSlot(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    # Slots of earlier proposals stay (for the record) but only the current ones may be picked.
    current = models.BooleanField(default=True)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return local_time(self.starts_at, style="short")  # in the zone active (the viewer's on a page)
