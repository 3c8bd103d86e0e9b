"""Introductions (submittals): a recruiter puts a candidate forward to a client for one vacancy.

Nothing reaches the client before the candidate consents. The life of one introduction:

    proposed -> awaiting candidate -> with the client -> client interested (an Application at Screening)
                                  \\-> declined by the candidate    \\-> not a fit
                                  \\-> expired (no answer in 14 days)  \\-> reveal requested -> with the client
                                                                                         \\-> declined / expired

Every move is an `IntroductionEvent` row (who, when, why), so the time spent in each status is known.
The rules live in `recruitment.services.introductions`; this module only describes the records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.models.outbox import Notification
from vacancies.models import Application, Vacancy


class IntroductionQuerySet(models.QuerySet):
    def for_candidate(self, profile):
        return self.filter(candidate=profile)

    def for_company(self, company_id: int):
        """What a client may see: introductions the candidate agreed to, for the company's vacancies."""
        return self.filter(vacancy__company_id=company_id, status__in=Introduction.SEEN_BY_CLIENT)

    def awaiting_candidate(self):
        return self.filter(status__in=Introduction.AWAITING)

    def live(self):
        """Still going somewhere: neither answered for good nor ended."""
        return self.exclude(status__in=Introduction.FINAL)


class Introduction(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        AWAITING_CANDIDATE = "awaiting_candidate", "Awaiting the candidate"
        DECLINED_BY_CANDIDATE = "declined_by_candidate", "Declined by the candidate"
        EXPIRED = "expired", "Expired"
        WITH_CLIENT = "with_client", "With the client"
        REVEAL_REQUESTED = "reveal_requested", "Client asks to reveal"
        CLIENT_INTERESTED = "client_interested", "Client interested"
        NOT_A_FIT = "not_a_fit", "Not a fit"
        WITHDRAWN = "withdrawn", "Withdrawn by the agency"

    class Presentation(models.TextChoices):
        FULL = "full", "Full profile"
        ANONYMISED = "anonymised", "Anonymised (no name, contact details or CV until revealed)"

    class CandidateReason(models.TextChoices):
        SALARY = "salary", "Salary"
        LOCATION = "location", "Location"
        TIMING = "timing", "Timing"
        NOT_INTERESTED = "not_interested", "Not interested in the role"
        OTHER = "other", "Other"

    class ClientReason(models.TextChoices):
        EXPERIENCE = "experience", "Experience"
        SKILLS = "skills", "Skills"
        SALARY = "salary", "Salary"
        LOCATION = "location", "Location"
        ROLE_FILLED = "role_filled", "Role filled or on hold"
        OTHER = "other", "Other"

    # The candidate is asked in these statuses (for the introduction itself, then to reveal their name).
    AWAITING = (Status.AWAITING_CANDIDATE, Status.REVEAL_REQUESTED)
    # The client sees the introduction in these statuses.
    SEEN_BY_CLIENT = (Status.WITH_CLIENT, Status.REVEAL_REQUESTED, Status.CLIENT_INTERESTED, Status.NOT_A_FIT)
    FINAL = (
        Status.DECLINED_BY_CANDIDATE,
        Status.EXPIRED,
        Status.CLIENT_INTERESTED,
        Status.NOT_A_FIT,
        Status.WITHDRAWN,
    )

    candidate = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="introductions")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="introductions")
    recruiter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    pitch = models.TextField(max_length=2000)
    presentation = models.CharField(max_length=12, choices=Presentation.choices, default=Presentation.FULL)
    revealed_at = models.DateTimeField(null=True, blank=True)
    # The client said "Interested" while the candidate was anonymised: the candidate is asked to reveal, and
    # their yes opens the application at once (one round, not two).
    interested_on_reveal = models.BooleanField(default=False)
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # The candidate's current question: 1 = "may we introduce you?", 2 = "may we reveal your name?".
    # Signed links carry the round, so yesterday's link cannot answer today's question.
    consent_round = models.PositiveSmallIntegerField(default=0)
    asked_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    candidate_reason = models.CharField(max_length=20, choices=CandidateReason.choices, blank=True)
    candidate_note = models.TextField(max_length=2000, blank=True)
    client_reason = models.CharField(max_length=20, choices=ClientReason.choices, blank=True)
    client_note = models.TextField(max_length=2000, blank=True)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="introduction"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="introduction_unique_candidate_vacancy")
        ]
        indexes = [
            models.Index(fields=["status", "asked_at"], name="introduction_status_asked_idx"),
        ]

    def __str__(self) -> str:
        """ "Ingrid Solberg to Lumen Health for Head of Product (N-00042)": the workspace's title. It names the
        candidate: what a client sees of an anonymised introduction is its `reference`, never this. Reads the
        candidate's user, the vacancy and its company: select them."""
        candidate = self.candidate.user
        return f"{candidate} to {self.vacancy.company.name} for {self.vacancy.title} ({self.reference})"

    @property
    def reference(self) -> str:
        """The name a client sees for an anonymised candidate."""
        return f"N-{self.pk:05d}" if self.pk else "N-new"

    @property
    def is_anonymised(self) -> bool:
        """True while the client must not learn who the candidate is."""
        return self.presentation == self.Presentation.ANONYMISED and self.revealed_at is None

    @property
    def client_knows(self) -> str:
        """What the client knows of the candidate now, in words for every page that shows the introduction."""
        if self.status in (self.Status.PROPOSED, self.Status.AWAITING_CANDIDATE):
            return "Nothing yet: nothing reaches the client before the candidate says yes."
        never_sent = self.status in (self.Status.DECLINED_BY_CANDIDATE, self.Status.EXPIRED) and self.consent_round <= 1
        if never_sent:
            return "Nothing: the introduction never reached the client."
        if self.is_anonymised:
            return "The profile without the name, contact details or CV."
        if self.revealed_at is not None:
            return f"Who the candidate is: revealed on {self.revealed_at:%-d %b %Y}."
        return "The full profile: name, contact details and CV."

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    @property
    def awaits_candidate(self) -> bool:
        return self.status in self.AWAITING


class IntroductionEvent(models.Model):
    """One move of an introduction: the audit trail and the source of "time in each status"."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=25, choices=Introduction.Status.choices, blank=True)
    to_status = models.CharField(max_length=25, choices=Introduction.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(max_length=2000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        frm = Introduction.Status(self.from_status).label if self.from_status else "New"
        return f"{frm} → {Introduction.Status(self.to_status).label}"


class PendingOutcome(Notification):
    """A decline on its way to a candidate, held for the recruiter (the workspace's "Declines to pass on")."""

    class Meta:
        proxy = True
        verbose_name = "decline to pass on"
        verbose_name_plural = "declines to pass on"
