"""One factory per model, with state subclasses (PublishedVacancyFactory...)."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from recruitment.emails.applications import STAGE_CHANGED
from recruitment.models import Match, Notification, RecruiterNote
from tests.support.pdfs import plain_pdf
from vacancies.models import Application, ApplicationStageChange, Company, EmployerProfile, Vacancy

PASSWORD = "a-long-test-passphrase-42"
# A small, real one-page PDF that our CV validator accepts.
PDF_BYTES = plain_pdf()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = User.Role.CANDIDATE
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            if extracted is not False:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CandidateUserFactory(UserFactory):
    role = User.Role.CANDIDATE
    profile = factory.RelatedFactory("tests.factories.CandidateProfileFactory", factory_related_name="user")


class EmployerUserFactory(UserFactory):
    role = User.Role.EMPLOYER


class RecruiterFactory(UserFactory):
    role = User.Role.RECRUITER
    is_staff = True

    @factory.post_generation
    def in_group(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(Group.objects.get(name="Recruiters"))


def role_family(slug: str = "head-of-product") -> RoleFamily:
    return RoleFamily.objects.get(slug=slug)


def skills(*slugs: str) -> list[Skill]:
    return list(Skill.objects.filter(slug__in=slugs))


def industry(slug: str = "b2b-saas") -> Industry:
    return Industry.objects.get(slug=slug)


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CandidateProfile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    headline = "Product leader for B2B SaaS"
    current_title = "Director of Product"
    years_experience = 10
    seniority = "director"
    city = "Berlin"
    country = "DE"
    remote_preference = "any"
    salary_floor = 100_000
    salary_currency = "EUR"
    open_to_opportunities = True
    alert_frequency = CandidateProfile.AlertFrequency.INSTANT
    consent_given_at = factory.LazyFunction(timezone.now)


class CompleteCandidateProfileFactory(CandidateProfileFactory):
    """A profile that can apply: name, headline, years and a CV."""

    cv = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="cv.pdf"))
    cv_original_name = "cv.pdf"


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    website = "https://example.com"


class EmployerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerProfile

    user = factory.SubFactory(EmployerUserFactory)
    company = factory.SubFactory(CompanyFactory)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Head of Product {n}")
    slug = factory.Sequence(lambda n: f"head-of-product-{n}")
    role_family = factory.LazyFunction(role_family)
    seniority = "head"
    min_years = 8
    city = "Berlin"
    country = "DE"
    remote_policy = "hybrid"
    salary_min = 120_000
    salary_max = 150_000
    salary_currency = "EUR"
    description = "Lead product for our platform."
    status = Vacancy.Status.DRAFT

    @factory.post_generation
    def required_skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.required_skills.set(extracted)

    @factory.post_generation
    def nice_to_have_skills(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.nice_to_have_skills.set(extracted)


class PendingVacancyFactory(VacancyFactory):
    status = Vacancy.Status.PENDING_REVIEW
    submitted_at = factory.LazyFunction(timezone.now)


class PublishedVacancyFactory(VacancyFactory):
    status = Vacancy.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class ClosedVacancyFactory(PublishedVacancyFactory):
    status = Vacancy.Status.CLOSED
    close_reason = Vacancy.CloseReason.FILLED
    closed_at = factory.LazyFunction(timezone.now)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    candidate = factory.SubFactory(CandidateUserFactory)
    vacancy = factory.SubFactory(PublishedVacancyFactory)
    cover_letter = "I would love to lead your product team."
    cv = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="application-cv.pdf"))
    cv_original_name = "my-cv.pdf"
    stage = Application.Stage.APPLIED

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            ApplicationStageChange.objects.create(application=obj, from_stage="", to_stage=obj.stage, by=obj.candidate)


class MatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Match

    candidate = factory.SubFactory(CandidateProfileFactory)
    vacancy = factory.SubFactory(PublishedVacancyFactory)
    score = 80
    breakdown = factory.LazyFunction(list)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    kind = STAGE_CHANGED
    recipient = factory.SubFactory(UserFactory)
    to_email = factory.SelfAttribute("recipient.email")
    dedupe_key = factory.Sequence(lambda n: f"test:{n}")


class RecruiterNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RecruiterNote

    candidate = factory.SubFactory(CandidateProfileFactory)
    author = factory.SubFactory(RecruiterFactory)
    body = "Strong on strategy; probe people leadership."
