"""Acting on the record: publish, reject and preview from a vacancy's page; move and note from an
application's page, with the candidate's match explanation; application search by company."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from vacancies.models import Application, ApplicationStageChange, Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

Status = Vacancy.Status
Stage = Application.Stage


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def staff_outside_group(db):
    """A recruiter who may enter the workspace but holds none of the Recruiters group's permissions."""
    return factories.UserFactory(role="recruiter", is_staff=True)


# --- Vacancy: publish, reject, preview ---------------------------------------------------------


def test_pending_vacancy_page_offers_publish_reject_and_preview(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    for name in ("publish", "reject", "preview"):
        assert reverse(f"admin:vacancies_vacancy_{name}", args=[vacancy.pk]) in html


def test_a_published_vacancy_offers_no_publish_button(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    assert reverse("admin:vacancies_vacancy_publish", args=[vacancy.pk]) not in html
    assert reverse("admin:vacancies_vacancy_preview", args=[vacancy.pk]) in html


def test_publish_from_the_page_goes_through_the_service(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_vacancy_publish", args=[vacancy.pk])
    assert client.get(url).status_code == 405
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PENDING_REVIEW
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PUBLISHED
    change = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert (change.to_status, change.by) == (Status.PUBLISHED, recruiter)


def test_publishing_twice_is_an_error_message_not_a_crash(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    response = client.post(reverse("admin:vacancies_vacancy_publish", args=[vacancy.pk]), follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["This vacancy is already published."]


def test_reject_asks_for_a_reason_then_rejects(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_vacancy_reject", args=[vacancy.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Reason for the employer" in page.content.decode()
    assert client.post(url, {"reason": "   "}).status_code == 400
    assert client.post(url, {"reason": "x" * 2001}).status_code == 400
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PENDING_REVIEW
    assert client.post(url, {"reason": "Add the salary band's currency."}).status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.rejection_reason) == (Status.REJECTED, "Add the salary band's currency.")
    assert VacancyStatusChange.objects.filter(vacancy=vacancy, to_status=Status.REJECTED, by=recruiter).exists()


def test_preview_renders_the_public_page_of_a_vacancy_not_yet_public(client, recruiter):
    vacancy = factories.PendingVacancyFactory(title="Head of Product Preview 7731")
    assert client.get(vacancy.get_absolute_url()).status_code == 404
    client.force_login(recruiter)
    assert client.get(vacancy.get_absolute_url()).status_code == 404  # the public URL stays closed
    response = client.get(reverse("admin:vacancies_vacancy_preview", args=[vacancy.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Head of Product Preview 7731" in html
    assert "Preview." in html
    assert "application/ld+json" not in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert [t.name for t in response.templates][:2] == [
        "vacancies/vacancy_preview.html",
        "vacancies/vacancy_detail.html",
    ]
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PENDING_REVIEW


@pytest.mark.parametrize("name", ["publish", "reject", "preview"])
def test_staff_outside_the_recruiters_group_may_not_review(client, staff_outside_group, name):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(staff_outside_group)
    url = reverse(f"admin:vacancies_vacancy_{name}", args=[vacancy.pk])
    if name == "preview":
        assert client.get(url).status_code == 403
    else:
        assert client.post(url, {"reason": "no"}).status_code == 403
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PENDING_REVIEW


@pytest.mark.parametrize("user_fixture", ["candidate", "employer"])
def test_candidates_and_employers_are_sent_to_the_admin_login(client, request, user_fixture):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(request.getfixturevalue(user_fixture))
    for name in ("publish", "reject", "preview"):
        response = client.post(reverse(f"admin:vacancies_vacancy_{name}", args=[vacancy.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    vacancy.refresh_from_db()
    assert vacancy.status == Status.PENDING_REVIEW


def test_review_urls_of_a_missing_vacancy_are_404(client, recruiter):
    client.force_login(recruiter)
    for name in ("publish", "reject", "preview"):
        method = client.get if name == "preview" else client.post
        assert method(reverse(f"admin:vacancies_vacancy_{name}", args=[999999])).status_code == 404


# --- Application: move, notes, match ------------------------------------------------------------


def test_application_page_shows_move_notes_and_the_match(client, recruiter, candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    factories.MatchFactory(
        candidate=candidate.candidate_profile,
        vacancy=application.vacancy,
        score=83,
        breakdown=[
            {"label": "Required skills", "status": "met", "points": 25, "max_points": 25, "reason": "All 4 8812"}
        ],
    )
    factories.RecruiterNoteFactory(candidate=candidate.candidate_profile, body="Called her <b>Monday</b>")
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_application_change", args=[application.pk])).content.decode()
    assert reverse("admin:vacancies_application_move", args=[application.pk]) in html
    assert '<option value="screening">' in html
    assert '<option value="hired">' not in html  # only where the pipeline allows from "applied"
    assert "All 4 8812" in html
    assert "Called her &lt;b&gt;Monday&lt;/b&gt;" in html


def test_move_with_a_note_goes_through_the_service(client, recruiter):
    application = factories.ApplicationFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_application_move", args=[application.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, {"stage": "screening", "note": "Good call with her today."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.SCREENING
    change = ApplicationStageChange.objects.filter(application=application).latest("pk")
    assert (change.to_stage, change.by, change.note) == (Stage.SCREENING, recruiter, "Good call with her today.")


@pytest.mark.parametrize(
    "data",
    [
        {"stage": "hired"},  # not allowed from "applied"
        {"stage": "withdrawn"},
        {"stage": "no-such-stage"},
        {"stage": ["screening", "hired"], "note": "x"},
        {"stage": "screening", "note": "x" * 2001},
        {"stage": "screening\x00"},
        {},
    ],
)
def test_hostile_moves_change_nothing_and_never_crash(client, recruiter, data):
    application = factories.ApplicationFactory()
    client.force_login(recruiter)
    response = client.post(reverse("admin:vacancies_application_move", args=[application.pk]), data, follow=True)
    assert response.status_code == 200
    assert any(m.startswith("Not moved") for m in messages_of(response))
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001, "\x00"])
def test_hostile_notes_are_refused(client, recruiter, candidate, body):
    from recruitment.models import RecruiterNote

    application = factories.ApplicationFactory(candidate=candidate)
    client.force_login(recruiter)
    response = client.post(reverse("admin:vacancies_application_note", args=[application.pk]), {"body": body})
    assert response.status_code == 302
    assert not RecruiterNote.objects.exists()


def test_staff_outside_the_group_may_not_move_or_note(client, staff_outside_group, candidate):
    from recruitment.models import RecruiterNote

    application = factories.ApplicationFactory(candidate=candidate)
    client.force_login(staff_outside_group)
    assert (
        client.post(
            reverse("admin:vacancies_application_move", args=[application.pk]), {"stage": "screening"}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:vacancies_application_note", args=[application.pk]), {"body": "x"}).status_code
        == 403
    )
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
    assert not RecruiterNote.objects.exists()


def test_application_search_finds_the_company(client, recruiter):
    wanted = factories.ApplicationFactory(vacancy=factories.PublishedVacancyFactory(company__name="Quillmoor Labs"))
    factories.ApplicationFactory()
    client.force_login(recruiter)
    response = client.get(reverse("admin:vacancies_application_changelist"), {"q": "quillmoor"})
    assert list(response.context["cl"].result_list) == [wanted]
