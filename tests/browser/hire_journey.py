"""The interview journey's shared pieces, and its end (issue #13): after the interview -> hired -> the
recruiter records the placement -> the revenue report shows it -> the client and the candidate each see
their side. Used by `tests/browser/test_agency_journeys.py`.

How the hire happens, as the product runs it: the employer gives feedback "advance" on the interview's page
(employers only shortlist or decline); the recruiter reads it on the workspace's application page and moves
the application to Offer in one click, then records the hire with the "Stage" form (Hired). The hire fills the
vacancy's one opening, so it closes as filled: off the board, alerting nobody. It opens the placement; the recruiter
records the start date and the agreed base salary on its page (the fee is computed: the default 20% of the
first-year base), then the invoice."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from recruitment.emails.alerts import MATCH_ALERT
from recruitment.matching.alerting import candidate_match_and_alert
from recruitment.models import Match, Notification
from recruitment.models.interviews import Interview
from recruitment.models.placements import Placement
from tests import factories
from tests.browser.support import Visitor
from tests.browser.test_journeys import email_to
from tests.support.alerts import hop_candidate
from tests.support.services import body
from vacancies.models import Application

CANDIDATE = "nadia.haddad@example.org"
EMPLOYER = "ines.moreau@orbithealth.example"
VACANCY_TITLE = "Head of Product, Clinical Platform"
CLIENT = "Orbit Health"
BASE_SALARY = "125000"
FEE_SHOWN = "25,000.00"  # 20% of EUR 125,000 (the default terms: Orbit Health has none of its own)
FEE_RAW = "25000.00"
INVOICE_NUMBER = "NS-2026-0042"


def log_in(person: Visitor, user: User, url: str) -> None:
    """Open `url` (a page behind the login, often an email's link), log in on the way, land on it."""
    page = person.page
    person.goto(url)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url)


@dataclass
class InterviewJourney:
    """Where the interview journey has got to, for the steps that follow it (hired, placement, revenue)."""

    employer: Visitor
    candidate: Visitor
    agency: Visitor
    recruiter: User
    application: Application
    interview: Interview | None


def employer_advances_after_the_interview(journey: InterviewJourney) -> None:
    """The interview has taken place (moved into the past here: nobody waits a week in a test); the employer
    says how it went, from the interview's page."""
    interview = journey.interview
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2))
    person = journey.employer
    page = person.page
    person.goto(f"/employers/interviews/{interview.pk}/")
    form = page.locator("section").filter(has=page.get_by_role("heading", name="How did it go?"))
    form.get_by_label("Advance").check()
    form.get_by_label("Feedback for the agency").fill("Strong on regulated platforms; we would like to make an offer.")
    form.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Thank you: your feedback is with the agency.").wait_for()
    page.get_by_text("Outcome:").wait_for()
    person.check_page("interview feedback, advance")
    interview.refresh_from_db()
    assert (interview.status, interview.outcome) == (Interview.Status.DONE, Interview.Outcome.ADVANCE)
    journey.application.refresh_from_db()
    assert journey.application.stage == Application.Stage.INTERVIEW  # the next move is the recruiter's


def recruiter_records_the_hire(journey: InterviewJourney) -> Placement:
    """Offer, then Hired, from the workspace's application page; the hire opens the placement."""
    person = journey.agency
    page = person.page
    application = journey.application
    log_in(person, journey.recruiter, f"{person.base_url}/admin/vacancies/application/{application.pk}/change/")
    # The client's feedback is on the page, with the move it asks for one click away.
    page.get_by_text("Strong on regulated platforms").first.wait_for()
    person.shot("workspace application, the client's feedback")
    page.get_by_role("button", name="Move to offer").click()
    page.locator(".messagelist").get_by_text("Moved to offer; the candidate is told.").wait_for()
    page.get_by_role("heading", name="Stage: Offer").wait_for()
    person.shot("workspace application, offer")
    page.get_by_label("Move to").select_option(label="Hired")
    page.get_by_label("Note (kept in the stage history)").fill("Offer accepted.")
    page.get_by_role("button", name="Move", exact=True).click()
    page.locator(".messagelist").get_by_text("Moved to hired; the candidate is told.").wait_for()
    page.locator(".messagelist").get_by_text("is closed as filled").wait_for()
    page.get_by_role("heading", name="Stage: Hired").wait_for()
    person.shot("workspace application, hired")
    application.refresh_from_db()
    assert application.stage == Application.Stage.HIRED
    application.vacancy.refresh_from_db()
    assert (application.vacancy.status, application.vacancy.close_reason) == ("closed", "filled")
    placement = Placement.objects.get(application=application)
    assert placement.recruiter == journey.recruiter  # credited to who recorded the hire
    assert placement.fee_amount is None  # a percentage fee waits for the salary
    page.get_by_role("link", name="The placement: fee, invoice and guarantee").click()
    page.get_by_text("computed once the base salary is recorded").wait_for()
    person.shot("placement, just opened")
    return placement


def the_filled_role_leaves_the_board_and_alerts_nobody(journey: InterviewJourney, site) -> None:
    """After the hire: the board no longer lists the role, its page says it is closed, and a new candidate
    who would have matched it is not alerted (matching runs on the real worker as after any profile save)."""
    vacancy = journey.application.vacancy
    person = journey.candidate
    page = person.page
    person.goto("/vacancies/")
    page.get_by_role("heading", level=1).first.wait_for()
    assert vacancy.title not in page.content()
    person.goto(vacancy.get_absolute_url())
    page.get_by_text("This vacancy is closed.").wait_for()
    person.shot("the filled role, closed")
    newcomer = hop_candidate(current_title="Head of Product")
    candidate_match_and_alert(profile=newcomer)
    assert not Match.objects.filter(vacancy=vacancy, candidate=newcomer).exists()
    assert not Notification.objects.filter(kind=MATCH_ALERT, vacancy=vacancy).exists()


