"""The agency's own journeys, in real Chromium, against the live server, a Celery worker, Redis and the
loopback SMTP server: every email is read from the SMTP server and every link in it is followed.

1. An introduction (issue #12): the recruiter opens a vacancy's ranked candidates and introduces one,
   anonymised -> the candidate accepts from the email link -> the employer, who sees no name, is interested
   (which asks the candidate to reveal) -> the candidate accepts again -> the employer sees the name and the
   application, opened at Screening by that yes -> both see the application at Screening.
2. An interview (issue #13): the employer proposes three times from the applicants page -> the candidate
   picks one from the email -> candidate, employer and recruiter each get an .ics invitation (parsed back
   with `icalendar`) -> the employer reschedules it (same UID, SEQUENCE 1, the new time) -> after it, the
   employer advances the candidate -> the recruiter moves the application to Offer in one click, then Hired (the
   role closes as filled: off the board, no alert for a newcomer) -> records the
   placement's start date and salary (the fee is computed) and its invoice -> the revenue report (and its CSV)
   shows the fee -> the employer sees the placement; the candidate sees "Offer accepted", never a fee.
   Those last steps are in tests/browser/hire_journey.py.

The starting state (people, a vacancy, a stored match, an application) comes from the factories; every step
after that is done in the browser. Every page of ours is screenshotted (test-artifacts/browser/) and checked
for accessibility (the workspace's admin pages are screenshotted only), and the journeys fail on any browser
console error.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from accounts.models import User
from recruitment.models.interviews import Interview
from recruitment.models.introductions import Introduction
from tests import factories
from tests.browser.hire_journey import (
    CANDIDATE,
    EMPLOYER,
    VACANCY_TITLE,
    InterviewJourney,
    employer_advances_after_the_interview,
    log_in,
    recruiter_records_salary_and_invoice,
    recruiter_records_the_hire,
    the_candidate_sees_the_offer_accepted,
    the_employer_sees_the_placement,
    the_filled_role_leaves_the_board_and_alerts_nobody,
    the_revenue_report_shows_it,
)
from tests.browser.support import Visitor
from tests.browser.test_journeys import email_to, link_in
from tests.support.services import body
from vacancies.models import Application, Vacancy

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LINKEDIN = "https://www.linkedin.com/in/nadia-haddad-product"
UTC = ZoneInfo("UTC")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LONDON = ZoneInfo("Europe/London")  # settings.TIME_ZONE: the zone of someone who has not chosen one
BREAKDOWN = [
    {"criterion": "experience", "label": "Experience", "status": "met", "points": 20, "max_points": 20,
     "reason": "11 years of product experience; this role asks for 8+"},
    {"criterion": "skills", "label": "Required skills", "status": "met", "points": 25, "max_points": 25,
     "reason": "2 of 2 required skills"},
    {"criterion": "location", "label": "Location", "status": "partial", "points": 8, "max_points": 15,
     "reason": "Berlin; the role is hybrid in Amsterdam"},
]  # fmt: skip


def employer_of(company_name: str) -> User:
    employer = factories.EmployerProfileFactory(
        company__name=company_name,
        user__email=EMPLOYER,
        user__first_name="Ines",
        user__last_name="Moreau",
    ).user
    employer.time_zone = "Europe/Amsterdam"
    employer.save(update_fields=["time_zone"])
    return employer


def product_leader() -> User:
    """A verified candidate, open to opportunities and consenting to be contacted, with a CV."""
    user = factories.UserFactory(email=CANDIDATE, first_name="Nadia", last_name="Haddad")
    profile = factories.CompleteCandidateProfileFactory(
        user=user, current_title="Head of Product", years_experience=11, seniority="head", linkedin_url=LINKEDIN
    )
    profile.skills.set(factories.skills("product-strategy", "people-management"))
    return user


# --- 1. An introduction --------------------------------------------------------------------------


def test_an_anonymised_introduction_through_the_browser(site, recruiter):
    employer = employer_of("Orbit Health")
    vacancy = factories.PublishedVacancyFactory(
        company=employer.employer_profile.company,
        title=VACANCY_TITLE,
        city="Amsterdam",
        country="NL",
        required_skills=factories.skills("product-strategy", "people-management"),
    )
    candidate_user = product_leader()
    factories.MatchFactory(candidate=candidate_user.candidate_profile, vacancy=vacancy, score=88, breakdown=BREAKDOWN)
    other = factories.MatchFactory(
        vacancy=vacancy, score=61, candidate__user=factories.UserFactory(first_name="Otto", last_name="Lind")
    )

    agency = site.visitor("recruiter")
    candidate = site.visitor("candidate")  # from the email links, not logged in until the end
    client = site.visitor("employer")

    introduction = recruiter_introduces_one_anonymised(agency, recruiter, vacancy)
    assert not Introduction.objects.filter(candidate=other.candidate).exists()  # only the one ticked
    candidate_accepts_from_the_email(candidate, site, round_subject="May we introduce you to Orbit Health")
    employer_sees_no_name_and_asks_to_reveal(client, site, employer, introduction)
    candidate_accepts_from_the_email(candidate, site, round_subject="Orbit Health would like to know who you are")
    application = employer_sees_the_name_and_is_interested(client, site, introduction)
    candidate_sees_the_application_at_screening(candidate, site, candidate_user, application)

    for person in (agency, candidate, client):
        person.assert_no_browser_errors()


def recruiter_introduces_one_anonymised(agency: Visitor, recruiter: User, vacancy: Vacancy) -> Introduction:
    page = agency.page
    log_in(agency, recruiter, f"{agency.base_url}/admin/vacancies/vacancy/{vacancy.pk}/candidates/")
    page.get_by_role("heading", name=re.compile("2 candidates")).wait_for()
    rows = page.locator("table.agency-matches tbody tr")
    assert "Nadia Haddad" in rows.nth(0).inner_text()  # ranked first: 88 before 61
    agency.shot("ranked candidates")

    page.get_by_label("Select Nadia Haddad").check()
    page.get_by_role("button", name="Introduce to the client…").click()
    page.get_by_role("heading", name="Introduce to the client: 1 candidate").wait_for()
    page.get_by_label("Pitch").fill(
        "Took a clinical platform from 20 to 300 hospitals; leads four product teams through regulation."
    )
    page.get_by_label("Anonymised (no name").check()
    assert page.get_by_label("Ask the candidate now", exact=False).is_checked()
    agency.shot("introduce, anonymised, with a pitch")
    page.get_by_role("button", name="Introduce 1 candidate").click()

    page.locator(".messagelist").get_by_text("1 candidate introduced").wait_for()
    page.locator("table.agency-matches").get_by_text("Introduced").first.wait_for()
    agency.shot("ranked candidates, one introduced")
    introduction = Introduction.objects.get(vacancy=vacancy)
    assert introduction.status == Introduction.Status.AWAITING_CANDIDATE
    assert introduction.presentation == Introduction.Presentation.ANONYMISED
    return introduction


def candidate_accepts_from_the_email(candidate: Visitor, site, *, round_subject: str) -> None:
    message = email_to(site.sink, CANDIDATE, round_subject)
    assert "Why you fit" in body(message)
    page = candidate.page
    candidate.goto(link_in(message, "/introductions/"))
    page.get_by_role("heading", level=1).wait_for()
    candidate.check_page(f"consent: {round_subject}")
    page.get_by_label("Yes, go ahead").check()
    page.get_by_role("button", name="Send my answer").click()
    page.get_by_text("Thank you:").wait_for()
    candidate.check_page("consent given")
    assert page.get_by_role("button", name="Send my answer").count() == 0  # the question is closed


def assert_anonymous(text: str, where: str) -> None:
    for secret in ("Nadia", "Haddad", CANDIDATE, "nadia-haddad", "Download the CV"):
        assert secret.lower() not in text.lower(), f"{where} gives the anonymised candidate away: {secret!r}"


def employer_sees_no_name_and_asks_to_reveal(client: Visitor, site, employer: User, introduction: Introduction):
    reference = introduction.reference
    message = email_to(site.sink, EMPLOYER, f"introduces candidate {reference}")
    assert_anonymous(str(message["Subject"]) + body(message) + body(message, "html"), "the client's email")

    page = client.page
    log_in(client, employer, f"{client.base_url}/employers/")
    client.check_page("dashboard, an introduction waiting")
    page.get_by_role("link", name="See introductions").click()
    page.get_by_text(f"Candidate {reference}").wait_for()
    client.check_page("introductions, anonymised")
    assert_anonymous(page.content(), "the introductions list")

    page.get_by_role("link", name=re.compile(f"Candidate {reference}")).click()
    page.get_by_role("heading", level=1, name=re.compile(f"Candidate {reference}")).wait_for()
    client.check_page("introduction, anonymised")
    assert_anonymous(page.content(), "the anonymised introduction")
    assert page.get_by_label("Interested: start the application").count() == 0  # not before the candidate is revealed
    assert link_in(message, "/employers/introductions/") == page.url

    page.get_by_text("What you know:").wait_for()
    # Interested in one step: the candidate is asked to reveal, and their yes opens the application.
    page.get_by_label("Interested: ask them to reveal").check()
    page.get_by_role("button", name="Send my answer").click()
    page.get_by_text("You are interested. We asked the candidate to reveal who they are").wait_for()
    client.check_page("interested, reveal asked")
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.REVEAL_REQUESTED
    assert introduction.consent_round == 2
    assert introduction.interested_on_reveal


def employer_sees_the_name_and_is_interested(client: Visitor, site, introduction: Introduction) -> Application:
    message = email_to(site.sink, EMPLOYER, "Nadia Haddad agreed to reveal")
    page = client.page
    client.goto(link_in(message, "/employers/introductions/"))
    page.get_by_role("heading", level=1, name="Nadia Haddad").wait_for()
    # The agency's fee protected: contact goes through the agency unless the client's terms share it.
    page.get_by_text("your recruiter arranges every conversation").wait_for()
    assert CANDIDATE not in page.content()
    page.get_by_role("link", name="Download the CV").wait_for()
    page.get_by_text("Who the candidate is: revealed on").wait_for()
    # No second answer: their yes to the reveal opened the application.
    page.get_by_text("the application is at Screening").wait_for()
    client.check_page("introduction, revealed, application open")
    page.get_by_role("link", name="See the applicants").click()
    card = page.locator("article").filter(has_text="Nadia Haddad")
    card.get_by_text("Screening").first.wait_for()
    client.check_page("applicants, introduced at Screening")

    application = Application.objects.get(vacancy=introduction.vacancy, candidate__email=CANDIDATE)
    assert application.stage == Application.Stage.SCREENING
    assert application.source == Application.Source.INTRODUCED
    assert application.cv  # a copy of the profile's CV, as a direct application has
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.CLIENT_INTERESTED
    return application


def candidate_sees_the_application_at_screening(candidate: Visitor, site, user: User, application: Application):
    message = email_to(site.sink, CANDIDATE, "Orbit Health would like to talk to you about")
    page = candidate.page
    log_in(candidate, user, link_in(message, f"/me/applications/{application.pk}/"))
    page.get_by_text("Screening").first.wait_for()
    candidate.check_page("my application, at Screening")
    candidate.goto("/me/applications/")
    entry = page.locator("article, tr, li").filter(has_text=VACANCY_TITLE).first
    entry.get_by_text("Screening", exact=True).wait_for()
    candidate.check_page("my applications, at Screening")


# --- 2. An interview -----------------------------------------------------------------------------


def local_slot(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time `days` from today at hour:minute, Amsterdam time (the employer's zone)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def calendar_of(message) -> icalendar.Calendar:
    (attachment,) = [part for part in message.iter_attachments() if part.get_filename() == "interview.ics"]
    assert attachment.get_content_type() == "text/calendar"
    return icalendar.Calendar.from_ical(attachment.get_payload(decode=True))


def the_event(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def test_an_interview_is_booked_and_rescheduled_through_the_browser(site, recruiter):
    employer = employer_of("Orbit Health")
    vacancy = factories.PublishedVacancyFactory(
        company=employer.employer_profile.company, title=VACANCY_TITLE, city="Amsterdam", country="NL"
    )
    candidate_user = product_leader()
    application = factories.ApplicationFactory(
        candidate=candidate_user, vacancy=vacancy, stage=Application.Stage.SHORTLISTED
    )
    journey = InterviewJourney(
        employer=site.visitor("employer"),
        candidate=site.visitor("candidate"),
        agency=site.visitor("recruiter"),
        recruiter=recruiter,
        application=application,
        interview=None,
    )
    slots = [local_slot(7, 10), local_slot(8, 14, 30), local_slot(9, 9)]

    employer_proposes_three_times(journey, employer, slots)
    candidate_picks_the_second_from_the_email(journey, site, slots)
    everyone_gets_the_invitation(journey, site, starts=slots[1], sequence=0, subject="Confirmed:")
    candidate_sees_the_interview_on_the_dashboard(journey, candidate_user, slots[1])
    new_time = local_slot(10, 11)
    employer_reschedules(journey, site, new_time)
    everyone_gets_the_invitation(journey, site, starts=new_time, sequence=1, subject="Rescheduled:")
    # Then (tests/browser/hire_journey.py): the interview takes place -> hired -> the recruiter records the
    # placement -> the revenue report shows it -> the client and the candidate each see their side.
    employer_advances_after_the_interview(journey)
    placement = recruiter_records_the_hire(journey)
    the_filled_role_leaves_the_board_and_alerts_nobody(journey, site)
    starts = timezone.localdate() + dt.timedelta(days=30)
    recruiter_records_salary_and_invoice(journey, placement, starts)
    the_revenue_report_shows_it(journey)
    the_employer_sees_the_placement(journey, starts)
    the_candidate_sees_the_offer_accepted(journey, site, starts)

    for person in (journey.employer, journey.candidate, journey.agency):
        person.assert_no_browser_errors()


def employer_proposes_three_times(journey: InterviewJourney, employer: User, slots: list[dt.datetime]) -> None:
    person = journey.employer
    page = person.page
    vacancy = journey.application.vacancy
    log_in(person, employer, f"{person.base_url}/employers/")
    page.get_by_role("link", name=VACANCY_TITLE).first.click()
    page.get_by_role("link", name=re.compile("applicant", re.IGNORECASE)).first.click()
    card = page.locator("article").filter(has_text="Nadia Haddad")
    card.get_by_text("Shortlisted").first.wait_for()
    person.check_page("applicants, one shortlisted")
    card.get_by_role("link", name=re.compile("^Propose interview times")).click()
    page.wait_for_url(f"**/employers/interviews/new/{journey.application.pk}/")
    person.check_page("propose interview times")

    page.get_by_text("Times in your zone: Amsterdam (Europe/Amsterdam).").wait_for()  # her account's zone
    for field, slot in zip(("First time", "Second time", "Third time"), slots, strict=True):
        page.get_by_label(field).fill(slot.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Round").select_option(label="First interview")
    page.get_by_label("Duration (minutes)").fill("45")
    page.get_by_label("Video link").fill("https://meet.example.com/orbit-hop")
    page.get_by_label("Interviewers' names").fill("Ines Moreau, Tom Berg")
    person.shot("three times, filled")
    page.get_by_role("button", name="Send the times").click()

    page.get_by_text("Times proposed: the candidate is asked to pick one.").wait_for()
    person.check_page("interview, waiting for the candidate")
    journey.interview = Interview.objects.get(application=journey.application)
    assert journey.interview.status == Interview.Status.PROPOSED
    assert sorted(s.starts_at for s in journey.interview.slots.filter(current=True)) == slots
    assert vacancy.title in page.content()


def candidate_picks_the_second_from_the_email(journey: InterviewJourney, site, slots: list[dt.datetime]) -> None:
    message = email_to(site.sink, CANDIDATE, "Pick a time")
    text = body(message)
    for slot in slots:  # the times in the candidate's zone (they chose none: the site's, named)
        local = slot.astimezone(LONDON)
        assert f"{local:%A %-d %B %Y, %H:%M} {local.tzname()} (London)" in text
    person = journey.candidate
    page = person.page
    person.goto(link_in(message, "/interviews/"))  # no login: the signed link is enough
    person.check_page("pick a time, from the email")
    local = slots[1].astimezone(LONDON)
    second = f"{local:%A %-d %B %Y, %H:%M} {local.tzname()} (London)"
    page.get_by_label(second).check()
    page.get_by_role("button", name="Confirm this time").click()
    page.get_by_text("Confirmed: the calendar invitation is on its way.").wait_for()
    person.check_page("interview confirmed")
    journey.interview.refresh_from_db()
    assert journey.interview.status == Interview.Status.CONFIRMED
    assert journey.interview.starts_at == slots[1]
    journey.application.refresh_from_db()
    assert journey.application.stage == Application.Stage.INTERVIEW


def everyone_gets_the_invitation(
    journey: InterviewJourney, site, *, starts: dt.datetime, sequence: int, subject: str
) -> None:
    """The candidate, the employer and the recruiter each get an email with the same event: METHOD:REQUEST,
    the interview's UID, this SEQUENCE, the time in UTC and 45 minutes long."""
    uids = set()
    for address in (CANDIDATE, EMPLOYER, journey.recruiter.email):
        message = email_to(site.sink, address, subject)
        calendar = calendar_of(message)
        assert str(calendar["METHOD"]) == "REQUEST"
        event = the_event(calendar)
        start = event.decoded("DTSTART")
        assert start == starts, f"{address}: the event starts at {start}, not {starts}"
        assert start.utcoffset() == dt.timedelta(0), f"{address}: {start} is not in UTC"
        assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
        assert int(event["SEQUENCE"]) == sequence
        assert str(event["STATUS"]) == "CONFIRMED"
        assert VACANCY_TITLE in str(event["SUMMARY"])
        attendees = {str(a).lower() for a in event.get("ATTENDEE", [])}
        assert f"mailto:{CANDIDATE}" in attendees
        assert f"mailto:{EMPLOYER}" in attendees
        uids.add(str(event["UID"]))
    journey.interview.refresh_from_db()
    assert uids == {journey.interview.uid}  # one event, the same in every calendar and every version
    assert journey.interview.sequence == sequence


