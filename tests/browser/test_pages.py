"""Every main page, for each role, on a desktop and on a phone-sized screen, in real Chromium:
accessible (axe-core, one h1, landmarks, labels, alt text), no wider than the screen, no console error.
Screenshots in test-artifacts/browser/<test>/."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleFamily
from recruitment.matching import vacancy_match
from recruitment.services.interviews import interview_pick, interview_propose
from recruitment.services.introductions import introduction_candidate_answer, introduction_propose
from recruitment.services.placements import placement_update
from recruitment.signed_links import consent_path, interview_path
from tests import factories
from tests.browser.support import DESKTOP, PHONE, assert_accessible
from vacancies.models import Application, Vacancy
from vacancies.services import (
    application_move,
    application_submit,
    company_invite_send,
    company_invite_token,
    company_join_request,
    vacancy_revision_submit,
)

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
    employer = factories.EmployerProfileFactory(company__name="Orbit Health", is_company_admin=True).user
    # The company page's team: a colleague the admin may remove, an invitation waiting.
    factories.EmployerProfileFactory(company=employer.employer_profile.company, job_title="Design lead")
    invite = company_invite_send(company=employer.employer_profile.company, email="new@orbit.example", by=employer)
    waiting = factories.UserFactory(role="employer", first_name="Wren", last_name="Asker")
    company_join_request(user=waiting, company=employer.employer_profile.company)
    hop = RoleFamily.objects.get(slug="head-of-product")
    vacancy = factories.PublishedVacancyFactory(
        company=employer.employer_profile.company,
        title="Head of Product, Clinical Platform",
        role_family=hop,
        description="You will lead **four product teams**.\n\n- Own the roadmap\n- Grow the team\n\n"
        "## Benefits\n\n> Best place I have worked. (a PM on the team)",
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
    # Changes to the live vacancy waiting for review (the employer's page and the workspace show them).
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Head of Product, Clinical Platform and Data"
    vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    closed = factories.VacancyFactory(company=vacancy.company, title="Director of Product", status="closed")
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
        "closed": closed,
        "candidate": candidate,
        "employer": employer,
        "recruiter": recruiter,
        "vacancy": vacancy,
        "application": application,
        "invite": invite,
        "employer_waiting": waiting,
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
            (
                "joining a company by invitation",
                reverse("employers:join", args=[company_invite_token(agency["invite"])]),
            ),
            ("password reset", "/accounts/password/reset/"),
            ("confirmation link already used", used_confirmation_path(agency["candidate"])),
            ("confirmation link not valid", "/accounts/confirm-email/not-a-key/"),
        ],
    )
    # Markdown in the description stays below the page's own section titles; a quote looks like one.
    visitor.goto(vacancy.get_absolute_url())
    sizes = visitor.page.evaluate(
        """() => ({
            heading: parseFloat(getComputedStyle(document.querySelector('.vacancy-description h3')).fontSize),
            section: parseFloat(getComputedStyle(document.querySelector('#description-heading')).fontSize),
            quote: parseFloat(getComputedStyle(document.querySelector('.vacancy-description blockquote'))
                .borderLeftWidth),
        })"""
    )
    assert sizes["heading"] < sizes["section"], sizes
    assert sizes["quote"] > 0, sizes
    response = visitor.goto("/no-such-page/")
    assert response.status == 404
    visitor.check_page("404")
    response = visitor.goto("/employers/join/not-a-token/")
    assert response.status == 404
    visitor.check_page("invitation not valid")


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
            ("editing a live vacancy", f"/employers/vacancies/{vacancy.pk}/edit/"),
            ("closed vacancy, to copy", f"/employers/vacancies/{agency['closed'].pk}/"),
            ("placements", "/employers/placements/"),
            ("account: email addresses", "/accounts/email/"),
        ],
    )
    waiting = logged_in(pages_site, "employer without a company", agency["employer_waiting"], viewport)
    check_all(waiting, [("asked to join a company", "/employers/")])


@pytest.mark.parametrize("viewport", SCREENS)
def test_introduction_and_interview_pages(pages_site, agency, viewport):
    """The pages of introductions (#12) and interviews (#13), for the candidate (signed links, no login, and
    logged in), the client and any account's time zone: each in the states that show its forms."""
    vacancy, employer = agency["vacancy"], agency["employer"]
    introduced = factories.CompleteCandidateProfileFactory(
        user=factories.UserFactory(first_name="Otto", last_name="Lind"), current_title="VP Product"
    )
    factories.MatchFactory(candidate=introduced, vacancy=vacancy, score=84)
    introduction = introduction_propose(
        candidate=introduced,
        vacancy=vacancy,
        by=agency["recruiter"],
        pitch="Scaled a payments platform's product organisation from 3 to 9 teams.",
        presentation="anonymised",
    ).introduction
    slots = [(timezone.now() + dt.timedelta(days=days)).replace(minute=0, second=0, microsecond=0) for days in (3, 4)]
    interview, _ids = interview_propose(
        application=agency["application"], by=employer, slots=slots, video_url="https://meet.example.com/x"
    )

    stranger = logged_in(pages_site, "from-an-email", None, viewport)
    check_all(
        stranger,
        [
            ("introduction consent", consent_path(introduction_id=introduction.pk, consent_round=1)),
            ("interview: pick a time", interview_path(interview_id=interview.pk, proposal=interview.proposal)),
        ],
    )
    candidate = logged_in(pages_site, "candidate", agency["candidate"], viewport)
    check_all(
        candidate,
        [
            ("dashboard with an interview to pick", "/me/"),
            ("my interview, to pick", f"/me/interviews/{interview.pk}/"),
            ("time zone", "/accounts/settings/time-zone/"),
        ],
    )

    introduction_candidate_answer(introduction=introduction, consent_round=1, accept=True)
    client = logged_in(pages_site, "employer", employer, viewport)
    check_all(
        client,
        [
            ("dashboard with an introduction", "/employers/"),
            ("introductions", "/employers/introductions/"),
            ("introduction, anonymised", f"/employers/introductions/{introduction.pk}/"),
            ("interviews", "/employers/interviews/"),
            ("interview, proposed", f"/employers/interviews/{interview.pk}/"),
            ("propose interview times", f"/employers/interviews/new/{agency['application'].pk}/"),
            ("time zone", "/accounts/settings/time-zone/"),
        ],
    )
    client.goto(f"/employers/introductions/{introduction.pk}/")
    assert "Otto Lind" not in client.page.content()

    interview_pick(interview=interview, slot_id=interview.slots.get(starts_at=slots[0]).pk, proposal=interview.proposal)
    check_all(client, [("interview, confirmed", f"/employers/interviews/{interview.pk}/")])
    check_all(candidate, [("my interview, confirmed", f"/me/interviews/{interview.pk}/")])


