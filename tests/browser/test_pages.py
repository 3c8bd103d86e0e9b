"""Every main page, for each role, on a desktop and on a phone-sized screen, in real Chromium:
accessible (axe-core, one h1, landmarks, labels, alt text), no wider than the screen, no console error.
Screenshots in test-artifacts/browser/<test>/."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleFamily
from recruitment.matching import vacancy_match
from recruitment.placements import placement_update
from tests import factories
from tests.browser.support import DESKTOP, PHONE, assert_accessible
from vacancies.models import Application
from vacancies.services import application_move, application_submit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]


@pytest.fixture
def agency(broker):
    """A small, complete agency: an employer with a live vacancy, a candidate who applied and was
    shortlisted, their match, and a recruiter. (`broker`: the outbox's tasks go to a real Redis.)"""
    employer = factories.EmployerProfileFactory(company__name="Orbit Health").user
    hop = RoleFamily.objects.get(slug="head-of-product")
    vacancy = factories.PublishedVacancyFactory(
        company=employer.employer_profile.company,
        title="Head of Product, Clinical Platform",
        role_family=hop,
        description="You will lead **four product teams**.\n\n- Own the roadmap\n- Grow the team",
        required_skills=factories.skills("product-strategy", "people-management"),
    )
    factories.PublishedVacancyFactory.create_batch(3, role_family=RoleFamily.objects.get(slug="vp-product"))
    candidate = factories.UserFactory(role="candidate", first_name="Nadia", last_name="Haddad")
    profile = factories.CompleteCandidateProfileFactory(user=candidate, seniority="head")
    profile.role_families.set([hop])
    profile.skills.set(factories.skills("product-strategy", "people-management"))
    application = application_submit(candidate=candidate, vacancy=vacancy, cover_letter="I led four teams.")
    application_move(application=application, stage=Application.Stage.SHORTLISTED, by=employer)
    vacancy_match(vacancy=vacancy)
    recruiter = factories.RecruiterFactory()
    # A second role she was hired for: a placement, priced (the candidate's "Offer accepted", the client's
    # Placements page, the workspace's placement page and revenue reports).
    hired = factories.ApplicationFactory(
        candidate=candidate,
        vacancy=factories.PublishedVacancyFactory(
            company=employer.employer_profile.company, title="Director of Product, Payments", role_family=hop
        ),
        stage=Application.Stage.OFFER,
    )
    application_move(application=hired, stage=Application.Stage.HIRED, by=recruiter)
    placement_update(
        placement=hired.placement, by=recruiter, start_date=timezone.localdate(), base_salary="150000", currency="EUR"
    )
    return {
        "candidate": candidate,
        "employer": employer,
        "recruiter": recruiter,
        "vacancy": vacancy,
        "application": application,
        "hired": hired,
    }


def logged_in(site, name: str, user, viewport):
    """A visitor whose browser carries `user`'s session (logging in through the form is covered by
    the journeys; here it would only slow the page checks down)."""
    visitor = site.visitor(name, viewport=viewport)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        visitor.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site.url}])
    return visitor


def check_all(visitor, pages: list[tuple[str, str]], *, accessible: bool = True) -> None:
    for label, path in pages:
        response = visitor.goto(path)
        assert response.status == 200, f"{label}: {path} answered {response.status}"
        if accessible:
            visitor.check_page(label)
        else:
            visitor.shot(label)
    visitor.assert_no_browser_errors()


@pytest.fixture
def pages_site(chromium, live_server, request):
    from tests.browser.conftest import Site

    site = Site(browser=chromium, url=live_server.url, sink=None, name=request.node.name)
    yield site
    call = getattr(request.node, "report_call", None)
    site.close(failed=call is None or call.failed)


def used_confirmation_path(user) -> str:
    """The confirmation link of an address that is already confirmed."""
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(EmailAddress.objects.get(user=user)).key])


