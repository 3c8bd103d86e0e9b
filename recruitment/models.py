"""The agency's own records: candidate/vacancy matches, the notification outbox, recruiter notes, the contact
log and invitations to apply."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import CandidateProfile
from vacancies.models import Application, Vacancy


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
        return f"{self.candidate_id} x {self.vacancy_id}: {self.score}"


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

    class Kind(models.TextChoices):
        MATCH_ALERT = "match_alert", "Match alert"
        MATCH_DIGEST = "match_digest", "Match digest"
        APPLICATION_RECEIVED = "application_received", "Application received"
        APPLICATION_CONFIRMED = "application_confirmed", "Application confirmed (to the applicant)"
        STAGE_CHANGED = "stage_changed", "Application stage changed"
        VACANCY_PUBLISHED = "vacancy_published", "Vacancy published"
        VACANCY_REJECTED = "vacancy_rejected", "Vacancy rejected"
        VACANCY_EXPIRED = "vacancy_expired", "Vacancy expired"
        REVISION_PUBLISHED = "revision_published", "Vacancy changes published"
        REVISION_REJECTED = "revision_rejected", "Vacancy changes rejected"
        LOGIN_FAILURES = "login_failures", "Failed logins on an account"
        INVITATION = "invitation", "Invitation to apply"
        INTRODUCTION_CONSENT = "introduction_consent", "Introduction: the candidate's consent asked"
        INTRODUCTION_TO_CLIENT = "introduction_to_client", "Introduction: presented to the client"
        INTRODUCTION_OUTCOME = "introduction_outcome", "Introduction: the client's answer (to the candidate)"
        RECRUITER_UPDATE = "recruiter_update", "Update for the recruiter"
        APPLICATION_DECLINED = "application_declined", "Application declined (to the candidate)"
        INTERVIEW_SLOTS = "interview_slots", "Interview: slots to pick from"
        INTERVIEW_OTHER_TIMES = "interview_other_times", "Interview: the candidate asks for other times"
        INTERVIEW_CONFIRMED = "interview_confirmed", "Interview: confirmed or rescheduled (with .ics)"
        INTERVIEW_CANCELLED = "interview_cancelled", "Interview: cancelled (with .ics)"
        INTERVIEW_REMINDER = "interview_reminder", "Interview: reminder the day before"
        INTERVIEW_FEEDBACK = "interview_feedback", "Interview: feedback asked of the employer"
        COLLEAGUE_INVITE = "colleague_invite", "Invitation to join a company account"
        GUARANTEE_ENDING = "guarantee_ending", "Placement: the guarantee ends soon (to the recruiter)"

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

    kind = models.CharField(max_length=30, choices=Kind.choices)
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
    email, a meeting. The audit row of every contact service (`recruitment.contacts`)."""

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


class PendingOutcome(Notification):
    """A decline on its way to a candidate, held for the recruiter (the workspace's "Declines to pass on")."""

    class Meta:
        proxy = True
        verbose_name = "decline to pass on"
        verbose_name_plural = "declines to pass on"


from recruitment.interview_models import Interview, InterviewSlot  # noqa: E402, F401
from recruitment.introduction_models import Introduction, IntroductionEvent  # noqa: E402, F401
from recruitment.placement_models import ClientTerms, Placement  # noqa: E402, F401
from recruitment.search_models import SavedSearch  # noqa: E402,F401 - saved searches live in their own module
