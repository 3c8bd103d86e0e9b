"""The pipeline page: counts and median days per stage for open vacancies, and the funnel chart."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recruitment.admin.site import PeriodForm
from recruitment.selectors import pipeline
from tests import factories
from vacancies.models import Application, ApplicationStageChange

pytestmark = pytest.mark.django_db

URL = "admin:pipeline"
Stage = Application.Stage


def application(vacancy, path, *, created=None, days_in_stage=0):
    """An application that went through `path` (its last stage is the current one)."""
    app = factories.ApplicationFactory(vacancy=vacancy, stage=path[0])
    for previous, stage in itertools.pairwise(path):
        ApplicationStageChange.objects.create(application=app, from_stage=previous, to_stage=stage)
    changed = timezone.now() - dt.timedelta(days=days_in_stage)
    fields = {"stage": path[-1], "stage_changed_at": changed}
    if created:
        fields["created_at"] = created
    Application.objects.filter(pk=app.pk).update(**fields)
    return app


def test_funnel_counts_how_far_applications_got():
    vacancy = factories.PublishedVacancyFactory()
    application(vacancy, [Stage.APPLIED])
    application(vacancy, [Stage.APPLIED, Stage.SCREENING, Stage.REJECTED])
    application(vacancy, [Stage.APPLIED, Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED])
    application(vacancy, [Stage.APPLIED, Stage.SHORTLISTED])  # skipped screening: still past it
    application(vacancy, [Stage.APPLIED, Stage.WITHDRAWN])
    today = timezone.localdate()
    funnel = pipeline.funnel(start=today - dt.timedelta(days=7), end=today)
    assert [(s.stage, s.count) for s in funnel.steps] == [
        ("applied", 5),
        ("screening", 3),
        ("shortlisted", 2),
        ("interview", 1),
        ("offer", 1),
        ("hired", 1),
    ]
    assert (funnel.declined, funnel.withdrawn) == (1, 1)
    assert funnel.steps[1].pct_of_applied == 60.0
    assert funnel.steps[2].pct_of_previous == pytest.approx(66.7)
    assert funnel.steps[0].pct_of_previous is None


def test_funnel_counts_introduced_and_direct_applicants_apart(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    application(vacancy, [Stage.APPLIED, Stage.SCREENING])
    application(vacancy, [Stage.APPLIED])
    introduced = application(vacancy, [Stage.SCREENING, Stage.SHORTLISTED])
    Application.objects.filter(pk=introduced.pk).update(source=Application.Source.INTRODUCED)
    today = timezone.localdate()
    funnel = pipeline.funnel(start=today - dt.timedelta(days=7), end=today)
    assert [(s.stage, s.direct, s.introduced) for s in funnel.steps[:3]] == [
        ("applied", 2, 1),
        ("screening", 1, 1),
        ("shortlisted", 0, 1),
    ]
    client.force_login(recruiter)
    html = client.get(reverse(URL)).content.decode()
    assert "Introduced by the agency" in html


def test_funnel_only_counts_applications_made_in_the_period():
    vacancy = factories.PublishedVacancyFactory()
    now = timezone.now()
    application(vacancy, [Stage.APPLIED], created=now - dt.timedelta(days=40))
    application(vacancy, [Stage.APPLIED, Stage.SCREENING], created=now - dt.timedelta(days=10))
    today = timezone.localdate()
    recent = pipeline.funnel(start=today - dt.timedelta(days=30), end=today)
    assert [s.count for s in recent.steps][:2] == [1, 1]
    older = pipeline.funnel(start=today - dt.timedelta(days=60), end=today - dt.timedelta(days=31))
    assert [s.count for s in older.steps][:2] == [1, 0]
    empty = pipeline.funnel(start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=300))
    assert empty.applied == 0
    assert all(s.pct_of_applied == 0 for s in empty.steps)


def test_vacancy_pipelines_count_stages_and_median_days():
    vacancy = factories.PublishedVacancyFactory()
    application(vacancy, [Stage.APPLIED, Stage.SCREENING], days_in_stage=2)
    application(vacancy, [Stage.APPLIED, Stage.SCREENING], days_in_stage=4)
    application(vacancy, [Stage.APPLIED, Stage.SCREENING], days_in_stage=10)
    application(vacancy, [Stage.APPLIED], days_in_stage=1)
    application(vacancy, [Stage.APPLIED, Stage.REJECTED], days_in_stage=30)
    [row] = pipeline.vacancy_pipelines(vacancies=[vacancy])
    cells = {c.stage: c for c in row.cells}
    assert cells["screening"].count == 3
    assert cells["screening"].median_days == pytest.approx(4.0, abs=0.1)
    assert cells["applied"].count == 1
    assert cells["applied"].median_days == pytest.approx(1.0, abs=0.1)
    assert cells["rejected"].count == 1
    assert cells["rejected"].median_days is None  # a final stage is not "waiting"
    assert cells["interview"].count == 0
    assert cells["interview"].median_days is None
    assert row.total == 5
    assert row.active == 4


def test_pipeline_page_shows_open_vacancies_and_the_svg_funnel(client, recruiter):
    open_vacancy = factories.PublishedVacancyFactory(title="Head of Product <Growth>")
    closed = factories.ClosedVacancyFactory(title="Closed role")
    pending = factories.PendingVacancyFactory(title="Pending role")
    application(open_vacancy, [Stage.APPLIED, Stage.SCREENING])
    application(open_vacancy, [Stage.APPLIED])
    application(closed, [Stage.APPLIED])
    client.force_login(recruiter)
    response = client.get(reverse(URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Head of Product &lt;Growth&gt;" in html
    assert "<Growth>" not in html
    assert closed.title not in html
    assert pending.title not in html
    assert reverse("admin:vacancies_vacancy_change", args=[open_vacancy.pk]) in html
    assert f"?vacancy__id__exact={open_vacancy.pk}&amp;stage__exact=screening" in html
    assert '<svg role="img"' in html
    assert html.count('class="funnel-bar') == 6
    assert "Applied: 3 (100.0% of applied)" in html  # the closed vacancy's application is in the period
    assert "Screening: 1 (33.3% of applied)" in html
    [row] = response.context["rows"]
    assert [c.count for c in row.cells][:2] == [1, 1]


def test_pipeline_page_with_nothing_to_show(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse(URL)).content.decode()
    assert "No vacancy is open right now." in html
    assert "No applications were made in this period." in html
    assert '<svg role="img"' not in html


def test_choosing_a_period(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    application(vacancy, [Stage.APPLIED], created=timezone.now() - dt.timedelta(days=200))
    client.force_login(recruiter)
    today = timezone.localdate()
    default = client.get(reverse(URL)).context["funnel"]
    assert default.applied == 0  # the default period is the last 90 days
    chosen = client.get(reverse(URL), {"start": str(today - dt.timedelta(days=365)), "end": str(today)})
    assert chosen.context["funnel"].applied == 1
    assert chosen.context["funnel"].start == today - dt.timedelta(days=365)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-03-01", "end": "2026-01-01"}, "The start date must be on or before the end date."),
        ({"start": "2010-01-01", "end": "2026-01-01"}, "Choose a period of at most five years."),
        ({"start": "yesterday", "end": "2026-01-01"}, "Enter a valid date."),
        ({"start": "2026-01-01"}, "This field is required."),
    ],
)
def test_a_bad_period_is_explained_and_draws_nothing(client, recruiter, query, message):
    client.force_login(recruiter)
    response = client.get(reverse(URL), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Fix the dates above to see the funnel." in html
    assert '<svg role="img"' not in html


def test_vacancy_table_is_paginated(client, recruiter):
    for _ in range(27):
        factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    first = client.get(reverse(URL))
    assert len(first.context["rows"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get(reverse(URL), {"page": 2, "start": "2026-01-01", "end": "2026-01-31"})
    assert len(second.context["rows"]) == 2
    assert "start=2026-01-01" in second.content.decode()  # page links keep the chosen period
    assert client.get(reverse(URL), {"page": "lots"}).status_code == 200


def test_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    vacancy = factories.PublishedVacancyFactory()
    application(vacancy, [Stage.APPLIED, Stage.SCREENING])
    client.get(reverse(URL))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(URL)).status_code == 200
    few = len(ctx.captured_queries)
    for _ in range(4):
        vacancy = factories.PublishedVacancyFactory()
        application(vacancy, [Stage.APPLIED, Stage.SCREENING, Stage.SHORTLISTED])
        application(vacancy, [Stage.APPLIED, Stage.REJECTED])
    with django_assert_num_queries(few):
        response = client.get(reverse(URL))
    assert len(response.context["rows"]) == 5


def test_pipeline_needs_the_application_view_permission(client):
    staff_recruiter_without_group = factories.UserFactory(role="recruiter", is_staff=True)
    client.force_login(staff_recruiter_without_group)
    assert client.get(reverse(URL)).status_code == 403


def test_pipeline_is_linked_from_the_index(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse(URL)}"' in html


def test_period_form_shows_the_default_dates_in_iso_format(client, recruiter):
    client.force_login(recruiter)
    html = client.get(reverse(URL)).content.decode()
    start, end = PeriodForm.default_period()
    assert f'name="start" value="{start.isoformat()}"' in html
    assert f'name="end" value="{end.isoformat()}"' in html
