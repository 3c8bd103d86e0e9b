"""Interviews of the person's applications, with the times proposed to them."""

from __future__ import annotations

from django.db.models import Prefetch

from accounts import personal_data
from accounts.personal_data import Policy, Section
from recruitment.models import Interview, InterviewSlot


def _interviews(user):
    return Interview.objects.for_candidate(user)


def export_interviews(user, profile, files) -> list[dict]:
    interviews = (
        _interviews(user)
        .select_related("application__vacancy__company")
        .prefetch_related(Prefetch("slots", queryset=InterviewSlot.objects.filter(current=True).order_by("starts_at")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "application_id": interview.application_id,
            "vacancy": interview.application.vacancy.title,
            "company": interview.application.vacancy.company.name,
            "round": interview.round,
            "status": interview.status,
            "starts_at": interview.starts_at,
            "duration_minutes": interview.duration_minutes,
            "video_url": interview.video_url,
            "address": interview.address,
            "interviewers": interview.interviewers,
            "times_proposed": [slot.starts_at for slot in interview.slots.all()],
            "your_note": interview.candidate_note,
            "cancelled_reason": interview.cancelled_reason,
            "outcome": interview.outcome,
            "feedback": interview.feedback,
        }
        for interview in interviews
    ]


def erase_interviews(user, profile, files) -> None:
    _interviews(user).update(candidate_note="", feedback="", cancelled_reason="")


personal_data.register(
    Section(
        name="interviews",
        title="Interviews, with the times proposed",
        models=(Interview, InterviewSlot),
        export=export_interviews,
        erase=erase_interviews,
        erase_order=30,
        policy=Policy.ANONYMISED,
        reason="Rounds, times and outcomes stay with the anonymised application (the client's pipeline); the "
        "person's note, the feedback about them and the cancellation reason are removed.",
        count=lambda user, profile: _interviews(user).count(),
    )
)
