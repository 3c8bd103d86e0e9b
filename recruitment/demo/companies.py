"""The demo companies and their vacancies, each vacancy with the review trail that led to its status."""

from __future__ import annotations

import datetime as dt

from accounts.models import User
from recruitment.demo.context import DemoContext
from recruitment.demo.world import LUMEN, DemoCompany, DemoVacancy, description
from vacancies.models import Company, Vacancy, VacancyStatusChange


def company(demo: DemoContext, c: DemoCompany) -> Company:
    """The company with this slug, created if new."""
    row, created = Company.objects.get_or_create(
        slug=c.slug,
        defaults={
            "name": c.name,
            "industry": demo.pick(demo.industries, [c.industry], "industries")[0],
            "size": c.size,
            "website": c.website,
            "description": c.description,
        },
    )
    demo.created["companies"] += created
    return row


def vacancy(demo: DemoContext, v: DemoVacancy, c: DemoCompany, company: Company) -> Vacancy:
    """The vacancy with this slug; a new one is written with its review trail. Lumen Health's
    vacancies are the demo employer's, the others the recruiter's."""
    existing = Vacancy.objects.filter(slug=v.slug).first()
    if existing is not None:
        return existing
    at = {status: demo.ago(days, f"{v.slug}:{status}") for status, days in v.history}
    creator = demo.employer if v.company == LUMEN else demo.recruiter
    row = Vacancy(
        company=company,
        created_by=creator,
        title=v.title,
        slug=v.slug,
        role_family=demo.pick(demo.families, [v.family], "role families")[0],
        seniority=v.seniority,
        min_years=v.min_years,
        industry=company.industry,
        city=v.city,
        country=v.country,
        remote_policy=v.remote,
        salary_min=v.salary[0],
        salary_max=v.salary[1],
        salary_currency=v.currency,
        employment_type=v.employment_type,
        description=description(v, c),
        closes_on=None if v.closes_in_days is None else demo.today + dt.timedelta(days=v.closes_in_days),
        status=v.status,
        rejection_reason=v.rejection_reason,
        close_reason=v.close_reason,
        submitted_at=at.get(Vacancy.Status.PENDING_REVIEW),
        published_at=at.get(Vacancy.Status.PUBLISHED),
        closed_at=at.get(Vacancy.Status.CLOSED),
        created_at=at[Vacancy.Status.DRAFT],
        updated_at=max(at.values()),
    )
    row.full_clean()
    row.save()
    row.required_skills.set(demo.pick(demo.skills, v.required, "skills"))
    row.nice_to_have_skills.set(demo.pick(demo.skills, v.nice, "skills"))
    VacancyStatusChange.objects.bulk_create(status_trail(demo, v, row, at, creator))
    demo.created["vacancies"] += 1
    demo.new_vacancy_ids.add(row.pk)
    return row


def status_trail(
    demo: DemoContext, v: DemoVacancy, row: Vacancy, at: dict[str, dt.datetime], creator: User
) -> list[VacancyStatusChange]:
    """Drafted and submitted by whoever wrote it; published, rejected or closed by the recruiter."""
    notes = {Vacancy.Status.REJECTED: v.rejection_reason, Vacancy.Status.CLOSED: v.close_reason.capitalize()}
    trail, previous = [], ""
    for status, _days in v.history:
        by = creator if status in {Vacancy.Status.DRAFT, Vacancy.Status.PENDING_REVIEW} else demo.recruiter
        trail.append(
            VacancyStatusChange(
                vacancy=row, from_status=previous, to_status=status, by=by, note=notes.get(status, ""), at=at[status]
            )
        )
        previous = status
    return trail