def candidate_sees_the_interview_on_the_dashboard(journey: InterviewJourney, user: User, starts: dt.datetime):
    person = journey.candidate
    page = person.page
    log_in(person, user, f"{person.base_url}/me/")
    section = page.locator("section#interviews")
    section.get_by_role("heading", name="Your interviews").wait_for()
    section.get_by_text(f"First interview: {VACANCY_TITLE}").wait_for()
    person.check_page("dashboard with the interview")
    with page.expect_download() as download:
        section.get_by_role("link", name="Calendar (.ics)").click()
    with open(download.value.path(), "rb") as ics:
        event = the_event(icalendar.Calendar.from_ical(ics.read()))
    assert event.decoded("DTSTART") == starts
    assert str(event["UID"]) == journey.interview.uid


def employer_reschedules(journey: InterviewJourney, site, new_time: dt.datetime) -> None:
    message = email_to(site.sink, EMPLOYER, "Confirmed:")
    assert new_time.strftime("%H:%M") not in str(message["Subject"])
    person = journey.employer
    page = person.page
    person.goto(link_in(message, f"/employers/interviews/{journey.interview.pk}/"))
    page.get_by_role("heading", level=1, name=re.compile("First interview with Nadia Haddad")).wait_for()
    person.check_page("interview confirmed, employer's view")
    form = page.locator("section").filter(has=page.get_by_role("heading", name="Reschedule"))
    form.get_by_label("New time").fill(new_time.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_text("Times in your zone: Amsterdam (Europe/Amsterdam).").wait_for()
    page.get_by_role("button", name="Move the interview").click()
    page.get_by_text("Rescheduled: everyone gets the updated invitation.").wait_for()
    page.get_by_text(
        f"{new_time:%A %-d %B %Y, %H:%M} {new_time.tzname()} (Amsterdam)", exact=True
    ).wait_for()  # her zone
    person.check_page("interview rescheduled")
