"""People: the email-login user, the candidate profile, and the shared vocabularies
(role families, skills, industries) that candidates and vacancies are described with,
so that matching compares like with like."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from accounts import rules
from accounts.base_models import TimeStampedModel
from accounts.choices import Currency, RemotePreference, Seniority
from accounts.money import eur_expression

# Migrations name accounts.models.private_storage: it stays importable from here.
from accounts.storage import private_storage
from accounts.time_zones import validate_time_zone, zone_named
from accounts.validators import validate_linkedin_url

__all__ = [
    "CandidateProfile",
    "Currency",
    "Industry",
    "RemotePreference",
    "RoleFamily",
    "Seniority",
    "Skill",
    "TimeStampedModel",
    "User",
    "private_storage",
]


# --- Vocabularies ---------------------------------------------------------------


class VocabularyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Vocabulary(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    is_active = models.BooleanField(default=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleFamilyQuerySet(VocabularyQuerySet):
    def alerted_by_default(self):
        """The agency's alerted role families (MATCH_ALERT_ROLE_FAMILIES): every alertable candidate
        hears of these openings; others only when they opt in (CandidateProfile.extra_alert_role_families)."""
        return self.filter(slug__in=settings.MATCH_ALERT_ROLE_FAMILIES)


class RoleFamily(Vocabulary):
    """CPO, VP Product, Head of Product, Director of Product, Group/Principal PM."""

    seniority = models.CharField(max_length=20, choices=Seniority.choices, default=Seniority.HEAD)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists, most senior first.")

    objects = RoleFamilyQuerySet.as_manager()

    class Meta(Vocabulary.Meta):
        ordering = ["position", "name"]
        verbose_name_plural = "role families"


class Skill(Vocabulary):
    pass


class Industry(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name_plural = "industries"


# --- Users ------------------------------------------------------------------------


def verified_email_q(prefix: str = "") -> models.Q:
    """The verified-email rule: the user's primary address (the one we write to) is verified.
    `prefix` reaches the user from another model ("user__" from a candidate profile)."""
    return models.Q(**{f"{prefix}emailaddress__verified": True, f"{prefix}emailaddress__primary": True})


class UserQuerySet(models.QuerySet):
    def candidates(self):
        return self.filter(role=User.Role.CANDIDATE)

    def employers(self):
        return self.filter(role=User.Role.EMPLOYER)

    def recruiters(self):
        """The agency's recruiters (see accounts.rules.user_is_recruiter)."""
        return self.filter(
            models.Q(is_superuser=True) | models.Q(role=User.Role.RECRUITER, is_staff=True), is_active=True
        )

    def with_verified_email(self):
        return self.filter(verified_email_q())


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", User.Role.RECRUITER)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    class Role(models.TextChoices):
        CANDIDATE = "candidate", "Candidate"
        EMPLOYER = "employer", "Employer"
        RECRUITER = "recruiter", "Recruiter"

    email = models.EmailField("email address", unique=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.CANDIDATE)
    is_staff = models.BooleanField(default=False, help_text="Can log into the admin (recruiters).")
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # The IANA zone times are shown in (pages and emails); blank: the site's TIME_ZONE.
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def zone(self):
        """The user's time zone (the site's when they chose none)."""
        return zone_named(self.time_zone)

    @property
    def is_candidate(self) -> bool:
        return self.role == self.Role.CANDIDATE

    @property
    def is_employer(self) -> bool:
        return self.role == self.Role.EMPLOYER

    @property
    def is_recruiter(self) -> bool:
        return rules.user_is_recruiter(self)

    def has_verified_email(self) -> bool:
        return type(self).objects.with_verified_email().filter(pk=self.pk).exists()

    def get_dashboard_url(self) -> str:
        if self.is_recruiter:
            return reverse("admin:index")
        if self.is_employer:
            return reverse("employers:dashboard")
        return reverse("accounts:dashboard")


