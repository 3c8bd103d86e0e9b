"""The application admin: bulk stage moves through the service, notes, query counts."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import RecruiterNote
from tests import factories
from vacancies.models import Application, ApplicationStageChange

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:vacancies_application_changelist"
Stage = Application.Stage


def run_action(client, action, objects):
    data = {"action": action, "_selected_action": [o.pk for o in objects]}
    return client.post(reverse(CHANGELIST), data, follow=True)


def levels(response):
    return [m.level_tag for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("start", "action", "target"),
    [
        (Stage.APPLIED, "move_to_screening", Stage.SCREENING),
        (Stage.SCREENING, "move_to_shortlisted", Stage.SHORTLISTED),
        (Stage.SHORTLISTED, "move_to_interview", Stage.INTERVIEW),
        (Stage.INTERVIEW, "move_to_offer", Stage.OFFER),
        (Stage.OFFER, "move_to_hired", Stage.HIRED),
        (Stage.INTERVIEW, "move_to_rejected", Stage.REJECTED),
    ],
)
def test_each_move_action_goes_through_the_service(client, recruiter, start, action, target):
    application = factories.ApplicationFactory(stage=start)
    before = application.stage_changed_at
    client.force_login(recruiter)
    response = run_action(client, action, [application])
    application.refresh_from_db()
    assert application.stage == target
    assert application.stage_changed_at > before
    change = ApplicationStageChange.objects.filter(application=application).last()
    assert (change.from_stage, change.to_stage, change.by) == (start, target, recruiter)
    assert levels(response) == ["success"]


def test_forbidden_move_shows_an_error_and_changes_nothing(client, recruiter):
    application = factories.ApplicationFactory(stage=Stage.APPLIED)
    client.force_login(recruiter)
    response = run_action(client, "move_to_hired", [application])
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert ApplicationStageChange.objects.filter(application=application).count() == 1  # the "applied" row only
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(messages) == 1
    assert "cannot move to hired" in messages[0]


def test_bulk_move_moves_what_it_may_and_reports_the_rest(client, recruiter):
    movable = factories.ApplicationFactory(stage=Stage.APPLIED)
    declined = factories.ApplicationFactory(stage=Stage.REJECTED)
    client.force_login(recruiter)
    response = run_action(client, "move_to_screening", [movable, declined])
    movable.refresh_from_db()
    declined.refresh_from_db()
    assert movable.stage == Stage.SCREENING
    assert declined.stage == Stage.REJECTED
    assert sorted(levels(response)) == ["error", "success"]


def test_filters_by_stage_vacancy_and_company(client, recruiter):
    screening = factories.ApplicationFactory(stage=Stage.SCREENING)
    applied = factories.ApplicationFactory(stage=Stage.APPLIED)
    client.force_login(recruiter)
    url = reverse(CHANGELIST)
    for query, shown, hidden in [
        ({"stage__exact": "screening"}, screening, applied),
        ({"vacancy__id__exact": applied.vacancy_id}, applied, screening),
        ({"vacancy__company__id__exact": screening.vacancy.company_id}, screening, applied),
        ({"q": applied.candidate.email}, applied, screening),
    ]:
        result = list(client.get(url, query).context["cl"].result_list)
        assert shown in result
        assert hidden not in result


def test_a_bad_vacancy_filter_value_is_ignored(client, recruiter):
    application = factories.ApplicationFactory()
    client.force_login(recruiter)
    response = client.get(reverse(CHANGELIST), {"vacancy__id__exact": "not-a-number"})
    assert response.status_code == 200
    assert application in response.context["cl"].result_list


def test_recruiter_adds_a_note_on_an_application(client, recruiter, candidate):
    """Notes are added in place (their own POST), not through the application's full-form save."""
    application = factories.ApplicationFactory(candidate=candidate)
    client.force_login(recruiter)
    url = reverse("admin:vacancies_application_change", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200
    profile_url = reverse("admin:accounts_candidateprofile_change", args=[candidate.candidate_profile.pk])
    assert f'href="{profile_url}"' in page.content.decode()
    assert reverse("admin:accounts_user_change", args=[candidate.pk]) not in page.content.decode()
    note_url = reverse("admin:vacancies_application_note", args=[application.pk])
    assert f'action="{note_url}"' in page.content.decode()
    response = client.post(note_url, {"body": "Strong references from her last CEO."})
    assert response.status_code == 302
    note = RecruiterNote.objects.get()
    assert note.author == recruiter
    assert note.application == application
    assert note.candidate == candidate.candidate_profile
    assert note.body == "Strong references from her last CEO."
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert "Strong references from her last CEO." in client.get(url).content.decode()


def test_an_empty_note_is_not_saved(client, recruiter, candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    client.force_login(recruiter)
    response = client.post(reverse("admin:vacancies_application_note", args=[application.pk]), {"body": "  "})
    assert response.status_code == 302
    assert not RecruiterNote.objects.exists()


def test_anonymised_application_page_has_no_note_form(client, recruiter):
    application = factories.ApplicationFactory()
    Application.objects.filter(pk=application.pk).update(candidate=None)
    client.force_login(recruiter)
    response = client.get(reverse("admin:vacancies_application_change", args=[application.pk]))
    assert response.status_code == 200
    assert "recruiter_notes-TOTAL_FORMS" not in response.content.decode()
    assert reverse("admin:vacancies_application_note", args=[application.pk]) not in response.content.decode()
    assert "Deleted candidate" in response.content.decode()


def test_recruiters_cannot_add_applications(client, recruiter):
    client.force_login(recruiter)
    assert client.get(reverse("admin:vacancies_application_add")).status_code == 403


def test_changelist_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    factories.ApplicationFactory()
    client.get(reverse(CHANGELIST))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse(CHANGELIST)).status_code == 200
    few = len(ctx.captured_queries)
    for stage in [Stage.SCREENING, Stage.INTERVIEW, Stage.REJECTED, Stage.OFFER]:
        factories.ApplicationFactory(stage=stage)
        factories.ApplicationFactory(stage=stage, vacancy=factories.PublishedVacancyFactory())
    Application.objects.filter(pk=Application.objects.first().pk).update(candidate=None)
    with django_assert_num_queries(few):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 9


def test_application_cv_is_linked_to_the_permission_checked_download(client, recruiter, candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    download = reverse("vacancies:application_cv", args=[application.pk])
    client.force_login(recruiter)
    page = client.get(reverse("admin:vacancies_application_change", args=[application.pk])).content.decode()
    assert f'href="{download}"' in page
    profile_page = client.get(reverse("admin:accounts_candidateprofile_change", args=[candidate.candidate_profile.pk]))
    assert f'href="{download}"' in profile_page.content.decode()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
