"""Calendar invitations (.ics, RFC 5545 / iTIP) for interviews, made with the `icalendar` package.

One event per interview round: its UID never changes, SEQUENCE goes up on every reschedule and on
cancellation, so a calendar updates (or removes) the event it already has. METHOD:REQUEST for a confirmed
or rescheduled interview, METHOD:CANCEL for a cancelled one. Times are written in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.text import strip_control
from recruitment.models.interviews import Interview

PRODID = "-//Northstar Product Leaders//Interviews//EN"


def interview_ics(interview: Interview, *, cancelled: bool = False, attendees: list[str] = ()) -> bytes:
    application = interview.application
    vacancy = application.vacancy
    candidate = application.candidate
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", datetime.now(tz=UTC))
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    event.add("dtend", interview.ends_at.astimezone(UTC))
    who = candidate.get_full_name() if candidate else "Candidate"
    summary = f"{interview.get_round_display()}: {who} for {vacancy.title} ({vacancy.company.name})"
    event.add("summary", strip_control(summary))
    event.add("location", vText(strip_control(interview.where)))
    details = [f"{interview.get_round_display()} for {vacancy.title} at {vacancy.company.name}."]
    if interview.interviewers:
        details.append(f"Interviewers: {interview.interviewers}")
    if interview.video_url:
        details.append(f"Join: {interview.video_url}")
        event.add("url", interview.video_url)
    event.add("description", strip_control("\n".join(details)))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL.split('<')[-1].strip('> ')}")
    organizer.params["cn"] = vText(settings.SITE_NAME)
    event.add("organizer", organizer)
    for email in attendees:
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    calendar.add_component(event)
    return calendar.to_ical()