# --- Candidate profile ------------------------------------------------------------


def cv_upload_to(instance, filename: str) -> str:
    # The caller passes a server-generated name; never the user's.
    return f"cvs/{filename}"


class CandidateProfileQuerySet(models.QuerySet):
    def open_to_opportunities(self):
        return self.filter(open_to_opportunities=True, user__is_active=True)

    def verified(self):
        return self.filter(verified_email_q("user__"))

    def consenting(self):
        return self.filter(consent_given_at__isnull=False)

    def alerts_on(self):
        return self.exclude(alert_frequency=CandidateProfile.AlertFrequency.OFF)

    def alertable(self):
        """Who may receive match alerts: open, verified, consenting, alerts on."""
        return self.open_to_opportunities().verified().consenting().alerts_on()

    def with_words(self, text: str):
        """Every word of `text` in the name, email, headline or current title."""
        queryset = self
        for word in text.split():
            queryset = queryset.filter(
                models.Q(user__first_name__icontains=word)
                | models.Q(user__last_name__icontains=word)
                | models.Q(user__email__icontains=word)
                | models.Q(headline__icontains=word)
                | models.Q(current_title__icontains=word)
            )
        return queryset

    def with_skills(self, skills: Iterable, *, all_skills: bool = False):
        """Any of `skills` (Skill rows or ids), or all of them; no skills: no narrowing."""
        skill_ids = sorted({getattr(skill, "pk", skill) for skill in skills})
        if not skill_ids:
            return self
        having = CandidateProfile.skills.through.objects.filter(skill_id__in=skill_ids)
        if all_skills:
            having = (
                having.values("candidateprofile_id")
                .annotate(found=models.Count("skill_id", distinct=True))
                .filter(found=len(skill_ids))
            )
        return self.filter(pk__in=having.values("candidateprofile_id"))

    def search(
        self,
        *,
        text: str = "",
        skills: Iterable = (),
        all_skills: bool = False,
        role_families: Iterable = (),
        years_min: int | None = None,
        years_max: int | None = None,
        salary_min_eur: int | None = None,
        salary_max_eur: int | None = None,
        countries: Iterable[str] = (),
        remote_preferences: Iterable[str] = (),
        open_to_opportunities: bool | None = None,
    ):
        """The recruiters' candidate search: every criterion given narrows the list (empty ones are ignored).

        `text`: every word in the name, email, headline or current title. `skills` (Skill rows or ids): any
        of them, or all of them with `all_skills`. `role_families`: targets any of them. Years and the salary
        floor (in euros, whatever the candidate's currency: `salary_floor_eur`) within the bounds given; a
        candidate who gave no figure is left out once a bound is set. `countries` (ISO codes) and
        `remote_preferences`: any of them. `open_to_opportunities`: True for open (and active) candidates,
        False for the others."""
        queryset = self.with_words(text).with_skills(skills, all_skills=all_skills)
        family_ids = sorted({getattr(family, "pk", family) for family in role_families})
        if family_ids:
            targeting = CandidateProfile.role_families.through.objects.filter(rolefamily_id__in=family_ids)
            queryset = queryset.filter(pk__in=targeting.values("candidateprofile_id"))
        bounds = {
            "years_experience__gte": years_min,
            "years_experience__lte": years_max,
            "salary_floor_eur__gte": salary_min_eur,
            "salary_floor_eur__lte": salary_max_eur,
        }
        queryset = queryset.filter(**{lookup: value for lookup, value in bounds.items() if value is not None})
        if countries:
            queryset = queryset.filter(country__in=list(countries))
        if remote_preferences:
            queryset = queryset.filter(remote_preference__in=list(remote_preferences))
        if open_to_opportunities is True:
            queryset = queryset.open_to_opportunities()
        elif open_to_opportunities is False:
            queryset = queryset.filter(models.Q(open_to_opportunities=False) | models.Q(user__is_active=False))
        return queryset


