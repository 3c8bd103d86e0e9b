"""Candidates and vacancies that the matching engine scores as clear alerts (or clearly not), for the
notification tests, the integration tests and the alert benchmark."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from tests import factories

LEADERSHIP = ["product-strategy", "pl-ownership", "people-management", "stakeholder-management"]


def hop_candidate(
    *,
    families: tuple[str, ...] = ("head-of-product",),
    skill_slugs: tuple[str, ...] = tuple(LEADERSHIP),
    industries: tuple[str, ...] = ("b2b-saas",),
    verified: bool = True,
    user: User | None = None,
    **fields,
) -> CandidateProfile:
    """A Head of Product in Berlin who scores 100 against `hop_vacancy()` (fields override)."""
    user = user or factories.UserFactory(verified=verified)
    fields = {
        "current_title": "Head of Product",
        "seniority": "head",
        "years_experience": 10,
        "salary_floor": 110_000,
        "country": "DE",
        "city": "Berlin",
        **fields,
    }
    profile = factories.CandidateProfileFactory(user=user, **fields)
    profile.role_families.set(RoleFamily.objects.filter(slug__in=families))
    profile.skills.set(Skill.objects.filter(slug__in=skill_slugs))
    profile.industries.set(Industry.objects.filter(slug__in=industries))
    return profile


def weak_candidate(**fields) -> CandidateProfile:
    """Right role family, but too junior, no skills and another industry: scored, below the threshold."""
    fields.setdefault("years_experience", 2)
    return hop_candidate(skill_slugs=(), industries=("gaming",), **fields)


def hop_vacancy(*, family: str = "head-of-product", factory=factories.PendingVacancyFactory, **fields):
    """A Head of Product opening in Berlin (pending review unless another factory is given)."""
    fields.setdefault("title", "Head of Product, Payments Platform")
    return factory(
        role_family=factories.role_family(family),
        required_skills=factories.skills(*LEADERSHIP),
        industry=factories.industry("b2b-saas"),
        min_years=8,
        salary_min=120_000,
        salary_max=150_000,
        **fields,
    )


def bulk_hop_candidates(count: int, *, prefix: str = "bulk") -> list[CandidateProfile]:
    """`count` alertable Head of Product candidates, created in a handful of bulk queries."""
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{i}@example.com", first_name=f"Cand{i}", last_name="Idate", password="!")
            for i in range(count)
        ],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    profiles = CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(
                user=u,
                headline="Product leader",
                current_title="Head of Product",
                seniority="head",
                years_experience=10,
                salary_floor=110_000,
                salary_currency="EUR",
                country="DE",
                city="Berlin",
                consent_given_at=now,
                alert_frequency=CandidateProfile.AlertFrequency.INSTANT,
            )
            for u in users
        ],
        batch_size=1000,
    )
    family = RoleFamily.objects.get(slug="head-of-product")
    skill_ids = list(Skill.objects.filter(slug__in=LEADERSHIP).values_list("pk", flat=True))
    industry = Industry.objects.get(slug="b2b-saas")
    through = CandidateProfile.role_families.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, rolefamily_id=family.pk) for p in profiles], batch_size=2000
    )
    through = CandidateProfile.skills.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, skill_id=s) for p in profiles for s in skill_ids], batch_size=2000
    )
    through = CandidateProfile.industries.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, industry_id=industry.pk) for p in profiles], batch_size=2000
    )
    return profiles
