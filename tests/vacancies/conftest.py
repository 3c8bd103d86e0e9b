"""Fixtures for the employer pages: a company with two employers, and one of every vacancy state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from vacancies.models import Vacancy


@pytest.fixture
def company(employer):
    return employer.employer_profile.company


@pytest.fixture
def colleague(company):
    """A second employer of the same company."""
    return factories.EmployerProfileFactory(company=company).user


@pytest.fixture
def make_vacancy(company):
    """Build a vacancy of `company` (or another) in any status, with the fields that status implies."""

    def make(status: str = Vacancy.Status.DRAFT, **fields) -> Vacancy:
        now = timezone.now()
        fields.setdefault("company", company)
        fields.setdefault("closes_on", timezone.localdate() + dt.timedelta(days=30))
        if status != Vacancy.Status.DRAFT:
            fields.setdefault("submitted_at", now)
        if status in {Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED}:
            fields.setdefault("published_at", now - dt.timedelta(days=3))
        if status in {Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED}:
            fields.setdefault("closed_at", now)
        if status == Vacancy.Status.CLOSED:
            fields.setdefault("close_reason", Vacancy.CloseReason.FILLED)
        if status == Vacancy.Status.REJECTED:
            fields.setdefault("rejection_reason", "Add the salary band's currency.")
        return factories.VacancyFactory(status=status, **fields)

    return make


@pytest.fixture
def vacancy(make_vacancy):
    """A published vacancy of `employer`'s company."""
    return make_vacancy(Vacancy.Status.PUBLISHED)


@pytest.fixture
def application(vacancy, candidate):
    return factories.ApplicationFactory(vacancy=vacancy, candidate=candidate)
