"""Building placements for the placement and report tests: a hire through the real services (the
receiver opens the placement), or rows written directly when a test needs exact dates and amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from recruitment.models.placements import ClientTerms, Placement
from tests import factories
from vacancies.models import Application
from vacancies.services import application_move


def hire(*, recruiter, company=None, currency="EUR", candidate=None, vacancy=None) -> Application:
    """An application moved to Hired by `recruiter` (which opens its placement)."""
    if vacancy is None:
        vacancy_kwargs = {"salary_currency": currency}
        if company is not None:
            vacancy_kwargs["company"] = company
        vacancy = factories.PublishedVacancyFactory(**vacancy_kwargs)
    kwargs = {"vacancy": vacancy, "stage": Application.Stage.OFFER}
    if candidate is not None:
        kwargs["candidate"] = candidate
    application = factories.ApplicationFactory(**kwargs)
    application_move(application=application, stage=Application.Stage.HIRED, by=recruiter)
    return application


def terms(company, **overrides) -> ClientTerms:
    return ClientTerms.objects.create(company=company, **overrides)


def placement_row(
    *, company=None, recruiter=None, hired_on: dt.date, fee: str = "10000", currency: str = "EUR", **fields
) -> Placement:
    """A placement written directly (for the reports): hired at noon on `hired_on`, fee in `currency`."""
    vacancy = factories.PublishedVacancyFactory(**({"company": company} if company else {}))
    application = factories.ApplicationFactory(vacancy=vacancy, stage=Application.Stage.HIRED)
    hired_at = timezone.make_aware(dt.datetime.combine(hired_on, dt.time(12)))
    values = {
        "application": application,
        "company": vacancy.company,
        "recruiter": recruiter,
        "hired_at": hired_at,
        "first_contact_at": hired_at - dt.timedelta(days=fields.get("days_to_hire", 30)),
        "days_to_hire": 30,
        "start_date": hired_on + dt.timedelta(days=30),
        "base_salary": Decimal(fee) * 5,
        "currency": currency,
        "fee_percent": Decimal("20"),
        "guarantee_days": 90,
        "payment_days": 30,
        "fee_amount": Decimal(fee),
        "fee_currency": currency,
        "guarantee_ends_on": hired_on + dt.timedelta(days=120),
    }
    values.update(fields)
    return Placement.objects.create(**values)
