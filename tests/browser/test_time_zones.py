"""Time zones through the browser, in real Chromium whose clock is in a given zone (Playwright's
`timezone_id`), against the live server, a Celery worker and the loopback SMTP server:

1. Sign-up asks for the zone, filled in from the browser by our script: a candidate whose computer is in
   Oslo signs up and verifies their email; their account is in Europe/Oslo. A browser that reports a legacy
   name ("Asia/Calcutta", as Chromium does) gets the canonical zone (Asia/Kolkata).
2. An interview proposed in Amsterdam and picked in Oslo: the employer sets her zone on the account page,
   types two times at 10:00 on either side of the next clock change (the form says in which zone) and sees
   them back with their zone; the candidate's email and pick page give them in Oslo's; both confirmations,
   the candidate's page and the employer's, give the chosen time in each one's own zone. The stored time is
   the one instant, in UTC.
Every page is screenshotted and checked for accessibility; the journey fails on any browser console error.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from accounts.models import User
from recruitment.models.interviews import Interview
from tests import factories
from tests.browser.hire_journey import log_in
from tests.browser.support import Visitor
from tests.browser.test_journeys import email_to, link_in, sign_up
from tests.support.services import body
from tests.support.time_zones import next_clock_change, shown
from vacancies.models import Application

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

UTC = dt.UTC
AMSTERDAM, OSLO = ZoneInfo("Europe/Amsterdam"), ZoneInfo("Europe/Oslo")
CANDIDATE = "sigrid.berg@example.org"
EMPLOYER = "ines.moreau@orbithealth.example"
TITLE = "Chief Product Officer, Patient Apps"


def test_a_browser_reporting_a_legacy_name_gets_the_canonical_zone(site):
    person = site.visitor("calcutta", timezone_id="Asia/Calcutta")
    assert person.page.evaluate("() => Intl.DateTimeFormat().resolvedOptions().timeZone") == "Asia/Calcutta"
    person.goto("/accounts/signup/")
    assert person.page.get_by_label("Your time zone").input_value() == "Asia/Kolkata"
    person.assert_no_browser_errors()


def test_proposed_in_amsterdam_picked_in_oslo_through_the_browser(site, recruiter):
    candidate = site.visitor("candidate", timezone_id="Europe/Oslo")
    employer_user = factories.EmployerProfileFactory(
        company__name="Orbit Health", user__email=EMPLOYER, user__first_name="Ines", user__last_name="Moreau"
    ).user
    employer = site.visitor("employer", timezone_id="Europe/Amsterdam")

    candidate_user = candidate_signs_up_in_oslo(candidate, site)
    vacancy = factories.PublishedVacancyFactory(company=employer_user.employer_profile.company, title=TITLE)
    application = factories.ApplicationFactory(
        candidate=candidate_user, vacancy=vacancy, stage=Application.Stage.SHORTLISTED
    )
    employer_sets_her_zone(employer, employer_user)
    stored = employer_proposes_either_side_of_the_clock_change(employer, application)
    chosen = candidate_picks_the_second_in_oslo(candidate, site, stored)
    each_confirmation_in_its_own_zone(employer, candidate, site, application, chosen)

    for person in (candidate, employer):
        person.assert_no_browser_errors()


def candidate_signs_up_in_oslo(person: Visitor, site) -> User:
    page = person.page
    person.goto("/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    assert zone.input_value() == "Europe/Oslo"  # the browser's, filled in by static/js/time-zone.js
    assert zone.locator("optgroup[label=Europe] option[value='Europe/Oslo']").count() == 1
    assert zone.locator("option[value='Africa/Asmera'], option[value='US/Eastern']").count() == 0
    sign_up(
        person,
        site,
        CANDIDATE,
        {"First name": "Sigrid", "Last name": "Berg"},
        button="Create my account",
        lands_on="**/me/**",
    )
    user = User.objects.get(email=CANDIDATE)
    assert user.time_zone == "Europe/Oslo"
    return user


def employer_sets_her_zone(person: Visitor, user: User) -> None:
    page = person.page
    log_in(person, user, f"{person.base_url}/accounts/settings/time-zone/")
    page.get_by_text("you have chosen none, so they are in the site's zone").wait_for()
    person.check_page("time zone, none chosen")
    page.get_by_label("Show times in").select_option("Europe/Amsterdam")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Time zone saved: times are now shown in Amsterdam (Europe/Amsterdam).").wait_for()
    person.check_page("time zone, Amsterdam")
    your_zone = page.get_by_label("Show times in").locator("optgroup[label='Your zone'] option")
    assert your_zone.get_attribute("value") == "Europe/Amsterdam"  # her own zone, first
    user.refresh_from_db()
    assert user.time_zone == "Europe/Amsterdam"


def employer_proposes_either_side_of_the_clock_change(person: Visitor, application) -> list[dt.datetime]:
    page = person.page
    change = next_clock_change(AMSTERDAM)
    days = [change - dt.timedelta(days=1), change + dt.timedelta(days=1)]
    typed = [dt.datetime.combine(day, dt.time(10), tzinfo=AMSTERDAM) for day in days]
    assert typed[0].tzname() != typed[1].tzname()  # CET and CEST

    person.goto(f"/employers/interviews/new/{application.pk}/")
    page.get_by_text("Times in your zone: Amsterdam (Europe/Amsterdam).").wait_for()
    person.check_page("propose interview times, in Amsterdam")
    page.get_by_label("First time").fill(f"{days[0]:%Y-%m-%d}T10:00")
    page.get_by_label("Second time").fill(f"{days[1]:%Y-%m-%d}T10:00")
    page.get_by_label("Round").select_option(label="First interview")
    page.get_by_label("Video link").fill("https://meet.example.com/orbit-cpo")
    page.get_by_role("button", name="Send the times").click()
    page.get_by_text("Times proposed: the candidate is asked to pick one.").wait_for()
    waiting = page.locator("section").filter(has=page.get_by_role("heading", name="When and where"))
    for moment in typed:  # shown back as typed, 10:00, with the zone of each day
        waiting.get_by_text(shown(moment, AMSTERDAM, "Amsterdam", short=True)).wait_for()
    person.check_page("interview proposed, times in Amsterdam")

    interview = Interview.objects.get(application=application)
    stored = sorted(slot.starts_at for slot in interview.slots.all())
    assert stored == [moment.astimezone(UTC) for moment in typed]
    assert {moment.hour for moment in stored} == {8, 9}  # the same 10:00, an hour apart in UTC
    return stored


def candidate_picks_the_second_in_oslo(person: Visitor, site, stored: list[dt.datetime]) -> dt.datetime:
    message = email_to(site.sink, CANDIDATE, "Pick a time")
    text = body(message)
    for moment in stored:
        assert shown(moment, OSLO, "Oslo") in text
    assert "Amsterdam" not in text
    page = person.page
    person.goto(link_in(message, "/interviews/"))
    page.get_by_text("times in Oslo (Europe/Oslo)").wait_for()
    person.check_page("pick a time, in Oslo")
    page.get_by_label(shown(stored[1], OSLO, "Oslo")).check()
    page.get_by_role("button", name="Confirm this time").click()
    page.get_by_text("Confirmed: the calendar invitation is on its way.").wait_for()
    page.get_by_text(shown(stored[1], OSLO, "Oslo")).wait_for()
    person.check_page("interview confirmed, in Oslo")
    return stored[1]


def each_confirmation_in_its_own_zone(employer: Visitor, candidate: Visitor, site, application, chosen) -> None:
    interview = Interview.objects.get(application=application)
    assert interview.starts_at == chosen
    for address, zone, city in ((CANDIDATE, OSLO, "Oslo"), (EMPLOYER, AMSTERDAM, "Amsterdam")):
        message = email_to(site.sink, address, "Confirmed:")
        assert str(message["Subject"]).endswith(shown(chosen, zone, city)), message["Subject"]
        assert f"{shown(chosen, zone, city)} · " in body(message)

    page = employer.page
    employer.goto(f"/employers/interviews/{interview.pk}/")
    page.get_by_text(shown(chosen, AMSTERDAM, "Amsterdam"), exact=True).wait_for()
    page.get_by_text("Times in Amsterdam (Europe/Amsterdam)").wait_for()
    employer.check_page("interview confirmed, employer in Amsterdam")
    employer.goto("/employers/interviews/")
    page.get_by_text(shown(chosen, AMSTERDAM, "Amsterdam", short=True)).wait_for()

    page = candidate.page
    candidate.goto("/me/")
    section = page.locator("section#interviews")
    section.get_by_text(re.compile(re.escape(shown(chosen, OSLO, "Oslo", short=True)))).wait_for()
    candidate.check_page("dashboard, interview in Oslo")
