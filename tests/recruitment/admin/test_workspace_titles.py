"""The workspace's own words (issue 16, item 15): list titles that say what they hold, "Today's work"
tiles with counts, status-history rows that read as a change, not "19: draft -> pending_review".
(Columns fitting a 1280 px screen are checked in Chromium: tests/browser/test_pages.py.)"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests import factories
from vacancies import services
from vacancies.models import Application, Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("admin:vacancies_vacancy_changelist", "Vacancies"),
        ("admin:vacancies_application_changelist", "Applications"),
        ("admin:vacancies_company_changelist", "Companies"),
        ("admin:accounts_candidateprofile_changelist", "Candidate profiles"),
    ],
)
def test_lists_are_titled_by_what_they_hold(client, recruiter, url, title):
    client.force_login(recruiter)
    page = client.get(reverse(url)).content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f"<title>{title} |" in page
    assert "Select " not in re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_todays_work_tiles_carry_counts(client, recruiter, django_assert_max_num_queries):
    factories.PendingVacancyFactory.create_batch(2)
    factories.ApplicationFactory.create_batch(3)
    client.force_login(recruiter)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("admin:index"))
    counts = page.context["counts"]
    assert counts["review"] == 2
    assert counts["new_applications"] == Application.objects.filter(stage="applied").count() == 3
    assert counts["changes"] == counts["join_requests"] == counts["failed_emails"] == 0
    assert '<em class="agency-count">2</em><strong>Review queue</strong>' in page.content.decode()


def test_status_history_rows_read_as_changes(client, recruiter, employer):
    vacancy = factories.VacancyFactory(company=employer.employer_profile.company)
    services.vacancy_save(vacancy=vacancy, by=employer)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    change = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert str(change) == "Draft → Pending review"
    client.force_login(recruiter)
    page = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    assert f"{vacancy.pk}: draft -&gt; pending_review" not in page
    assert f"{vacancy.pk}: draft -> pending_review" not in page
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PENDING_REVIEW


def test_stage_history_rows_read_as_changes():
    application = factories.ApplicationFactory()
    row = application.stage_changes.create(from_stage="", to_stage=Application.Stage.APPLIED)
    assert str(row) == "New → Applied"
