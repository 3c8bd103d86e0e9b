"""Closing a vacancy done right (#13 item 5): a filled role names who was hired (an applicant, or someone found
elsewhere); every other candidate in its pipeline ends with the role, hears it through the recruiter (a held,
kind message) and reads "Role closed" on their application."""

import pytest
from django.urls import reverse

from recruitment.emails.applications import STAGE_CHANGED
from recruitment.emails.declines import APPLICATION_DECLINED
from recruitment.emails.introductions import RECRUITER_UPDATE
from recruitment.models import Notification
from recruitment.models.placements import Placement
from tests import factories
from vacancies.models import Application, Vacancy
from vacancies.services import WorkflowError, vacancy_close

pytestmark = pytest.mark.django_db
Stage = Application.Stage


@pytest.fixture
def pipeline(employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="CPO Close 5150")
    hired = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.INTERVIEW)
    waiting = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.SCREENING)
    declined = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.REJECTED)
    return vacancy, hired, waiting, declined


def test_filled_by_an_applicant_hires_them_and_ends_the_others_with_the_role(pipeline, employer, recruiter):
    vacancy, hired, waiting, declined = pipeline
    vacancy_close(vacancy=vacancy, by=employer, reason="filled", hired=hired)
    hired.refresh_from_db()
    waiting.refresh_from_db()
    declined.refresh_from_db()
    assert hired.stage == Stage.HIRED
    # The hire opens its placement (the client's close was the permission check); no recruiter introduced
    # this applicant, so nobody is credited until a recruiter takes it on.
    placement = Placement.objects.get(application=hired)
    assert placement.recruiter is None
    assert placement.company_id == vacancy.company_id
    assert (waiting.stage, waiting.closed_with_role) == (Stage.REJECTED, True)
    assert not declined.closed_with_role  # was over already: left alone
    held = Notification.objects.get(kind=APPLICATION_DECLINED, application=waiting)
    assert held.status == Notification.Status.SCHEDULED
    assert "role has now closed" in held.context["message"]
    assert not Notification.objects.filter(kind=STAGE_CHANGED, application=waiting).exists()
    assert Notification.objects.filter(kind=RECRUITER_UPDATE, context__event="role_closed").exists()


def test_the_candidate_reads_role_closed_once_told(pipeline, employer, client):
    vacancy, _hired, waiting, _declined = pipeline
    vacancy_close(vacancy=vacancy, by=employer, reason="withdrawn")
    waiting.refresh_from_db()
    client.force_login(waiting.candidate)
    url = reverse("applications:application_detail", args=[waiting.pk])
    assert "Screening" in client.get(url).content.decode()  # held: not told yet
    Application.objects.filter(pk=waiting.pk).update(decline_told_at=None)
    assert "Role closed" in client.get(url).content.decode()


def test_filled_elsewhere_hires_nobody(pipeline, employer, client):
    vacancy, _hired, _waiting, _declined = pipeline
    client.force_login(employer)
    response = client.post(
        reverse("employers:vacancy_close", args=[vacancy.pk]), {"reason": "filled", "hired": "elsewhere"}
    )
    assert response.status_code == 302
    assert set(Application.objects.filter(vacancy=vacancy).values_list("stage", flat=True)) == {Stage.REJECTED}


def test_the_employer_form_asks_who_was_hired(pipeline, employer, client):
    vacancy, hired, _waiting, _declined = pipeline
    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "If filled, who was hired?" in page
    assert "Someone found elsewhere" in page
    client.post(reverse("employers:vacancy_close", args=[vacancy.pk]), {"reason": "filled"})
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED  # nobody named: refused, nothing changed
    client.post(reverse("employers:vacancy_close", args=[vacancy.pk]), {"reason": "filled", "hired": str(hired.pk)})
    hired.refresh_from_db()
    assert hired.stage == Stage.HIRED


@pytest.mark.parametrize("hired_value", ["\x00", "999999", "-1", "x" * 5000, "1 OR 1=1"])
def test_hostile_hired_values_are_refused_without_changes(pipeline, employer, client, hired_value):
    vacancy, *_ = pipeline
    client.force_login(employer)
    response = client.post(
        reverse("employers:vacancy_close", args=[vacancy.pk]), {"reason": "filled", "hired": hired_value}
    )
    assert response.status_code < 500
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_another_vacancys_applicant_cannot_be_named(pipeline, employer):
    vacancy, *_ = pipeline
    stranger = factories.ApplicationFactory(stage=Stage.INTERVIEW)
    with pytest.raises(WorkflowError, match="active applicants"):
        vacancy_close(vacancy=vacancy, by=employer, reason="filled", hired=stranger)