@pytest.mark.parametrize("viewport", SCREENS)
def test_public_pages(pages_site, agency, viewport):
    visitor = logged_in(pages_site, "visitor", None, viewport)
    vacancy = agency["vacancy"]
    check_all(
        visitor,
        [
            ("home", "/"),
            ("board", "/vacancies/"),
            ("board filtered", "/vacancies/?role_family=head-of-product&remote=hybrid&sort=salary"),
            ("board, nothing found", "/vacancies/?q=astronaut"),
            ("vacancy", vacancy.get_absolute_url()),
            ("log in", "/accounts/login/"),
            ("candidate sign-up", "/accounts/signup/"),
            ("employer sign-up", "/employers/signup/"),
            ("password reset", "/accounts/password/reset/"),
            ("confirmation link already used", used_confirmation_path(agency["candidate"])),
            ("confirmation link not valid", "/accounts/confirm-email/not-a-key/"),
        ],
    )
    response = visitor.goto("/no-such-page/")
    assert response.status == 404
    visitor.check_page("404")


@pytest.mark.parametrize("viewport", SCREENS)
def test_candidate_pages(pages_site, agency, viewport):
    visitor = logged_in(pages_site, "candidate", agency["candidate"], viewport)
    check_all(
        visitor,
        [
            ("dashboard", "/me/"),
            ("profile", "/me/profile/"),
            ("my applications", "/me/applications/"),
            ("application", f"/me/applications/{agency['application'].pk}/"),
            ("application: offer accepted", f"/me/applications/{agency['hired'].pk}/"),
            ("matched for you", "/me/matches/"),
            ("vacancy with why it matches", agency["vacancy"].get_absolute_url()),
            ("my data", "/me/data/"),
            ("account: email addresses", "/accounts/email/"),
            ("account: password", "/accounts/password/change/"),
        ],
    )


@pytest.mark.parametrize("viewport", SCREENS)
def test_employer_pages(pages_site, agency, viewport):
    visitor = logged_in(pages_site, "employer", agency["employer"], viewport)
    vacancy = agency["vacancy"]
    check_all(
        visitor,
        [
            ("dashboard", "/employers/"),
            ("company", "/employers/company/"),
            ("new vacancy", "/employers/vacancies/new/"),
            ("vacancy", f"/employers/vacancies/{vacancy.pk}/"),
            ("applicants", f"/employers/vacancies/{vacancy.pk}/applicants/"),
            ("placements", "/employers/placements/"),
            ("account: email addresses", "/accounts/email/"),
        ],
    )


def test_recruiter_workspace_pages_load_without_browser_errors(pages_site, agency):
    """The admin is Django's own markup (not ours to fix for axe), but our additions to it must load
    cleanly: the ranked matches, the pipeline with its funnel, the review queue."""
    visitor = logged_in(pages_site, "recruiter", agency["recruiter"], DESKTOP)
    vacancy = agency["vacancy"]
    check_all(
        visitor,
        [
            ("admin home", "/admin/"),
            ("vacancies", "/admin/vacancies/vacancy/"),
            ("vacancy with ranked candidates", f"/admin/vacancies/vacancy/{vacancy.pk}/change/"),
            ("candidates", "/admin/accounts/candidateprofile/"),
            ("applications", "/admin/vacancies/application/"),
            ("pipeline", "/admin/pipeline/"),
            ("revenue reports", "/admin/reports/"),
            ("placement", f"/admin/recruitment/placement/{agency['hired'].placement.pk}/change/"),
            ("company with its terms", f"/admin/vacancies/company/{vacancy.company_id}/change/"),
        ],
        accessible=False,
    )
    assert visitor.page.locator("svg").count() >= 1  # the funnel


def test_the_checks_catch_what_they_are_for(pages_site):
    """The guards themselves: a console error is reported, and so is an unlabelled field."""
    visitor = logged_in(pages_site, "visitor", None, DESKTOP)
    visitor.goto("/")
    visitor.page.evaluate("() => console.error('something broke')")
    with pytest.raises(AssertionError, match="something broke"):
        visitor.assert_no_browser_errors()

    visitor.page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    with pytest.raises(AssertionError, match="label"):
        assert_accessible(visitor.page, pages_site.axe, "home with an unlabelled field")