class CandidateProfile(TimeStampedModel):
    class AlertFrequency(models.TextChoices):
        INSTANT = "instant", "Instantly"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"
        OFF = "off", "Off"

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="candidate_profile")
    headline = models.CharField(max_length=160, blank=True)
    current_title = models.CharField(max_length=120, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        "years of product experience",
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
    )
    seniority = models.CharField(max_length=20, choices=Seniority.choices, blank=True)
    role_families = models.ManyToManyField(RoleFamily, blank=True, related_name="candidates")
    skills = models.ManyToManyField(Skill, blank=True, related_name="candidates")
    industries = models.ManyToManyField(Industry, blank=True, related_name="candidates")
    city = models.CharField(max_length=100, blank=True)
    country = CountryField(blank=True)
    remote_preference = models.CharField(max_length=10, choices=RemotePreference.choices, default=RemotePreference.ANY)
    willing_to_relocate = models.BooleanField(default=False)
    salary_floor = models.PositiveIntegerField(
        "minimum yearly salary", null=True, blank=True, validators=[MaxValueValidator(5_000_000)]
    )
    salary_currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.EUR)
    # The floor in euros (accounts.money's reference rates), computed by the database on every write, so the
    # workspace's candidate search compares floors across currencies (as Vacancy.salary_min_eur does).
    salary_floor_eur = models.GeneratedField(
        expression=eur_expression("salary_floor", "salary_currency"), output_field=models.FloatField(), db_persist=True
    )
    notice_period_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(52)]
    )
    linkedin_url = models.URLField("LinkedIn URL", blank=True, validators=[validate_linkedin_url])
    cv = models.FileField("CV", storage=private_storage, upload_to=cv_upload_to, blank=True, max_length=255)
    cv_original_name = models.CharField(max_length=255, blank=True)
    cv_uploaded_at = models.DateTimeField(null=True, blank=True)
    open_to_opportunities = models.BooleanField(default=True)
    # Set when the agency places them: not open to opportunities until this day, then open again (the daily
    # release). The candidate changing "open to opportunities" themselves clears it.
    placed_until = models.DateField("placed: not looking until", null=True, blank=True)
    alert_frequency = models.CharField(max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.INSTANT)
    # Role families alerted on top of the agency's (MATCH_ALERT_ROLE_FAMILIES); only target role families.
    extra_alert_role_families = models.ManyToManyField(
        RoleFamily, blank=True, related_name="extra_alert_candidates", verbose_name="also alert me for"
    )
    consent_given_at = models.DateTimeField("consent to be contacted given at", null=True, blank=True)
    last_digest_sent_at = models.DateTimeField(null=True, blank=True)

    # Where a candidate works and for what pay: a group of fields the profile form, the workspace,
    # re-matching and matching's fact loading all name together.
    PLACE_AND_PAY_FIELDS = (
        "city",
        "country",
        "remote_preference",
        "willing_to_relocate",
        "salary_floor",
        "salary_currency",
    )
    # The vocabularies a candidate is described with (many-to-many).
    VOCABULARY_FIELDS = ("role_families", "skills", "industries")

    objects = CandidateProfileQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["open_to_opportunities", "remote_preference"], name="candidate_open_remote_idx"),
            models.Index(fields=["salary_floor"], name="candidate_salary_floor_idx"),
            models.Index(fields=["salary_floor_eur"], name="candidate_salary_floor_eur_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.headline or 'no headline'})"

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile")

    @property
    def has_consented(self) -> bool:
        return self.consent_given_at is not None

    def missing_for_applying(self) -> list[str]:
        """What a candidate still has to fill in before they can apply."""
        missing = []
        if not self.user.get_full_name():
            missing.append("your name")
        if not self.headline:
            missing.append("a headline")
        if self.years_experience is None:
            missing.append("years of product experience")
        if not self.cv:
            missing.append("a CV")
        return missing
