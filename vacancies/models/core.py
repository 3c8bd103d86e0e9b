"""Companies, their vacancies with the review workflow, and applications with their pipeline.

State changes (publish, reject, close, move stage...) live in `vacancies.services`;
these models only hold data, invariants and QuerySet verbs."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from accounts.base_models import TimeStampedModel
from accounts.choices import Currency, Seniority
from accounts.models import Industry, RoleFamily, Skill
from accounts.money import eur_expression
from accounts.rules import may_see_every_candidate
from accounts.storage import private_storage


def logo_upload_to(instance, filename: str) -> str:
    return f"logos/{filename}"


class Company(TimeStampedModel):
    class Size(models.TextChoices):
        STARTUP = "1-50", "1-50 people"
        SCALEUP = "51-250", "51-250 people"
        MIDSIZE = "251-1000", "251-1,000 people"
        LARGE = "1001-5000", "1,001-5,000 people"
        ENTERPRISE = "5000+", "5,000+ people"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    website = models.URLField(blank=True)
    industry = models.ForeignKey(Industry, null=True, blank=True, on_delete=models.SET_NULL, related_name="companies")
    size = models.CharField(max_length=10, choices=Size.choices, blank=True)
    description = models.TextField(blank=True, max_length=5000)
    logo = models.ImageField(upload_to=logo_upload_to, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name


class EmployerProfile(TimeStampedModel):
    """Links an employer user to the company they hire for. Several employers may share one company."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employer_profile")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="employers")
    job_title = models.CharField(max_length=120, blank=True)
    # The company admin invites colleagues and removes members (the one who registered the company is one).
    is_company_admin = models.BooleanField("company admin", default=False)

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


class RemotePolicy(models.TextChoices):
    ONSITE = "onsite", "On-site"
    HYBRID = "hybrid", "Hybrid"
    REMOTE = "remote", "Remote"


class EmploymentType(models.TextChoices):
    """Values are schema.org JobPosting employmentType values."""

    FULL_TIME = "FULL_TIME", "Full-time"
    PART_TIME = "PART_TIME", "Part-time"
    CONTRACTOR = "CONTRACTOR", "Contract"
    TEMPORARY = "TEMPORARY", "Interim"


class VacancyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Vacancy.Status.PUBLISHED)

    def open(self):
        """Published and not past the closing date: what the board shows."""
        today = timezone.localdate()
        return self.published().filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))

    def past_closing_date(self):
        return self.published().filter(closes_on__lt=timezone.localdate())

    def pending_review(self):
        return self.filter(status=Vacancy.Status.PENDING_REVIEW)

    def for_company(self, company):
        return self.filter(company=company)

    def for_employer(self, user):
        return self.filter(company__employers__user=user)

    def in_role_families(self, slugs):
        return self.filter(role_family__slug__in=slugs)


class Vacancy(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING_REVIEW = "pending_review", "Pending review"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        CLOSED = "closed", "Closed"
        EXPIRED = "expired", "Expired"

    class CloseReason(models.TextChoices):
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="vacancies")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=140)
    slug = models.SlugField(max_length=160, unique=True)
    role_family = models.ForeignKey(RoleFamily, on_delete=models.PROTECT, related_name="vacancies")
    seniority = models.CharField(max_length=20, choices=Seniority.choices)
    min_years = models.PositiveSmallIntegerField(
        "minimum years of product experience", default=0, validators=[MaxValueValidator(40)]
    )
    # Each required skill is a must-have or important (RequiredSkill); nice-to-have skills are a plain list.
    required_skills = models.ManyToManyField(Skill, blank=True, related_name="required_by", through="RequiredSkill")
    nice_to_have_skills = models.ManyToManyField(Skill, blank=True, related_name="nice_to_have_for")
    industry = models.ForeignKey(Industry, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies")
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    remote_policy = models.CharField(max_length=10, choices=RemotePolicy.choices, default=RemotePolicy.HYBRID)
    salary_min = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5_000_000)])
    salary_max = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5_000_000)])
    salary_currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    # The band in euros (accounts.money's reference rates), computed by the database on every write, so the
    # board sorts and filters salaries across currencies in step with matching.
    salary_min_eur = models.GeneratedField(
        expression=eur_expression("salary_min", "salary_currency"), output_field=models.FloatField(), db_persist=True
    )
    salary_max_eur = models.GeneratedField(
        expression=eur_expression("salary_max", "salary_currency"), output_field=models.FloatField(), db_persist=True
    )
    employment_type = models.CharField(max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME)
    openings = models.PositiveSmallIntegerField(
        "number of hires",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many people this role hires; the last hire closes it as filled.",
    )
    description = models.TextField(max_length=20_000)
    closes_on = models.DateField("closing date", null=True, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    rejection_reason = models.TextField(blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.CheckConstraint(condition=Q(salary_min__lte=F("salary_max")), name="vacancy_salary_min_lte_max"),
            models.CheckConstraint(condition=Q(salary_min__gt=0), name="vacancy_salary_min_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="vacancy_status_published_idx"),
            # The board's filters (role, remote policy, salary, and "open": the closing date) are all in these two,
            # so a search's count reads an index only, whichever filters it has (a new search costs ~1 ms, not
            # ~12 ms, at 10,000 open vacancies); the first also serves "Highest salary first".
            models.Index(
                fields=["status", "-salary_max_eur", "closes_on", "role_family", "remote_policy"],
                name="vacancy_board_salary_idx",
            ),
            models.Index(
                fields=["status", "role_family", "remote_policy", "salary_max_eur", "closes_on"],
                name="vacancy_board_role_idx",
            ),
            # Covers the board's "open" predicate, so counting open vacancies reads the index only.
            models.Index(fields=["status", "closes_on"], name="vacancy_status_closes_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} - {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("vacancies:vacancy_detail", kwargs={"slug": self.slug})

    @property
    def role_at_client(self) -> str:
        """ "Head of Product at Lumen Health": how the workspace's titles name the role (reads the company)."""
        return f"{self.title} at {self.company.name}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.closes_on is None or self.closes_on >= timezone.localdate()
        )

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REJECTED)

    def required_skills_by_importance(self) -> dict[str, list[Skill]]:
        """The required skills split into "must_have" and "important", each by name (one query, or none
        when `skill_requirements__skill` is prefetched)."""
        found: dict[str, list[Skill]] = {RequiredSkill.Importance.MUST_HAVE: [], RequiredSkill.Importance.IMPORTANT: []}
        links = self.skill_requirements.all()
        if "skill_requirements" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("skill")
        for link in links:
            found.setdefault(link.importance, []).append(link.skill)
        return {key: sorted(skills, key=lambda skill: skill.name) for key, skills in found.items()}

    @property
    def location_display(self) -> str:
        place = ", ".join(p for p in (self.city, self.country.name if self.country else "") if p)
        if self.remote_policy == RemotePolicy.REMOTE:
            return f"Remote ({place})" if place else "Remote"
        return f"{place} · {self.get_remote_policy_display()}" if place else self.get_remote_policy_display()


class RequiredSkill(models.Model):
    """A skill a vacancy requires, and how much: a must-have (matching caps the score of a candidate
    who lacks too many of them) or important (it earns points)."""

    class Importance(models.TextChoices):
        MUST_HAVE = "must_have", "Must-have"
        IMPORTANT = "important", "Important"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="skill_requirements")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="+")
    importance = models.CharField(max_length=10, choices=Importance.choices, default=Importance.IMPORTANT)

    class Meta:
        # The table the plain many-to-many field created, kept (with its rows) when importance was added.
        db_table = "vacancies_vacancy_required_skills"
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="required_skill_unique_vacancy_skill"),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ({self.get_importance_display().lower()})"


