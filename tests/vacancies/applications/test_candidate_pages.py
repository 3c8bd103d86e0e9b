"""/me/applications/ and the application CV: own data only, someone else's is 404."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests import factories
from tests.factories import PDF_BYTES
from vacancies import services
from vacancies.models import Application, ApplicationStageChange, EmployerProfile

pytestmark = pytest.mark.django_db

LIST = reverse("applications:application_list")


def cv_url(application) -> str:
    return reverse("vacancies:application_cv", args=[application.pk])


@pytest.fixture
def application(candidate):
    return factories.ApplicationFactory(candidate=candidate, vacancy__title="VP Product")


def test_anonymous_visitors_are_sent_to_log_in(client, application):
    for url in (
        LIST,
        application.get_absolute_url(),
        reverse("applications:application_withdraw", args=[application.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_list_shows_own_applications_with_date_stage_and_history(client, candidate, other_candidate, application):
    factories.ApplicationFactory(candidate=other_candidate, vacancy__title="Someone else's role")
    services.application_move(application=application, stage="screening", by=factories.RecruiterFactory())
    client.force_login(candidate)
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["applications"]) == [application]
    assert "VP Product" in html
    assert "Someone else&#x27;s role" not in html
    assert timezone.localdate().strftime("%-d %b %Y") in html
    assert "Screening" in html
    assert "Applied" in html


def test_empty_list_says_what_to_do(client, candidate):
    client.force_login(candidate)
    html = client.get(LIST).content.decode()
    assert "No applications yet" in html
    assert reverse("vacancies:vacancy_list") in html


def test_list_query_count_does_not_grow_with_applications(client, candidate, django_assert_num_queries):
    factories.ApplicationFactory(candidate=candidate)
    client.force_login(candidate)
    # session, user, count, page of applications (with vacancy and company), their stage history
    with django_assert_num_queries(5):
        client.get(LIST)
    for _ in range(8):
        factories.ApplicationFactory(candidate=candidate)
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.context["applications"]) == 9


def test_detail_shows_the_dated_stage_timeline(client, candidate, application):
    recruiter = factories.RecruiterFactory()
    services.application_move(application=application, stage="shortlisted", by=recruiter, note="internal: strong")
    services.application_move(application=application, stage="interview", by=recruiter)
    client.force_login(candidate)
    response = client.get(application.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    timeline = [c.to_stage for c in response.context["application"].stage_changes.all()]
    assert timeline == ["applied", "shortlisted", "interview"]
    for change in ApplicationStageChange.objects.filter(application=application):
        local = timezone.localtime(change.at)
        shown = f"{local:%A %-d %B %Y, %H:%M} {local.tzname()} (London)"  # no zone chosen: the site's, named
        assert f'<time datetime="{local.isoformat()}">{shown}</time>' in html
    assert 'aria-current="step">Interview' in html
    assert "internal: strong" not in html  # notes are for the pipeline, not the candidate's page
    assert cv_url(application) in html


def test_someone_elses_application_is_404(client, other_candidate, application):
    client.force_login(other_candidate)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert client.get(reverse("applications:application_withdraw", args=[application.pk])).status_code == 404
    assert client.post(reverse("applications:application_withdraw", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.stage == Application.Stage.APPLIED


def test_employers_get_403_on_candidate_pages(client, employer, application):
    client.force_login(employer)
    assert client.get(LIST).status_code == 403
    assert client.get(application.get_absolute_url()).status_code == 403


def test_withdraw_asks_then_records_it(client, candidate, application):
    client.force_login(candidate)
    url = reverse("applications:application_withdraw", args=[application.pk])
    page = client.get(url)
    assert "Withdraw your application?" in page.content.decode()
    application.refresh_from_db()
    assert application.stage == Application.Stage.APPLIED  # GET changes nothing
    response = client.post(url, follow=True)
    assert "You withdrew your application" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == Application.Stage.WITHDRAWN
    last = application.stage_changes.last()
    assert (last.from_stage, last.to_stage, last.by) == ("applied", "withdrawn", candidate)


def test_a_final_application_cannot_be_withdrawn(client, candidate):
    hired = factories.ApplicationFactory(candidate=candidate, stage="hired")
    client.force_login(candidate)
    response = client.post(reverse("applications:application_withdraw", args=[hired.pk]), follow=True)
    assert "cannot move to withdrawn" in response.content.decode()
    hired.refresh_from_db()
    assert hired.stage == "hired"


# --- The application CV ----------------------------------------------------------------


def assert_cv_attachment(response):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="my-cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_candidate_who_applied_downloads_the_cv(client, candidate, application):
    client.force_login(candidate)
    assert_cv_attachment(client.get(cv_url(application)))


def test_employers_of_the_vacancys_company_download_the_cv(client, application):
    colleague = factories.EmployerUserFactory()
    EmployerProfile.objects.create(user=colleague, company=application.vacancy.company)
    client.force_login(colleague)
    assert_cv_attachment(client.get(cv_url(application)))


def test_recruiters_and_superusers_download_the_cv(client, recruiter, application):
    client.force_login(recruiter)
    assert_cv_attachment(client.get(cv_url(application)))
    admin = User.objects.create_superuser("boss@example.com", "pw-for-the-boss-123")
    client.force_login(admin)
    assert_cv_attachment(client.get(cv_url(application)))


@pytest.mark.parametrize("who", ["other_candidate", "other_employer"])
def test_others_get_404_for_the_cv(client, request, application, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(cv_url(application)).status_code == 404


def test_staff_outside_the_recruiters_group_get_404(client, application):
    staff = factories.UserFactory(role="recruiter", is_staff=True)
    client.force_login(staff)
    assert client.get(cv_url(application)).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in_for_a_cv(client, application):
    response = client.get(cv_url(application))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={cv_url(application)}"


def test_anonymised_application_has_no_cv(client, recruiter, application):
    application.cv.delete(save=False)
    Application.objects.filter(pk=application.pk).update(candidate=None, cv="", anonymised_at=timezone.now())
    client.force_login(recruiter)
    assert client.get(cv_url(application)).status_code == 404


def test_missing_file_on_disk_is_404_not_500(client, candidate, application):
    application.cv.storage.delete(application.cv.name)
    client.force_login(candidate)
    assert client.get(cv_url(application)).status_code == 404


def test_application_dates_use_the_application_not_today(client, candidate):
    old = factories.ApplicationFactory(candidate=candidate)
    applied_at = timezone.now() - dt.timedelta(days=40)
    Application.objects.filter(pk=old.pk).update(created_at=applied_at)
    client.force_login(candidate)
    html = client.get(LIST).content.decode()
    # The local date of that moment (40 days back may sit across a DST change: not today's date minus 40).
    assert timezone.localtime(applied_at).strftime("%-d %b %Y") in html
