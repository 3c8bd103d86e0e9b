"""Generated candidates at scale: users with a verified address and a complete profile (role families,
skills, industries), written batch by batch with bulk inserts."""

from __future__ import annotations

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import CandidateProfile, User
from recruitment.demo.context import ScaleContext, explicit_timestamps
from recruitment.demo.names import NamePools, name_slug
from recruitment.demo.scale_tables import (
    BASE_PAY,
    FAMILIES_BY_SENIORITY,
    HEADLINES,
    PLACE_WEIGHTS,
    PLACES,
    TITLES_BY_SENIORITY,
    round_to,
)

SEED_CANDIDATE_DOMAIN = "candidates.example.net"  # marks generated candidates (counted for top-ups)


def seed_candidates(bulk: ScaleContext, total: int) -> None:
    """Top the generated candidates up to `total`."""
    existing = User.objects.filter(email__endswith=f"@{SEED_CANDIDATE_DOMAIN}").count()
    if existing >= total:
        bulk.out.write(f"  candidates: {existing:,} generated already, nothing to add")
        return
    bulk.progress("candidates", existing, total)
    names = NamePools((locale for place in PLACES for locale in place.locales), seed=bulk.seed)
    for start in range(existing, total, bulk.batch_size):
        stop = min(start + bulk.batch_size, total)
        with transaction.atomic(), explicit_timestamps(CandidateProfile):
            _candidate_batch(bulk, names, start, stop)
        bulk.created["candidates"] += stop - start
        bulk.progress("candidates", stop, total)


def _candidate_batch(bulk: ScaleContext, names: NamePools, start: int, stop: int) -> None:
    rng = bulk.rng("candidates", start)
    people = [_person(bulk, names, rng, i) for i in range(start, stop)]
    users = User.objects.bulk_create(
        [
            User(
                email=p["email"],
                first_name=p["first"],
                last_name=p["last"],
                role=User.Role.CANDIDATE,
                password=bulk.password,
                date_joined=p["joined"],
            )
            for p in people
        ]
    )
    EmailAddress.objects.bulk_create([EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users])
    profiles = CandidateProfile.objects.bulk_create(
        [CandidateProfile(user=u, **p["profile"]) for u, p in zip(users, people, strict=True)]
    )
    for field, column, key in [
        ("role_families", "rolefamily_id", "families"),
        ("skills", "skill_id", "skills"),
        ("industries", "industry_id", "industries"),
    ]:
        through = getattr(CandidateProfile, field).through
        through.objects.bulk_create(
            [
                through(candidateprofile_id=profile.pk, **{column: pk})
                for profile, p in zip(profiles, people, strict=True)
                for pk in p[key]
            ]
        )


def _person(bulk: ScaleContext, names: NamePools, rng: random.Random, index: int) -> dict:
    """One candidate: the user's fields, their vocabulary pks, and their profile's fields."""
    years = min(30, max(3, int(rng.gauss(11, 4.5))))
    seniority = (
        "principal" if years < 8 else "director" if years < 11 else "head" if years < 14 else "vp"
        if years < 18 else "executive"
    )  # fmt: skip
    if rng.random() < 0.2:  # careers are not a ladder
        seniority = rng.choice(list(BASE_PAY))
    place = rng.choices(PLACES, weights=PLACE_WEIGHTS)[0]
    first, last = names.person(rng, place.locales)
    slug = f"{name_slug(first)}.{name_slug(last)}.{index}"
    family_slugs = FAMILIES_BY_SENIORITY[seniority]
    families = [family_slugs[0]] + ([rng.choice(family_slugs[1:])] if rng.random() < 0.55 else [])
    skills = rng.sample(bulk.skills, rng.randint(4, 9))
    industries = rng.sample(bulk.industries, rng.choices([1, 2, 3], weights=[45, 40, 15])[0])
    title = rng.choice(TITLES_BY_SENIORITY[seniority])
    headline = rng.choice(HEADLINES).format(
        title=title,
        title_lower=title.lower(),
        years=years,
        industry=industries[0][1].lower() if industries[0][1] != "B2B SaaS" else "B2B SaaS",
        skill=skills[0][1].lower(),
        skill2=skills[1][1].lower(),
        team=rng.choice([6, 8, 12, 15, 20, 30, 45]),
        countries=rng.choice([2, 3, 4, 5]),
    )[:160]
    joined = bulk.now - dt.timedelta(days=rng.uniform(1, 720))
    consented = rng.random() < 0.92
    return {
        "email": f"{slug}@{SEED_CANDIDATE_DOMAIN}",
        "first": first,
        "last": last,
        "joined": joined,
        "families": [bulk.families[s] for s in families],
        "skills": [pk for pk, _name in skills],
        "industries": [pk for pk, _name in industries],
        "profile": {
            "headline": headline,
            "current_title": title,
            "years_experience": years,
            "seniority": seniority,
            "city": rng.choice(place.cities),
            "country": place.country,
            "remote_preference": rng.choices(["any", "hybrid", "remote", "onsite"], weights=[35, 35, 20, 10])[0],
            "willing_to_relocate": rng.random() < 0.25,
            "salary_floor": round_to(BASE_PAY[seniority] * place.pay_level * rng.uniform(0.8, 1.15)),
            "salary_currency": place.currency,
            "notice_period_weeks": rng.choice([4, 4, 8, 12, 12, 13, 26]),
            "linkedin_url": f"https://www.linkedin.com/in/{slug.replace('.', '-')}",
            "open_to_opportunities": rng.random() < 0.85,
            "alert_frequency": rng.choices(["instant", "daily", "weekly", "off"], weights=[40, 30, 20, 10])[0],
            "consent_given_at": joined if consented else None,
            "created_at": joined,
            "updated_at": joined + dt.timedelta(days=rng.uniform(0, (bulk.now - joined).days)),
        },
    }