def recruiter_records_salary_and_invoice(journey: InterviewJourney, placement: Placement, starts: dt.date) -> None:
    person = journey.agency
    page = person.page
    details = page.locator("form").filter(has=page.get_by_role("button", name="Save and compute the fee"))
    details.get_by_label("Start date").fill(starts.isoformat())
    details.get_by_label("Agreed base salary (first year)").fill(BASE_SALARY)
    details.get_by_label("Currency").select_option("EUR")
    details.get_by_role("button", name="Save and compute the fee").click()
    page.locator(".messagelist").get_by_text("Saved: the fee and guarantee follow.").wait_for()
    fee_row = page.locator("#placement-workspace tr").filter(has=page.get_by_role("rowheader", name="Fee", exact=True))
    assert fee_row.inner_text().split("\t")[-1].strip() == f"EUR {FEE_SHOWN}"
    person.shot("placement, fee computed")

    today = timezone.localdate()
    invoice = page.locator("form").filter(has=page.get_by_role("button", name="Record the invoice"))
    invoice.get_by_label("Invoice number").fill(INVOICE_NUMBER)
    invoice.get_by_label("Invoice date").fill(today.isoformat())
    invoice.get_by_role("button", name="Record the invoice").click()
    page.locator(".messagelist").get_by_text("Invoiced.").wait_for()
    page.get_by_text(f"{INVOICE_NUMBER} of").wait_for()
    person.shot("placement, invoiced")
    placement.refresh_from_db()
    assert placement.start_date == starts
    assert (placement.base_salary, placement.currency) == (125000, "EUR")
    assert (str(placement.fee_amount), placement.fee_currency) == (FEE_RAW, "EUR")
    assert placement.guarantee_ends_on == starts + dt.timedelta(days=placement.guarantee_days)
    assert (placement.invoice_status, placement.invoice_number) == (Placement.InvoiceStatus.INVOICED, INVOICE_NUMBER)
    assert placement.invoiced_on == today


def the_revenue_report_shows_it(journey: InterviewJourney) -> None:
    """The report for a period including today: the client's row has the fee placed, invoiced and outstanding;
    its CSV says the same."""
    person = journey.agency
    page = person.page
    today = timezone.localdate()
    person.goto("/admin/reports/")
    page.get_by_label("Hired from").fill((today - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Hired to").fill(today.isoformat())
    page.get_by_role("button", name="Show reports").click()
    section = page.locator("section").filter(has=page.get_by_role("heading", name="Revenue by client"))
    row = section.locator("#report-client tbody tr").filter(has_text=CLIENT)
    row.wait_for()
    person.shot("revenue report")
    cells = [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
    # Client, placements, placed, invoiced, paid, outstanding, overdue, refunded
    assert cells == [CLIENT, "1", FEE_SHOWN, FEE_SHOWN, "0.00", FEE_SHOWN, "0.00", "0.00"]

    with page.expect_download() as download:
        section.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename.startswith("revenue-by-client-")
    with open(download.value.path(), encoding="utf-8") as export:
        rows = list(csv.reader(io.StringIO(export.read())))
    header, *body = rows
    (line,) = [r for r in body if r[0] == CLIENT]
    by_column = dict(zip(header, line, strict=True))
    assert by_column["Placements"] == "1"
    for column in ("Placed (EUR)", "Invoiced (EUR)"):
        assert by_column[column] == FEE_RAW, f"{column}: {by_column[column]}"


def the_employer_sees_the_placement(journey: InterviewJourney, starts: dt.date) -> None:
    person = journey.employer
    page = person.page
    person.goto("/employers/")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Placements", exact=True).click()
    page.get_by_role("heading", level=1, name="Placements and fees").wait_for()
    item = page.locator(".list-group-item").filter(has_text="Nadia Haddad")
    item.get_by_text(f"starts {starts:%-d %b %Y}").wait_for()
    person.check_page("placements and fees")
    text = item.inner_text()
    assert f"Fee EUR {FEE_SHOWN}" in text
    assert f"invoice {INVOICE_NUMBER}" in text
    assert "Invoiced" in text


def the_candidate_sees_the_offer_accepted(journey: InterviewJourney, site, starts: dt.date) -> None:
    """The stage emails (Offer, Hired) and "Offer accepted, starting on <date>" on the application; never a
    fee, on any of the candidate's pages."""
    for stage in ("Offer", "Hired"):
        message = email_to(site.sink, CANDIDATE, f"Your application for {VACANCY_TITLE}: {stage}")
        assert FEE_RAW not in body(message)
        assert FEE_SHOWN not in body(message)
    person = journey.candidate
    page = person.page
    application = journey.application
    person.goto(f"/me/applications/{application.pk}/")  # still logged in since the dashboard's interviews
    page.get_by_text(f"Offer accepted, starting on {starts:%-d %B %Y}").wait_for()
    person.check_page("my application, offer accepted")
    seen = page.content()
    for path in ("/me/applications/", "/me/"):
        person.goto(path)
        page.get_by_role("heading", level=1).wait_for()
        person.check_page(f"candidate {path}")
        seen += page.content()
    for figure in (FEE_RAW, FEE_SHOWN, "25000", "25,000", INVOICE_NUMBER):
        assert figure not in seen, f"the candidate's pages show {figure!r}"
    assert not re.search(r"\bfees?\b", seen, re.IGNORECASE), "the candidate's pages speak of a fee"
