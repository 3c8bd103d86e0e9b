"""What an interview email says: the times in the recipient's own zone, where, who, the link that fits the
recipient (the candidate's signed link to pick a slot, the client's interview page, the workspace) and, for
a confirmed, rescheduled or cancelled interview, the .ics invitation."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from recruitment.calendar import interview_ics
from recruitment.models import Notification
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.outbox.interviews import INTERVIEW_KINDS, everyone
from recruitment.signed_links import interview_path

Kind = Notification.Kind

__all__ = ["INTERVIEW_KINDS", "interview_message_context"]


def _local(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%A %-d %B %Y, %H:%M") + f" ({zone.key})" if moment else ""


def interview_message_context(notification: Notification) -> dict:
    interview = (
        Interview.objects.select_related("application__vacancy__company", "application__candidate")
        .filter(pk=notification.context.get("interview_id"))
        .first()
    )
    if interview is None:
        return {}
    recipient = notification.recipient
    zone = recipient.zone if recipient is not None else None
    candidate = interview.application.candidate
    is_candidate = recipient is not None and candidate is not None and recipient.pk == candidate.pk
    if is_candidate:
        link = reverse("my_interviews:detail", args=[interview.pk])
        if notification.kind == Kind.INTERVIEW_SLOTS:
            link = interview_path(interview_id=interview.pk, proposal=notification.context.get("proposal", 0))
    elif recipient is not None and recipient.is_employer:
        link = reverse("employer_interviews:detail", args=[interview.pk])
    else:
        link = reverse("admin:recruitment_interview_change", args=[interview.pk])
    slots = InterviewSlot.objects.filter(interview=interview, current=True).order_by("starts_at")
    context = {
        "interview": interview,
        "is_candidate": is_candidate,
        "candidate_name": (candidate.get_full_name() if candidate else "") or "The candidate",
        "when": _local(interview.starts_at, zone) if zone else "",
        "slot_times": [_local(slot.starts_at, zone) for slot in slots] if zone else [],
        "interview_url": settings.SITE_URL + link,
    }
    calendar = notification.kind == Kind.INTERVIEW_CONFIRMED or (
        notification.kind == Kind.INTERVIEW_CANCELLED and notification.context.get("calendar")
    )
    if calendar and interview.starts_at is not None:
        cancelled = notification.kind == Kind.INTERVIEW_CANCELLED
        context["ics"] = interview_ics(
            interview, cancelled=cancelled, attendees=[user.email for user in everyone(interview) if user.email]
        )
        context["ics_method"] = "CANCEL" if cancelled else "REQUEST"
    return context
