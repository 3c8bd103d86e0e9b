"""Closing a vacancy from the workspace (#23): filled, with who was hired (an applicant, or someone found
elsewhere), or withdrawn, with a reason; a refused close keeps what was typed and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recruitment.models.placements import Placement
from tests import factories
from vacancies.models import Application, Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def close_url(vacancy) -> str:
    return reverse("admin:vacancies_vacancy_close", args=[vacancy.pk])


@pytest.fixture
def live(db):
    vacancy = factories.PublishedVacancyFactory(title="Head of Product Close 8812")
    hired = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.OFFER)
    waiting = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.SCREENING)
    return vacancy, hired, waiting


def test_the_vacancy_page_offers_close_only_when_it_can_close(client, recruiter, live):
    vacancy, *_ = live
    client.force_login(recruiter)
    change = reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])
    assert close_url(vacancy) in client.get(change).content.decode()
    draft = factories.VacancyFactory()
    assert (
        close_url(draft) not in client.get(reverse("admin:vacancies_vacancy_change", args=[draft.pk])).content.decode()
    )
    page = client.get(close_url(draft)).content.decode()
    assert "only a live or expired vacancy can be closed" in page


def test_the_form_names_the_applicants(client, recruiter, live):
    vacancy, hired, waiting = live
    client.force_login(recruiter)
    page = client.get(close_url(vacancy)).content.decode()
    assert f'value="{hired.pk}"' in page
    assert f'value="{waiting.pk}"' in page
    assert "Someone found elsewhere" in page
    assert page.count("<h1") == 1


def test_filled_with_the_hire(client, recruiter, live):
    vacancy, hired, waiting = live
    client.force_login(recruiter)
    response = client.post(close_url(vacancy), {"reason": "filled", "hired": str(hired.pk), "note": ""})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    hired.refresh_from_db()
    waiting.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == ("closed", "filled")
    assert hired.stage == Stage.HIRED
    assert Placement.objects.filter(application=hired).exists()
    assert (waiting.stage, waiting.closed_with_role) == (Stage.REJECTED, True)


def test_withdrawn_with_a_reason(client, recruiter, live):
    vacancy, *_ = live
    client.force_login(recruiter)
    client.post(close_url(vacancy), {"reason": "withdrawn", "hired": "", "note": "Budget frozen for Q1."})
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == ("closed", "withdrawn")
    assert VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk").note == "Withdrawn: Budget frozen for Q1."


@pytest.mark.parametrize(
    "data",
    [
        {"reason": "withdrawn", "hired": "", "note": "   "},  # a withdrawal says why
        {"reason": "filled", "hired": "", "note": "Typed before the refusal 4471"},  # who was hired?
        {"reason": "paused", "hired": "", "note": "Typed before the refusal 4471"},
        {"reason": "filled", "hired": "999999", "note": "Typed before the refusal 4471"},
        {"reason": "withdrawn", "hired": "", "note": "x" * 2001},
        {"reason": "filled", "hired": "\x00", "note": "Typed before the refusal 4471"},
    ],
)
def test_a_refused_close_keeps_what_was_typed_and_changes_nothing(client, recruiter, live, data):
    vacancy, _hired, _waiting = live
    client.force_login(recruiter)
    response = client.post(close_url(vacancy), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errornote"' in page
    if "4471" in data["note"]:
        assert "Typed before the refusal 4471" in page
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert set(Application.objects.filter(vacancy=vacancy).values_list("stage", flat=True)) == {
        Stage.OFFER,
        Stage.SCREENING,
    }


def test_a_close_the_service_refuses_comes_back_with_its_reason(client, recruiter, live):
    vacancy, _hired, _ = live
    other = factories.ApplicationFactory(stage=Stage.OFFER)  # another vacancy's applicant
    client.force_login(recruiter)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)  # closed meanwhile
    response = client.post(close_url(vacancy), {"reason": "withdrawn", "note": "Paused."})
    assert response.status_code == 400
    assert "only a live or expired vacancy can be closed" in response.content.decode()
    assert Application.objects.get(pk=other.pk).stage == Stage.OFFER


def test_an_unknown_vacancy_is_404_and_get_changes_nothing(client, recruiter, live):
    vacancy, *_ = live
    client.force_login(recruiter)
    assert client.get(reverse("admin:vacancies_vacancy_close", args=[987654])).status_code == 404
    client.get(close_url(vacancy))
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_a_recruiter_without_the_permission_cannot_close(client, live):
    vacancy, *_ = live
    outsider = factories.UserFactory(role="recruiter", is_staff=True)
    client.force_login(outsider)
    assert client.post(close_url(vacancy), {"reason": "withdrawn", "note": "No."}).status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_moving_the_last_applicant_to_hired_says_the_role_closed(client, recruiter, live):
    _vacancy, hired, _ = live
    client.force_login(recruiter)
    response = client.post(
        reverse("admin:vacancies_application_move", args=[hired.pk]), {"stage": "hired", "note": ""}, follow=True
    )
    page = response.content.decode()
    assert "is closed as filled" in page
    assert "The placement is open" in page
