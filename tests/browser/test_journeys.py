"""The product's main journeys, in real Chromium, against the live server, a Celery worker, Redis and
the loopback SMTP server: nothing is faked, and every email is read from the SMTP server.

One story, told in the order it happens at the agency:
1. an employer signs up with their company, creates a Head of Product vacancy and submits it for review;
2. a product leader signs up, verifies their email from the link we send, fills the profile, uploads a
   PDF CV, filters the board, opens an opening and applies; it is in "My applications";
3. a recruiter publishes the vacancy in the admin; the worker emails the candidate a match alert whose
   link opens the vacancy (where they apply) and whose unsubscribe link works;
4. the employer sees the applicant, downloads the CV and shortlists them;
5. the candidate sees the new stage, and the email telling them about it.

Every page on the way is screenshotted (test-artifacts/browser/) and checked for accessibility, and
the journey fails on any browser console error.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.models import CandidateProfile, RoleFamily, Skill, User
from tests import factories
from tests.support.services import body, wait_until
from vacancies.models import Application, Vacancy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a-Long-and-unusual-passphrase-2026"
EMPLOYER = "ines.moreau@orbithealth.example"
CANDIDATE = "nadia.haddad@example.org"
VACANCY_TITLE = "Head of Product, Clinical Platform"


def email_to(sink, address: str, subject: str, *, timeout: float = 60):
    """The one email to `address` whose subject contains `subject`, waiting for it to arrive."""

    def found():
        return [m for m in sink.to(address) if subject.lower() in str(m["Subject"]).lower()]

    wait_until(lambda: len(found()) >= 1, timeout=timeout, what=f"an email '{subject}' to {address}")
    (message,) = found()
    return message


def link_in(message, path_fragment: str) -> str:
    urls = re.findall(r"https?://[^\s<>\"']+", body(message))
    matching = [url for url in urls if path_fragment in url]
    assert matching, f"no link containing {path_fragment!r} in:\n{body(message)}"
    return matching[0]


def sign_up(person, site, address: str, fields: dict[str, str], *, button: str, lands_on: str) -> None:
    """Fill a sign-up form, then open the verification link from the email we receive and confirm:
    the person lands, logged in, on `lands_on`."""
    page = person.page
    person.check_page("sign-up form")
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Email").fill(address)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    person.check_page("verify your email")

    message = email_to(site.sink, address, "confirm")
    person.goto(link_in(message, "/accounts/confirm-email/"))
    person.check_page("confirm email")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(lands_on)


def test_from_posting_to_shortlist_through_the_browser(site, recruiter):
    other_company_role = factories.PublishedVacancyFactory(
        title="Head of Product, Care Pathways",
        company=factories.CompanyFactory(name="Meridian Care", slug="meridian-care"),
        role_family=RoleFamily.objects.get(slug="head-of-product"),
        city="Rotterdam",
        country="NL",
        remote_policy="hybrid",
        salary_min=130_000,
        salary_max=160_000,
        required_skills=Skill.objects.filter(slug__in=["product-strategy", "people-management"]),
    )
    factories.PublishedVacancyFactory(
        title="Director of Product, Growth",
        role_family=RoleFamily.objects.get(slug="director-of-product"),
    )

    employer = site.visitor("employer")
    candidate = site.visitor("candidate")
    agency = site.visitor("recruiter")

    vacancy = employer_signs_up_and_submits_a_vacancy(employer, site)
    candidate_signs_up_builds_a_profile_and_applies(candidate, site, other_company_role)
    recruiter_publishes_the_vacancy(agency, recruiter, vacancy)
    candidate_gets_the_alert_applies_and_unsubscribes(candidate, site, vacancy)
    employer_downloads_the_cv_and_shortlists(employer, vacancy)
    candidate_sees_the_new_stage(candidate, site, vacancy)

    for person in (employer, candidate, agency):
        person.assert_no_browser_errors()


def employer_signs_up_and_submits_a_vacancy(employer, site) -> Vacancy:
    page = employer.page
    employer.goto("/")
    employer.check_page("home")
    page.get_by_role("link", name="Create an employer account").click()
    sign_up(
        employer,
        site,
        EMPLOYER,
        {"First name": "Ines", "Last name": "Moreau", "Your job title": "Chief Executive Officer",
         "Company name": "Orbit Health"},
        button="Create employer account",
        lands_on="**/employers/**",
    )  # fmt: skip
    employer.check_page("employer dashboard, empty")

    page.get_by_role("link", name="Post a vacancy").first.click()
    page.get_by_label("Job title").fill(VACANCY_TITLE)
    page.get_by_label("Role family").select_option(label="Head of Product")
    page.get_by_label("Seniority").select_option(label="Head of Product")
    page.get_by_label("Minimum years of product experience").fill("8")
    page.get_by_label("Industry").select_option(label="Healthcare")
    page.get_by_label("City").fill("Amsterdam")
    page.get_by_label("Country").select_option(label="Netherlands")
    page.get_by_label("Remote policy").select_option(label="Hybrid")
    page.get_by_label("Salary from").fill("140000")
    page.get_by_label("Salary up to").fill("170000")
    page.get_by_label("Currency").select_option("EUR")
    required = page.locator("#div_id_required_skills")
    for skill in ("Product strategy", "People management", "Regulatory compliance"):
        required.get_by_label(skill, exact=True).check()
    page.locator("#div_id_nice_to_have_skills").get_by_label("AI/ML products", exact=True).check()
    page.get_by_label("Description").fill(
        "Orbit Health's clinical platform is used by 300 hospitals.\n\n"
        "You will lead four product teams and own the roadmap from discovery to outcomes."
    )
    page.get_by_label("Closing date").fill((timezone.localdate() + dt.timedelta(days=40)).isoformat())
    employer.check_page("vacancy editor, filled")
    page.get_by_role("button", name="Save and submit for review").click()

    page.get_by_text("Submitted for review.").wait_for()
    employer.check_page("vacancy submitted for review")
    vacancy = Vacancy.objects.get(title=VACANCY_TITLE)
    assert vacancy.status == Vacancy.Status.PENDING_REVIEW
    assert vacancy.company.name == "Orbit Health"
    return vacancy


def candidate_signs_up_builds_a_profile_and_applies(candidate, site, opening: Vacancy) -> None:
    page = candidate.page
    candidate.goto("/")
    page.get_by_role("link", name="Create your candidate profile").click()
    sign_up(
        candidate,
        site,
        CANDIDATE,
        {"First name": "Nadia", "Last name": "Haddad"},
        button="Create my account",
        lands_on="**/me/**",
    )
    candidate.check_page("candidate dashboard, new")

    candidate.goto("/me/profile/")
    page.get_by_label("Headline").fill("Head of Product who took a clinical platform from 20 to 300 hospitals")
    page.get_by_label("Current title").fill("Head of Product")
    page.get_by_label("Years of product experience").fill("11")
    page.get_by_label("Your seniority").select_option(label="Head of Product")
    roles = page.locator("#div_id_role_families")
    roles.get_by_label("Head of Product", exact=True).check()
    roles.get_by_label("VP Product", exact=True).check()
    skills = page.locator("#div_id_skills")
    for skill in ("Product strategy", "People management", "Regulatory compliance", "Stakeholder management"):
        skills.get_by_label(skill, exact=True).check()
    page.locator("#div_id_industries").get_by_label("Healthcare", exact=True).check()
    page.get_by_label("City").fill("Amsterdam")
    page.get_by_label("Country").select_option(label="Netherlands")
    page.locator("#div_id_remote_preference").get_by_label("Hybrid", exact=True).check()
    page.get_by_label("Minimum yearly salary").fill("120000")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_label("Notice period (weeks)").fill("12")
    page.get_by_label("LinkedIn profile URL").fill("https://www.linkedin.com/in/nadia-haddad")
    page.get_by_label("I am open to new opportunities").check()
    page.locator("#div_id_alert_frequency").get_by_label("Instantly", exact=True).check()
    page.get_by_label("I agree that the agency may contact me").check()
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your profile is saved.").wait_for()

    cv = site.artifacts / "nadia-haddad-cv.pdf"
    cv.write_bytes(factories.PDF_BYTES)
    page.locator("input[type=file][name=cv]").set_input_files(str(cv))
    page.get_by_role("button", name="Upload CV").click()
    page.get_by_role("button", name="Replace CV").wait_for()
    candidate.check_page("profile with CV")
    profile = CandidateProfile.objects.get(user__email=CANDIDATE)
    assert profile.cv
    assert profile.has_consented
    assert profile.alert_frequency == CandidateProfile.AlertFrequency.INSTANT

    # The board, filtered as a product leader would: Head of Product roles in the Netherlands.
    page.get_by_role("link", name="Openings", exact=True).first.click()
    page.get_by_label("Role").select_option(label="Head of Product")
    page.get_by_label("Location").fill("Netherlands")
    page.get_by_role("button", name="Show openings").click()
    page.wait_for_url(re.compile(r"role_family=head-of-product"))
    candidate.check_page("board filtered")
    assert page.get_by_role("link", name="Director of Product, Growth").count() == 0
    page.get_by_role("link", name=opening.title).click()
    candidate.check_page("vacancy page")

    page.get_by_role("link", name="Apply for this role").click()
    candidate.check_page("apply form")
    page.get_by_label("Cover letter (optional)").fill("Care pathways are where I have spent the last five years.")
    page.get_by_role("button", name="Send application").click()
    page.get_by_text(opening.title).first.wait_for()

    candidate.goto("/me/applications/")
    candidate.check_page("my applications")
    row = page.get_by_role("link", name=opening.title)
    assert row.count() >= 1
    assert Application.objects.filter(vacancy=opening, candidate__email=CANDIDATE).exists()


def recruiter_publishes_the_vacancy(agency, recruiter: User, vacancy: Vacancy) -> None:
    page = agency.page
    agency.goto("/admin/")
    agency.check_page("log in")  # the admin's login is the site's (allauth) login
    page.get_by_label("Email").fill(recruiter.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    agency.shot("admin home")

    agency.goto("/admin/vacancies/vacancy/?status__exact=pending_review")
    agency.shot("admin pending vacancies")
    page.locator(f"input.action-select[value='{vacancy.pk}']").check()
    page.locator("select[name=action]").select_option("publish_selected")
    page.get_by_role("button", name="Go", exact=True).click()
    page.locator(".messagelist").wait_for()
    agency.shot("admin vacancy published")
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def candidate_gets_the_alert_applies_and_unsubscribes(candidate, site, vacancy: Vacancy) -> None:
    alert = email_to(site.sink, CANDIDATE, f"New match: {vacancy.title}")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Why it matches:" in body(alert)

    page = candidate.page
    candidate.goto(link_in(alert, vacancy.get_absolute_url()))
    page.get_by_role("heading", name=vacancy.title).wait_for()
    page.get_by_text("Why this role matches you").wait_for()
    candidate.check_page("vacancy from the alert")
    page.get_by_role("link", name="Apply for this role").click()
    page.get_by_role("button", name="Send application").click()
    page.get_by_text(vacancy.title).first.wait_for()
    assert Application.objects.filter(vacancy=vacancy, candidate__email=CANDIDATE).exists()

    # The unsubscribe link works without logging in: a fresh browser, no session.
    stranger = site.visitor("unsubscribe-link")
    stranger.goto(link_in(alert, "/unsubscribe/"))
    stranger.check_page("unsubscribe confirmation")
    assert CandidateProfile.objects.get(user__email=CANDIDATE).alert_frequency != "off"  # GET changes nothing
    stranger.page.get_by_role("button", name="Unsubscribe from match alerts").click()
    stranger.page.get_by_role("heading", level=1).wait_for()
    stranger.check_page("unsubscribed")
    assert CandidateProfile.objects.get(user__email=CANDIDATE).alert_frequency == "off"
    stranger.assert_no_browser_errors()


def employer_downloads_the_cv_and_shortlists(employer, vacancy: Vacancy) -> None:
    page = employer.page
    employer.goto("/employers/")
    employer.check_page("employer dashboard with an applicant")
    page.get_by_role("link", name=vacancy.title).first.click()
    page.get_by_role("link", name=re.compile("applicant", re.IGNORECASE)).first.click()
    page.get_by_text("Nadia Haddad").first.wait_for()
    employer.check_page("applicants")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download CV")).first.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as cv:
        assert cv.read() == factories.PDF_BYTES

    page.get_by_role("button", name="Shortlist").first.click()
    page.get_by_text("Shortlisted").first.wait_for()
    employer.check_page("applicant shortlisted")
    application = Application.objects.get(vacancy=vacancy, candidate__email=CANDIDATE)
    assert application.stage == Application.Stage.SHORTLISTED


def candidate_sees_the_new_stage(candidate, site, vacancy: Vacancy) -> None:
    email_to(site.sink, CANDIDATE, "shortlisted")
    page = candidate.page
    candidate.goto("/me/applications/")
    entry = page.locator("article, tr, li").filter(has_text=vacancy.title).first
    entry.get_by_text("Shortlisted", exact=True).wait_for()
    candidate.check_page("my applications, shortlisted")