class VacancyStatusChange(models.Model):
    """Audit trail of the review workflow: who moved a vacancy, from what to what, when."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Vacancy.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Vacancy.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or 'New'} → {self.get_to_status_display()}"


def application_cv_upload_to(instance, filename: str) -> str:
    return f"applications/{filename}"


class ApplicationQuerySet(models.QuerySet):
    def for_candidate(self, user):
        return self.filter(candidate=user)

    def for_employer(self, user):
        return self.filter(vacancy__company__employers__user=user)

    def visible_to(self, user):
        """The who-may-see-a-candidate rule for applications (and their CVs): recruiters who may see
        every candidate see all; the candidate sees their own; an employer sees their company's."""
        if may_see_every_candidate(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(candidate=user) | Q(vacancy__company__employers__user=user))

    def active(self):
        return self.exclude(
            stage__in=[Application.Stage.REJECTED, Application.Stage.WITHDRAWN, Application.Stage.HIRED]
        )


class Application(TimeStampedModel):
    class Stage(models.TextChoices):
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        SHORTLISTED = "shortlisted", "Shortlisted"
        INTERVIEW = "interview", "Interview"
        OFFER = "offer", "Offer"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Source(models.TextChoices):
        DIRECT = "direct", "Applied directly"
        INTRODUCED = "introduced", "Introduced by the agency"

    PIPELINE = [Stage.APPLIED, Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
    FINAL_STAGES = {Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN}

    # Null once the candidate deleted their account: the row stays, anonymised, for the funnel.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="applications")
    cover_letter = models.TextField(blank=True, max_length=10_000)
    cv = models.FileField("CV", storage=private_storage, upload_to=application_cv_upload_to, blank=True, max_length=255)
    cv_original_name = models.CharField(max_length=255, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.APPLIED, db_index=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.DIRECT, db_index=True)
    # A client's decline waits for the recruiter before the candidate hears of it: until then the candidate's
    # pages show the stage before it (`candidate_stage`); the recruitment app sets both.
    decline_told_at = models.DateTimeField(null=True, blank=True)
    stage_before_decline = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    # Ended because the vacancy closed (filled by someone else, or withdrawn): the candidate reads "Role closed".
    closed_with_role = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "vacancy"], name="application_one_per_candidate_vacancy"),
        ]

    def __str__(self) -> str:
        """ "Ingrid Solberg, Head of Product at Lumen Health": the workspace's title (it names the candidate, so
        no page or email of a client prints it). Reads the candidate, the vacancy and its company: select them."""
        return f"{self.candidate or 'Deleted candidate'}, {self.vacancy.role_at_client}"

    def get_absolute_url(self) -> str:
        return reverse("applications:application_detail", kwargs={"pk": self.pk})

    @property
    def decline_held(self) -> bool:
        """Declined, but the candidate is not told yet (the recruiter may soften the words first)."""
        return (
            self.stage == self.Stage.REJECTED
            and self.decline_told_at is not None
            and self.decline_told_at > timezone.now()
            and bool(self.stage_before_decline)
        )

    @property
    def candidate_stage(self) -> str:
        """The stage the candidate sees."""
        return self.stage_before_decline if self.decline_held else self.stage

    def get_candidate_stage_display(self) -> str:
        if self.closed_with_role and self.candidate_stage == self.Stage.REJECTED:
            return "Role closed"
        return self.Stage(self.candidate_stage).label


class ApplicationStageChange(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Application.Stage.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or 'New'} → {self.get_to_stage_display()}"
