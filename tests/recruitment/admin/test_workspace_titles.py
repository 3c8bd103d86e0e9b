"""The workspace's own words (issue 16, item 15): list titles that say what they hold, "Today's work"
tiles with counts, status-history rows that read as a change, not "19: draft -> pending_review".
(Columns fitting a 1280 px screen are checked in Chromium: tests/browser/test_pages.py.)"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recruitment.models import Interview, Introduction, Placement, RecruiterNote
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


# --- Records titled by people and roles (issue 24) ---------------------------------------------------


def ingrid_at_lumen() -> dict:
    """Ingrid Solberg applied to Head of Product at Lumen Health: her application, a first interview, an
    introduction to a second role of the client, the placement and a match."""
    user = factories.UserFactory(first_name="Ingrid", last_name="Solberg")
    profile = factories.CandidateProfileFactory(user=user)
    company = factories.CompanyFactory(name="Lumen Health")
    vacancy = factories.PublishedVacancyFactory(company=company, title="Head of Product")
    application = factories.ApplicationFactory(candidate=user, vacancy=vacancy, stage=Application.Stage.HIRED)
    second = factories.PublishedVacancyFactory(company=company, title="VP Product")
    today = timezone.localdate()
    return {
        "application": application,
        "interview": Interview.objects.create(application=application),
        "introduction": Introduction.objects.create(candidate=profile, vacancy=second, pitch="Strong."),
        "placement": Placement.objects.create(
            application=application, company=company, guarantee_days=90, payment_days=30, start_date=today
        ),
        "match": factories.MatchFactory(candidate=profile, vacancy=vacancy, score=84),
    }


def change_page(client, obj) -> str:
    opts = obj._meta
    return client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])).content.decode()


def test_records_are_titled_by_people_and_roles(client, recruiter):
    records = ingrid_at_lumen()
    introduction = records["introduction"]
    expected = {
        "application": "Ingrid Solberg, Head of Product at Lumen Health",
        "interview": "Ingrid Solberg, first interview, Head of Product at Lumen Health",
        "introduction": f"Ingrid Solberg to Lumen Health for VP Product (N-{introduction.pk:05d})",
        "placement": "Ingrid Solberg, Head of Product at Lumen Health",
        "match": "Ingrid Solberg for Head of Product at Lumen Health (84)",
    }
    client.force_login(recruiter)
    for name, title in expected.items():
        assert str(records[name]) == title
        page = change_page(client, records[name])
        assert f"<h2>{title}</h2>" in page, name
        for internal in ("for application ", "Placement #", f"to {introduction.vacancy_id}<", " x "):
            assert internal not in page, (name, internal)


def test_a_deleted_candidates_records_say_so():
    records = ingrid_at_lumen()
    Application.objects.filter(pk=records["application"].pk).update(candidate=None)
    application = Application.objects.get(pk=records["application"].pk)
    assert str(application) == "Deleted candidate, Head of Product at Lumen Health"
    interview = Interview.objects.get(pk=records["interview"].pk)
    assert str(interview) == "Deleted candidate, first interview, Head of Product at Lumen Health"


def _queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "changelist",
    [
        "admin:vacancies_application_changelist",
        "admin:recruitment_interview_changelist",
        "admin:recruitment_introduction_changelist",
        "admin:recruitment_placement_changelist",
        "admin:recruitment_match_changelist",
        "admin:recruitment_recruiternote_changelist",
    ],
)
def test_the_titles_cost_the_lists_no_query(client, recruiter, changelist):
    def more():
        records = ingrid_at_lumen()
        RecruiterNote.objects.create(
            candidate=records["match"].candidate, application=records["application"], author=recruiter, body="Sharp."
        )

    client.force_login(recruiter)
    more()
    few = _queries(client, reverse(changelist))
    for _ in range(3):
        more()
    assert _queries(client, reverse(changelist)) == few
