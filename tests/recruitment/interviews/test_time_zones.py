"""Interview times in each person's zone: the client types times in theirs (the form says which), the
candidate reads and picks them in theirs, everyone's confirmation gives the time in their own zone, named,
and the stored time and the .ics are the one instant in UTC. Around a clock change, on both sides of it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from recruitment.emails.interviews import INTERVIEW_CONFIRMED, INTERVIEW_SLOTS
from recruitment.forms.interviews import ProposeForm, RescheduleForm, SlotsForm
from recruitment.models import Notification
from recruitment.models.interviews import Interview
from recruitment.outbox.render import build_message
from recruitment.signed_links import interview_path
from tests import factories
from tests.support.time_zones import next_clock_change, shown
from vacancies.models import Application

pytestmark = pytest.mark.django_db

UTC = dt.UTC
AMSTERDAM, OSLO, LONDON = ZoneInfo("Europe/Amsterdam"), ZoneInfo("Europe/Oslo"), ZoneInfo("Europe/London")

# A wall-clock time typed in each zone on each side of its clock change -> the instant stored (UTC).
TYPED = [
    ("Europe/Amsterdam", "2027-03-27T10:00", dt.datetime(2027, 3, 27, 9, tzinfo=UTC)),  # CET, +1
    ("Europe/Amsterdam", "2027-03-29T10:00", dt.datetime(2027, 3, 29, 8, tzinfo=UTC)),  # CEST, +2
    ("Europe/Oslo", "2027-10-30T10:00", dt.datetime(2027, 10, 30, 8, tzinfo=UTC)),  # CEST
    ("Europe/Oslo", "2027-11-01T10:00", dt.datetime(2027, 11, 1, 9, tzinfo=UTC)),  # CET
    ("America/New_York", "2027-03-13T10:00", dt.datetime(2027, 3, 13, 15, tzinfo=UTC)),  # EST, -5
    ("America/New_York", "2027-03-15T10:00", dt.datetime(2027, 3, 15, 14, tzinfo=UTC)),  # EDT, -4
    ("America/New_York", "2027-11-06T10:00", dt.datetime(2027, 11, 6, 14, tzinfo=UTC)),  # EDT
    ("America/New_York", "2027-11-08T10:00", dt.datetime(2027, 11, 8, 15, tzinfo=UTC)),  # EST
    ("Australia/Sydney", "2027-04-03T10:00", dt.datetime(2027, 4, 2, 23, tzinfo=UTC)),  # AEDT, +11
    ("Australia/Sydney", "2027-04-05T10:00", dt.datetime(2027, 4, 5, 0, tzinfo=UTC)),  # AEST, +10
    ("Australia/Sydney", "2027-10-02T10:00", dt.datetime(2027, 10, 2, 0, tzinfo=UTC)),  # AEST
    ("Australia/Sydney", "2027-10-04T10:00", dt.datetime(2027, 10, 3, 23, tzinfo=UTC)),  # AEDT
    ("", "2027-03-27T10:00", dt.datetime(2027, 3, 27, 10, tzinfo=UTC)),  # no zone chosen: the site's (GMT)
    ("", "2027-03-29T10:00", dt.datetime(2027, 3, 29, 9, tzinfo=UTC)),  # BST
]


@pytest.mark.parametrize(("zone", "typed", "stored"), TYPED)
def test_a_typed_time_is_read_in_the_zone_of_the_person_typing(zone, typed, stored):
    user = factories.UserFactory.build(time_zone=zone)
    slots = SlotsForm({"slot_1": typed}, user=user)
    assert slots.is_valid(), slots.errors
    assert slots.cleaned_data["slots"] == [stored]
    reschedule = RescheduleForm({"starts_at": typed}, user=user)
    assert reschedule.is_valid(), reschedule.errors
    assert reschedule.cleaned_data["starts_at"] == stored


@pytest.mark.parametrize(
    ("zone", "skipped", "named"),
    [
        ("Europe/Amsterdam", "2027-03-28T02:30", "Amsterdam (Europe/Amsterdam)"),
        ("America/New_York", "2027-03-14T02:30", "New York (America/New_York)"),
        ("Australia/Sydney", "2027-10-03T02:30", "Sydney (Australia/Sydney)"),
    ],
)
def test_a_time_the_clocks_skip_is_refused_naming_the_zone(zone, skipped, named):
    form = SlotsForm({"slot_1": skipped}, user=factories.UserFactory.build(time_zone=zone))
    assert not form.is_valid()
    assert f"does not exist in {named}" in form.errors["slot_1"][0]


def test_a_time_the_clocks_repeat_is_the_first_of_the_two():
    form = SlotsForm({"slot_1": "2027-10-31T02:30"}, user=factories.UserFactory.build(time_zone="Europe/Amsterdam"))
    assert form.is_valid()
    (slot,) = form.cleaned_data["slots"]
    # CEST, not CET (compared in UTC: Python never finds a repeated wall-clock time equal to another zone's)
    assert slot.astimezone(UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_the_forms_say_which_zone_and_take_no_other():
    user = factories.UserFactory.build(time_zone="Europe/Amsterdam")
    form = ProposeForm({"slot_1": "2027-03-27T10:00", "time_zone": "Asia/Tokyo"}, user=user)
    assert form.zone_note == "Times in your zone: Amsterdam (Europe/Amsterdam)."
    assert "time_zone" not in form.fields
    form.is_valid()
    assert form.cleaned_data["slots"] == [dt.datetime(2027, 3, 27, 9, tzinfo=UTC)]  # a posted zone is ignored
    assert SlotsForm(user=factories.UserFactory.build(time_zone="")).zone_note == (
        "Times in your zone: London (Europe/London)."
    )


# --- Proposed in Amsterdam, picked in Oslo --------------------------------------------------------------


@pytest.fixture
def people(candidate, employer, recruiter):
    employer.time_zone = "Europe/Amsterdam"
    employer.save(update_fields=["time_zone"])
    candidate.time_zone = "Europe/Oslo"
    candidate.save(update_fields=["time_zone"])
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="CPO 4410")
    application = factories.ApplicationFactory(
        candidate=candidate, vacancy=vacancy, stage=Application.Stage.SHORTLISTED
    )
    return application, candidate, employer, recruiter


def email(kind, recipient):
    message = build_message(Notification.objects.get(kind=kind, recipient=recipient))
    return str(message.subject), message.body, message.alternatives[0][0]


def test_proposed_in_amsterdam_picked_in_oslo_each_reads_their_own_time(client, people):
    application, candidate, employer, recruiter = people
    change = next_clock_change(AMSTERDAM)
    before, after = change - dt.timedelta(days=1), change + dt.timedelta(days=1)
    typed = [dt.datetime.combine(day, dt.time(10), tzinfo=AMSTERDAM) for day in (before, after)]
    assert typed[0].utcoffset() != typed[1].utcoffset()  # one on each side of the change

    client.force_login(employer)
    propose = reverse("employer_interviews:propose", args=[application.pk])
    page = client.get(propose).content.decode()
    assert "Times in your zone: Amsterdam (Europe/Amsterdam)." in page
    assert 'name="time_zone"' not in page
    response = client.post(
        propose,
        {
            "slot_1": f"{before:%Y-%m-%d}T10:00",
            "slot_2": f"{after:%Y-%m-%d}T10:00",
            "round": "first",
            "duration_minutes": "45",
            "video_url": "https://meet.example.com/cpo",
        },
        follow=True,
    )
    assert response.status_code == 200
    interview = Interview.objects.get(application=application)
    stored = sorted(slot.starts_at for slot in interview.slots.all())
    assert stored == [moment.astimezone(UTC) for moment in typed]
    assert stored[0].hour != stored[1].hour  # 10:00 on both days is a different hour in UTC
    client_page = response.content.decode()
    for moment in typed:  # the next page shows them back as typed, with their zone
        assert shown(moment, AMSTERDAM, "Amsterdam", short=True) in client_page
        assert f"{moment:%H:%M}" == "10:00"

    subject, text, html = email(INTERVIEW_SLOTS, candidate)
    for moment in stored:
        assert f"- {shown(moment, OSLO, 'Oslo')}" in text
        assert shown(moment, OSLO, "Oslo") in html
    assert "Amsterdam" not in text

    client.logout()
    link = interview_path(interview_id=interview.pk, proposal=interview.proposal)
    pick_page = client.get(link).content.decode()  # from the email, nobody logged in: the candidate's zone
    assert "times in Oslo (Europe/Oslo)" in pick_page
    for moment in stored:
        assert shown(moment, OSLO, "Oslo") in pick_page
    second = interview.slots.get(starts_at=stored[1])
    assert client.post(link, {"action": "pick", "slot": second.pk}).status_code == 302
    interview.refresh_from_db()
    assert interview.starts_at == stored[1]

    confirmed = {
        candidate: shown(stored[1], OSLO, "Oslo"),
        employer: shown(stored[1], AMSTERDAM, "Amsterdam"),
        recruiter: shown(stored[1], LONDON, "London"),  # no zone chosen: the site's, named
    }
    for person, when in confirmed.items():
        subject, text, html = email(INTERVIEW_CONFIRMED, person)
        assert subject.endswith(when), subject
        assert f"{when} · 45 minutes" in text
        assert when in html
        ics = build_message(Notification.objects.get(kind=INTERVIEW_CONFIRMED, recipient=person)).attachments[0][1]
        (event,) = Calendar.from_ical(ics).walk("VEVENT")
        assert event.decoded("DTSTART") == stored[1]
        assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)

    client.force_login(candidate)
    page = client.get(reverse("my_interviews:detail", args=[interview.pk])).content.decode()
    assert confirmed[candidate] in page
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert shown(stored[1], OSLO, "Oslo", short=True) in dashboard

    client.force_login(employer)
    detail = client.get(reverse("employer_interviews:detail", args=[interview.pk])).content.decode()
    assert confirmed[employer] in detail
    assert "Times in Amsterdam (Europe/Amsterdam)" in detail
    listing = client.get(reverse("employer_interviews:list")).content.decode()
    assert shown(stored[1], AMSTERDAM, "Amsterdam", short=True) in listing

    moved = client.post(
        reverse("employer_interviews:detail", args=[interview.pk]),
        {"action": "reschedule", "starts_at": f"{before:%Y-%m-%d}T16:30"},
        follow=True,
    )
    interview.refresh_from_db()
    assert interview.starts_at == dt.datetime.combine(before, dt.time(16, 30), tzinfo=AMSTERDAM)
    assert shown(interview.starts_at, AMSTERDAM, "Amsterdam") in moved.content.decode()
