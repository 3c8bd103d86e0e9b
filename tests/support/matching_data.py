"""Varied candidates for the matching fan-out tests: many distinct scores and breakdowns (years, skills,
industries, place and pay all vary), created in a handful of bulk queries from a seeded random."""

from __future__ import annotations

import random

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import CandidateProfile, Industry, RemotePreference, RoleFamily, Skill, User
from tests import factories
from tests.support.alerts import LEADERSHIP

# Alerts are held for a digest (never sent at once): the tests compare the rows, not the emails.
FREQUENCIES = [CandidateProfile.AlertFrequency.DAILY, CandidateProfile.AlertFrequency.WEEKLY]


def varied_candidates(count: int, *, seed: int = 14, prefix: str = "varied") -> list[CandidateProfile]:
    rng = random.Random(seed)
    now = timezone.now()
    families = list(RoleFamily.objects.values_list("pk", flat=True))
    skills = list(Skill.objects.values_list("pk", flat=True))
    # The broad vacancy's industry, another regulated one and two others: many partial and full matches.
    sectors = ["fintech-and-financial-services", "healthcare", "b2b-saas", "gaming"]
    industries = list(Industry.objects.filter(slug__in=sectors).values_list("pk", flat=True))
    users = User.objects.bulk_create(
        [
            User(email=f"{prefix}{i}@example.com", first_name=f"V{i}", last_name="Aried", password="!")
            for i in range(count)
        ]
    )
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])
    profiles = CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(
                user=u,
                headline="Product leader",
                current_title="Product leader",
                seniority="head",
                years_experience=rng.choice([None, *range(16), *range(6, 16)]),
                salary_floor=rng.choice([None, rng.randrange(60_000, 160_000, 500)]),
                salary_currency=rng.choice(["EUR", "EUR", "GBP", "USD"]),
                country=rng.choice(["DE", "DE", "FR", "GB", "US"]),
                city="Somewhere",
                remote_preference=rng.choice(list(RemotePreference)),
                willing_to_relocate=rng.random() < 0.5,
                consent_given_at=now,
                alert_frequency=rng.choice(FREQUENCIES),
            )
            for u in users
        ]
    )
    leadership = list(Skill.objects.filter(slug__in=LEADERSHIP).values_list("pk", flat=True))
    links = []
    for _profile in profiles:
        links.append(
            (
                rng.sample(families, rng.randint(0, 2)),
                rng.sample(skills, rng.randint(0, 6)) + rng.sample(leadership, rng.randint(1, 4)),
                rng.sample(industries, rng.randint(0, 2)),
            )
        )
    pairs = list(zip(profiles, links, strict=True))
    through = CandidateProfile.role_families.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, rolefamily_id=f) for p, (fs, _, _) in pairs for f in fs]
    )
    through = CandidateProfile.skills.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, skill_id=s) for p, (_, ss, _) in pairs for s in set(ss)]
    )
    through = CandidateProfile.industries.through
    through.objects.bulk_create(
        [through(candidateprofile_id=p.pk, industry_id=i) for p, (_, _, ins) in pairs for i in ins]
    )
    return profiles


def broad_vacancy(**fields):
    """An open, remote Head of Product opening: the broadest short list (every role family is close)."""
    return factories.PublishedVacancyFactory(
        role_family=factories.role_family("head-of-product"),
        required_skills=factories.skills(*LEADERSHIP),
        nice_to_have_skills=factories.skills("roadmapping", "payments"),
        industry=factories.industry("fintech-and-financial-services"),
        remote_policy="remote",
        min_years=8,
        salary_min=120_000,
        salary_max=150_000,
        **fields,
    )