def test_recruiter_workspace_pages_load_without_browser_errors(pages_site, agency):
    """The admin is Django's own markup (not ours to fix for axe), but our additions to it must load
    cleanly: the ranked matches, the pipeline with its funnel, the review queue, the candidate search (its
    skills and countries pickers are the admin's filtered selects, which need the admin's JavaScript)."""
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
            ("candidate search", "/admin/accounts/candidateprofile/search/?q=&skills_match=any"),
            ("requests to join a company", "/admin/vacancies/companyjoinrequest/"),
            ("vacancies with changes waiting", "/admin/vacancies/vacancy/?changes_waiting=yes"),
            ("rejecting a vacancy's changes", f"/admin/vacancies/vacancy/{vacancy.pk}/revision_reject/"),
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


def test_workspace_lists_fit_a_1280_pixel_screen(pages_site, agency):
    """Every column of the main workspace lists is visible at 1280 px: no sideways scrolling of the page
    or of the results table; the titles are ours, not Django's "Select vacancy to change"; the home
    page's "Today's work" tiles carry counts."""
    visitor = logged_in(pages_site, "recruiter", agency["recruiter"], DESKTOP)
    lists = {
        "vacancies": "/admin/vacancies/vacancy/",
        "applications": "/admin/vacancies/application/",
        "candidates": "/admin/accounts/candidateprofile/",
        "companies": "/admin/vacancies/company/",
        "emails": "/admin/recruitment/notification/",
        "matches": "/admin/recruitment/match/",
    }
    for label, path in lists.items():
        visitor.goto(path)
        widths = visitor.page.evaluate(
            """() => {
                const results = document.querySelector('#changelist .results') || document.body;
                return {page: document.documentElement.scrollWidth, screen: window.innerWidth,
                        table: results.scrollWidth, box: results.clientWidth};
            }"""
        )
        assert widths["page"] <= widths["screen"], (label, widths)
        assert widths["table"] <= widths["box"] + 1, (label, widths)
        heading = visitor.page.locator("#content h1").first.inner_text()
        assert not heading.startswith("Select "), (label, heading)
        assert not visitor.page.title().startswith("Select "), (label, visitor.page.title())
    visitor.goto("/admin/")
    tiles = visitor.page.locator(".agency-shortcuts .agency-count")
    assert tiles.count() >= 4
    visitor.assert_no_browser_errors()
