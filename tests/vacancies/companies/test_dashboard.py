"""Employer dashboard: the company's vacancies with status, days open and applicant counts
by stage, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vacancies.models import Application, Vacancy
from vacancies.selectors import company_summary, days_open

pytestmark = pytest.mark.django_db

URL = reverse("employers:dashboard")
Stage = Application.Stage
# session, user, employer profile with company, page count, vacancies with their counts, summary,
# introductions waiting for an answer
DASHBOARD_QUERIES = 7


def _fill(make_vacancy, n):
    for i in range(n):
        vacancy = make_vacancy(Vacancy.Status.PUBLISHED if i % 2 else Vacancy.Status.DRAFT)
        for stage in [Stage.APPLIED, Stage.SHORTLISTED, Stage.REJECTED][: i % 4]:
            factories.ApplicationFactory(vacancy=vacancy, stage=stage)


@pytest.mark.parametrize("rows", [1, 12])
def test_dashboard_query_count_does_not_grow_with_rows(client, employer, make_vacancy, django_assert_num_queries, rows):
    _fill(make_vacancy, rows)
    client.force_login(employer)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(URL)
    assert response.status_code == 200
    assert len(response.context["vacancies"]) == rows


def test_empty_dashboard_invites_a_first_vacancy(client, employer):
    client.force_login(employer)
    page = client.get(URL).content.decode()
    assert "No vacancies yet" in page
    assert reverse("employers:vacancy_create") in page


def test_applicant_counts_by_stage_and_days_open(client, employer, make_vacancy):
    published = make_vacancy(Vacancy.Status.PUBLISHED, published_at=timezone.now() - dt.timedelta(days=9, hours=1))
    for stage in [Stage.APPLIED, Stage.APPLIED, Stage.SHORTLISTED, Stage.REJECTED]:
        factories.ApplicationFactory(vacancy=published, stage=stage)
    factories.ApplicationFactory(vacancy=make_vacancy(Vacancy.Status.PUBLISHED), stage=Stage.HIRED)
    draft = make_vacancy(Vacancy.Status.DRAFT)

    client.force_login(employer)
    rows = {v.pk: v for v in client.get(URL).context["vacancies"]}
    row = rows[published.pk]
    assert row.applicants_total == 4
    assert [(stage, count) for stage, _label, count in row.pipeline] == [
        (Stage.APPLIED, 2),
        (Stage.SHORTLISTED, 1),
        (Stage.REJECTED, 1),
    ]
    assert row.days_open == 9
    assert rows[draft.pk].days_open is None
    assert rows[draft.pk].applicants_total == 0


def test_rows_show_status_and_link_to_their_pages(client, employer, make_vacancy):
    rejected = make_vacancy(Vacancy.Status.REJECTED, title="Head of Product, Growth")
    published = make_vacancy(Vacancy.Status.PUBLISHED, title="Chief Product Officer")
    factories.ApplicationFactory(vacancy=published)
    client.force_login(employer)
    page = client.get(URL).content.decode()
    assert "Changes requested" in page
    assert "Live" in page
    assert reverse("employers:vacancy_detail", args=[rejected.pk]) in page
    assert reverse("employers:vacancy_edit", args=[rejected.pk]) in page
    assert reverse("employers:vacancy_applicants", args=[published.pk]) in page
    # what needs attention (changes requested) comes before what is live
    table = page[page.index("<table") :]
    assert table.index("Head of Product, Growth") < table.index("Chief Product Officer")


def test_summary_counts(company, make_vacancy, other_employer):
    live = make_vacancy(Vacancy.Status.PUBLISHED)
    make_vacancy(Vacancy.Status.PENDING_REVIEW)
    make_vacancy(Vacancy.Status.DRAFT)
    make_vacancy(Vacancy.Status.REJECTED)
    make_vacancy(Vacancy.Status.CLOSED)
    factories.ApplicationFactory(vacancy=live)
    old = factories.ApplicationFactory(vacancy=live, stage=Stage.REJECTED)
    Application.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    factories.ApplicationFactory(
        vacancy=factories.PublishedVacancyFactory(company=other_employer.employer_profile.company)
    )
    assert company_summary(company=company) == {
        "vacancies": 5,
        "live": 1,
        "in_review": 1,
        "needs_changes": 2,
        "applicants": 2,
        "new_applicants": 1,
        "active_applicants": 1,
    }


def test_days_open_stops_at_closing():
    published_at = timezone.now() - dt.timedelta(days=20)
    vacancy = factories.ClosedVacancyFactory.build(
        published_at=published_at, closed_at=published_at + dt.timedelta(days=12, hours=5)
    )
    assert days_open(vacancy) == 12
    vacancy.closed_at = None
    assert days_open(vacancy, now=published_at + dt.timedelta(days=3)) == 3
    vacancy.published_at = None
    assert days_open(vacancy) is None


def test_dashboard_paginates(client, employer, make_vacancy):
    for _ in range(27):
        make_vacancy(Vacancy.Status.DRAFT)
    client.force_login(employer)
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert len(first.context["vacancies"]) == 25
    assert len(second.context["vacancies"]) == 2
    assert "Page 2 of 2" in second.content.decode()
