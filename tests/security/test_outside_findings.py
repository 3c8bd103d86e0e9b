"""What a probe from outside found (#23 item 10), each pinned: a control character in a vacancy never breaks
the Atom feed, its JSON-LD, an email or a calendar file; an old interview link cannot undo a confirmed
interview; the candidate's calendar file names only the people of their interview."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.text import has_control, strip_control
from recruitment.calendar import interview_ics
from recruitment.emails.interviews import INTERVIEW_CONFIRMED
from recruitment.models import Notification
from recruitment.models.interviews import Interview
from recruitment.outbox.render import build_message
from recruitment.services.interviews import interview_pick, interview_propose, interview_reschedule
from recruitment.signed_links import interview_path
from tests import factories
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db

# Every C0 control but tab, newline and carriage return, DEL and two C1 controls.
CONTROLS = "".join(chr(c) for c in [*range(9), 11, 12, *range(14, 32), 127, 0x85, 0x9F])


def test_strip_control_keeps_text_and_layout():
    assert strip_control(f"Head{CONTROLS} of\tProduct\r\nLondon") == "Head of\tProduct\r\nLondon"
    assert not has_control(strip_control(CONTROLS))
    assert strip_control("") == ""


@pytest.fixture
def poisoned(db):
    """A live vacancy whose every employer-typed text holds control characters, as old rows or an import may."""
    company = factories.CompanyFactory(name="Ctrl\x03 Health")
    vacancy = factories.PublishedVacancyFactory(
        company=company,
        title="Head of Product\x03, Care",
        description="Lead the team.\x03\x1b\n\n- Ship\x0b",
        city="Os\x07lo",
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(description="Lead the team.\x03\x1b\n\n- Ship\x0b")
    vacancy.refresh_from_db()
    return vacancy


def test_the_atom_feed_never_fails_on_a_control_character(client, poisoned):
    response = client.get(reverse("vacancies:feed"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed; well-formed XML 1.0
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Head of Product, Care at Ctrl Health" in titles
    assert not has_control(response.content.decode())


def test_json_ld_and_the_page_carry_no_control_character(client, poisoned):
    page = client.get(poisoned.get_absolute_url()).content.decode()
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    data = json.loads(script)
    assert data["title"] == "Head of Product, Care"
    assert data["hiringOrganization"]["name"] == "Ctrl Health"
    assert not has_control(json.dumps(data, ensure_ascii=False))
    assert "Lead the team." in data["description"]


def test_the_vacancy_form_stores_no_control_character(client, employer):
    from tests.vacancies.vacancies.test_form import valid_data

    client.force_login(employer)
    data = valid_data(title="Head of\x03 Product", description="Own\x1b payments.")
    assert client.post(reverse("employers:vacancy_create"), data).status_code == 302
    vacancy = Vacancy.objects.get(company=employer.employer_profile.company)
    assert (vacancy.title, vacancy.description) == ("Head of Product", "Own payments.")


@pytest.fixture
def interview(candidate, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="VP\x03 Product 5521")
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy, stage=Application.Stage.SCREENING)
    slots = [timezone.now().replace(microsecond=0, second=0) + timedelta(days=d) for d in (3, 4)]
    interview, _ = interview_propose(
        application=application, by=employer, slots=slots, address="Floor\x07 3, Oslo", interviewers="Ada\x03 Lund"
    )
    return interview


def test_emails_and_calendar_files_carry_no_control_character(interview, candidate):
    interview_pick(interview=interview, slot_id=interview.slots.order_by("starts_at").first().pk, proposal=1)
    row = Notification.objects.get(kind=INTERVIEW_CONFIRMED, recipient=candidate)
    message = build_message(row)
    assert not has_control(message.subject)
    assert not has_control(message.body)
    assert not has_control(message.alternatives[0][0])
    ics = next(content for name, content, _ in message.attachments if name == "interview.ics")
    assert not has_control(ics.replace("\r\n", "\n"))
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    assert "VP Product 5521" in str(event["SUMMARY"])
    assert str(event["LOCATION"]) == "Floor 3, Oslo"


def test_the_candidates_calendar_file_names_only_the_people_of_the_interview(interview, candidate, employer):
    bystander = factories.EmployerProfileFactory(company=employer.employer_profile.company).user
    interview_pick(interview=interview, slot_id=interview.slots.order_by("starts_at").first().pk, proposal=1)
    row = Notification.objects.get(kind=INTERVIEW_CONFIRMED, recipient=candidate)
    ics = next(content for name, content, _ in build_message(row).attachments if name == "interview.ics")
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    attendees = event.get("ATTENDEE")
    attendees = {str(a).removeprefix("mailto:") for a in (attendees if isinstance(attendees, list) else [attendees])}
    assert attendees == {candidate.email, employer.email}
    assert bystander.email not in ics
    interview.refresh_from_db()
    assert interview_ics(interview, attendees=[]).count(b"ATTENDEE") == 0


def test_an_old_pick_link_cannot_undo_a_confirmed_interview(client, interview):
    url = interview_path(interview_id=interview.pk, proposal=1)
    slot = interview.slots.order_by("starts_at").first()
    assert client.post(url, {"action": "pick", "slot": slot.pk}).status_code == 302
    interview.refresh_from_db()
    interview_reschedule(interview=interview, by=interview.proposed_by, starts_at=slot.starts_at + timedelta(days=1))
    response = client.post(url, {"action": "other_times", "note": "Cannot make it"}, follow=True)
    assert "no longer on offer" in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CONFIRMED
    assert interview.candidate_note == ""


def test_the_signed_in_candidate_can_still_ask_for_other_times(client, interview, candidate):
    interview_pick(interview=interview, slot_id=interview.slots.order_by("starts_at").first().pk, proposal=1)
    client.force_login(candidate)
    client.post(reverse("my_interviews:detail", args=[interview.pk]), {"action": "other_times", "note": "Ill"})
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OTHER_TIMES
