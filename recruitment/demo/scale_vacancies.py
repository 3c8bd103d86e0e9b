"""Generated companies and vacancies at scale: vacancies in every workflow status, each with the status
trail that led there, its skills and (once published) its applications (scale_applications.py)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from recruitment.demo.context import ScaleContext, explicit_timestamps
from recruitment.demo.scale_applications import seed_applications
from recruitment.demo.scale_tables import (
    BASE_PAY,
    COMPANY_DESCRIPTION,
    COMPANY_PREFIXES,
    COMPANY_SIZES,
    COMPANY_STAGES,
    COMPANY_SUFFIXES,
    FAMILY_TITLES,
    PLACE_WEIGHTS,
    PLACES,
    REJECTION_REASONS,
    VACANCY_DESCRIPTION,
    VACANCY_FAMILIES,
    VACANCY_FAMILY_WEIGHTS,
    VACANCY_FOCUS,
    round_to,
)
from vacancies.models import Application, Company, Vacancy, VacancyStatusChange

SEED_VACANCY_SLUG = r"-v[0-9]{6}$"  # generated vacancy slugs end in -v000123
SEED_COMPANY_SLUG = r"-c[0-9]{5}$"  # generated company slugs end in -c00012

SENIORITY_OF_FAMILY = {
    "chief-product-officer": "executive",
    "vp-product": "vp",
    "head-of-product": "head",
    "director-of-product": "director",
}  # any other family: "principal"


def seed_companies(bulk: ScaleContext, total: int) -> None:
    """Top the generated companies up to `total`; then every company can be a vacancy's."""
    existing = Company.objects.filter(slug__regex=SEED_COMPANY_SLUG).count()
    if existing < total:
        rng = bulk.rng("companies", existing)
        pairs = len(COMPANY_PREFIXES) * len(COMPANY_SUFFIXES)
        companies = []
        for j in range(existing, total):
            prefix = COMPANY_PREFIXES[j % len(COMPANY_PREFIXES)]
            # Every prefix meets every suffix once in the first prefixes x suffixes companies.
            suffix = COMPANY_SUFFIXES[(j + j // len(COMPANY_PREFIXES)) % len(COMPANY_SUFFIXES)]
            name = f"{prefix} {suffix}" + (f" {j // pairs + 1}" if j >= pairs else "")
            industry_pk, industry_name = rng.choice(bulk.industries)
            size = rng.choice(COMPANY_SIZES)
            stage, countries = rng.choice(COMPANY_STAGES), rng.randint(2, 12)
            about = COMPANY_DESCRIPTION.format(
                name=name, industry=industry_name.lower(), stage=stage, countries=countries
            )
            companies.append(
                Company(
                    name=name,
                    slug=f"{slugify(name)}-c{j:05d}",
                    website=f"https://{slugify(name)}.example",
                    industry_id=industry_pk,
                    size=size,
                    description=about,
                )
            )
        with transaction.atomic():
            Company.objects.bulk_create(companies, batch_size=bulk.batch_size)
        bulk.created["companies"] += len(companies)
    bulk.companies = list(Company.objects.values_list("pk", "name", "industry_id", "description"))


def seed_vacancies(bulk: ScaleContext, total: int) -> None:
    """Top the generated vacancies up to `total`."""
    existing = Vacancy.objects.filter(slug__regex=SEED_VACANCY_SLUG).count()
    if existing >= total:
        bulk.out.write(f"  vacancies: {existing:,} generated already, nothing to add")
        return
    bulk.candidate_ids = list(
        User.objects.filter(role=User.Role.CANDIDATE, candidate_profile__isnull=False).values_list("pk", flat=True)
    )
    bulk.progress("vacancies", existing, total)
    for start in range(existing, total, bulk.batch_size):
        stop = min(start + bulk.batch_size, total)
        with transaction.atomic(), explicit_timestamps(Vacancy, Application):
            _vacancy_batch(bulk, start, stop)
        bulk.created["vacancies"] += stop - start
        bulk.progress("vacancies", stop, total)


def _vacancy_batch(bulk: ScaleContext, start: int, stop: int) -> None:
    rng = bulk.rng("vacancies", start)
    plans = [_vacancy_plan(bulk, rng, i) for i in range(start, stop)]
    vacancies = Vacancy.objects.bulk_create([p["vacancy"] for p in plans])
    changes = []
    for vacancy, plan in zip(vacancies, plans, strict=True):
        for from_status, to_status, at in plan["history"]:
            by = bulk.recruiter if to_status in {"published", "rejected"} else None
            note = vacancy.rejection_reason if to_status == "rejected" else ""
            changes.append(
                VacancyStatusChange(
                    vacancy=vacancy, from_status=from_status, to_status=to_status, by=by, note=note, at=at
                )
            )
    VacancyStatusChange.objects.bulk_create(changes)
    for field, key in (("required_skills", "required"), ("nice_to_have_skills", "nice")):
        through = getattr(Vacancy, field).through
        through.objects.bulk_create(
            [
                through(vacancy_id=vacancy.pk, skill_id=skill)
                for vacancy, plan in zip(vacancies, plans, strict=True)
                for skill in plan[key]
            ]
        )
    seed_applications(bulk, rng, vacancies)


def _timeline(bulk: ScaleContext, rng: random.Random, status: str) -> tuple:
    """When a vacancy in `status` was created, submitted, published, closes and closed, and its status history
    as (from, to, at). Draws from `rng` in a fixed order, so the same seed makes the same vacancies."""
    created = bulk.now - dt.timedelta(days=rng.uniform(2, 150))
    submitted = created + dt.timedelta(days=rng.uniform(0, 1.5))
    published = submitted + dt.timedelta(days=rng.uniform(0.1, 0.5))
    history = [("", "draft", created)]
    if status != "draft":
        history.append(("draft", "pending_review", submitted))
    if status == "rejected":
        history.append(("pending_review", "rejected", published))
    if status in {"published", "closed", "expired"}:
        history.append(("pending_review", "published", published))
    today = timezone.localdate()
    closes_on = None if rng.random() < 0.2 else today + dt.timedelta(days=rng.randint(7, 75))
    closed_at = None
    if status in {"closed", "expired"}:
        closed_at = min(bulk.now, published + dt.timedelta(days=rng.uniform(10, 60)))
        history.append(("published", status, closed_at))
        if status == "expired":
            closes_on = timezone.localdate(closed_at) - dt.timedelta(days=1)
    return created, submitted, published, closes_on, closed_at, history


def _vacancy_plan(bulk: ScaleContext, rng: random.Random, index: int) -> dict:
    """One vacancy (unsaved), its status history as (from, to, at), and its skill pks."""
    family, _weight, (low, high), areas = rng.choices(VACANCY_FAMILIES, weights=VACANCY_FAMILY_WEIGHTS)[0]
    seniority = SENIORITY_OF_FAMILY.get(family, "principal")
    area = rng.choice(areas)
    title = f"{FAMILY_TITLES[family]}, {area}" if area else FAMILY_TITLES[family]
    company_pk, company_name, industry_pk, company_description = rng.choice(bulk.companies)
    place = rng.choices(PLACES, weights=PLACE_WEIGHTS)[0]
    salary_min = round_to(BASE_PAY[seniority] * place.pay_level * rng.uniform(0.85, 1.05))
    salary_max = round_to(salary_min * rng.uniform(1.15, 1.35))
    status = rng.choices(
        ["published", "pending_review", "draft", "closed", "rejected", "expired"], weights=[70, 10, 7, 7, 3, 3]
    )[0]
    created, submitted, published, closes_on, closed_at, history = _timeline(bulk, rng, status)
    vacancy = Vacancy(
        company_id=company_pk,
        title=title,
        slug=f"{slugify(title)}-{slugify(company_name)}-v{index:06d}"[-160:].lstrip("-"),
        role_family_id=bulk.families[family],
        seniority=seniority,
        min_years=rng.randint(low, high),
        industry_id=industry_pk,
        city=rng.choice(place.cities),
        country=place.country,
        remote_policy=rng.choices(["hybrid", "remote", "onsite"], weights=[50, 30, 20])[0],
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=place.currency,
        employment_type=rng.choices(["FULL_TIME", "CONTRACTOR", "TEMPORARY"], weights=[90, 6, 4])[0],
        description=VACANCY_DESCRIPTION.format(
            company=company_name, title=title, about=company_description, focus=rng.choice(VACANCY_FOCUS)
        ),
        closes_on=closes_on,
        status=status,
        rejection_reason=rng.choice(REJECTION_REASONS) if status == "rejected" else "",
        close_reason="filled" if status == "closed" else "",
        submitted_at=submitted if status != "draft" else None,
        published_at=published if status in {"published", "closed", "expired"} else None,
        closed_at=closed_at,
        created_at=created,
        updated_at=history[-1][2],
    )
    required = rng.sample(bulk.skills, rng.randint(3, 5))
    nice = rng.sample([s for s in bulk.skills if s not in required], rng.randint(1, 3))
    return {
        "vacancy": vacancy,
        "history": history,
        "required": [pk for pk, _name in required],
        "nice": [pk for pk, _name in nice],
    }
