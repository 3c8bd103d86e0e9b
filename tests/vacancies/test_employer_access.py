"""Who may open which employer page. Employers of the company get in; another company's
employer, candidates and recruiters get 404 on anything about a vacancy or an application;
anonymous visitors are sent to log in. Refused writes change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from vacancies.models import Application, ApplicationStageChange, Company, Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

OUTSIDERS = ["other_employer", "candidate", "recruiter"]


def _object_pages(vacancy, application):
    """(method, url, data) for every page about one vacancy or application."""
    return [
        ("get", reverse("employers:vacancy_detail", args=[vacancy.pk]), None),
        ("get", reverse("employers:vacancy_edit", args=[vacancy.pk]), None),
        ("get", reverse("employers:vacancy_applicants", args=[vacancy.pk]), None),
        ("post", reverse("employers:vacancy_edit", args=[vacancy.pk]), {"title": "Hijacked"}),
        ("post", reverse("employers:vacancy_submit", args=[vacancy.pk]), {}),
        ("post", reverse("employers:vacancy_close", args=[vacancy.pk]), {"reason": "filled"}),
        ("post", reverse("employers:application_move", args=[application.pk]), {"stage": "rejected"}),
    ]


def _snapshot(vacancy, application):
    vacancy.refresh_from_db()
    application.refresh_from_db()
    return (
        vacancy.status,
        vacancy.title,
        vacancy.updated_at,
        application.stage,
        VacancyStatusChange.objects.count(),
        ApplicationStageChange.objects.count(),
    )


@pytest.fixture
def draft_and_application(make_vacancy, candidate):
    draft = make_vacancy(Vacancy.Status.DRAFT)
    application = factories.ApplicationFactory(candidate=candidate, vacancy=make_vacancy(Vacancy.Status.PUBLISHED))
    return draft, application


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_every_vacancy_and_application_page(client, request, outsider, draft_and_application):
    draft, application = draft_and_application
    client.force_login(request.getfixturevalue(outsider))
    before = _snapshot(draft, application)
    for method, url, data in _object_pages(draft, application):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, (method, url)
    assert _snapshot(draft, application) == before


def test_anonymous_is_sent_to_log_in_on_every_vacancy_and_application_page(client, draft_and_application):
    draft, application = draft_and_application
    before = _snapshot(draft, application)
    for method, url, data in _object_pages(draft, application):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 302, (method, url)
        assert response["Location"].startswith(reverse("account_login")), (method, url)
    assert _snapshot(draft, application) == before


@pytest.mark.parametrize("insider", ["employer", "colleague"])
def test_every_employer_of_the_company_opens_its_vacancy_pages(client, request, insider, draft_and_application):
    draft, application = draft_and_application
    client.force_login(request.getfixturevalue(insider))
    for url in [
        reverse("employers:vacancy_detail", args=[draft.pk]),
        reverse("employers:vacancy_edit", args=[draft.pk]),
        reverse("employers:vacancy_applicants", args=[application.vacancy.pk]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", ["employers:dashboard", "employers:company", "employers:vacancy_create"])
def test_company_pages_by_role(client, employer, candidate, recruiter, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for user in (candidate, recruiter):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(employer)
    assert client.get(url).status_code == 200


def test_employer_without_a_company_is_told_what_to_do_not_crashed(client):
    orphan = factories.EmployerUserFactory()
    client.force_login(orphan)
    for name in ["employers:dashboard", "employers:company", "employers:vacancy_create"]:
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert "not linked to a company" in page.content.decode()
    assert client.post(reverse("employers:vacancy_create"), {}).status_code == 403


def test_dashboard_lists_only_the_own_company(client, employer, other_employer, colleague, make_vacancy):
    ours = make_vacancy(Vacancy.Status.DRAFT, title="Our Head of Product")
    theirs = make_vacancy(
        Vacancy.Status.PUBLISHED, title="Their VP Product", company=other_employer.employer_profile.company
    )
    for user, shown, hidden in [(employer, ours, theirs), (colleague, ours, theirs), (other_employer, theirs, ours)]:
        client.force_login(user)
        page = client.get(reverse("employers:dashboard")).content.decode()
        assert shown.title in page
        assert hidden.title not in page


def test_company_page_edits_only_the_own_company(client, employer, other_employer):
    theirs = other_employer.employer_profile.company
    client.force_login(employer)
    response = client.post(reverse("employers:company"), {"name": "Renamed", "website": "", "description": ""})
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.name != "Renamed"
    assert Company.objects.get(pk=employer.employer_profile.company_id).name == "Renamed"


def test_applicant_list_shows_only_applicants_of_that_vacancy(client, employer, other_employer, make_vacancy):
    this_one = make_vacancy(Vacancy.Status.PUBLISHED)
    sibling = make_vacancy(Vacancy.Status.PUBLISHED)
    elsewhere = factories.PublishedVacancyFactory(company=other_employer.employer_profile.company)
    applied_here = factories.ApplicationFactory(vacancy=this_one, candidate__first_name="Applied-Here")
    factories.ApplicationFactory(vacancy=sibling, candidate__first_name="Applied-Sibling")
    factories.ApplicationFactory(vacancy=elsewhere, candidate__first_name="Applied-Elsewhere")
    factories.CandidateUserFactory(first_name="Never-Applied")

    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_applicants", args=[this_one.pk])).content.decode()
    assert "Applied-Here" in page
    assert applied_here.candidate.candidate_profile.headline in page
    for stranger in ["Applied-Sibling", "Applied-Elsewhere", "Never-Applied"]:
        assert stranger not in page


def test_employer_cannot_move_another_companys_application(client, employer, other_employer):
    foreign = factories.ApplicationFactory(vacancy=factories.PublishedVacancyFactory())
    client.force_login(employer)
    response = client.post(reverse("employers:application_move", args=[foreign.pk]), {"stage": "shortlisted"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.stage == Application.Stage.APPLIED
