"""Introductions: the agency putting the person forward to a client, with every step of each."""

from __future__ import annotations

from django.db.models import Prefetch

from accounts import personal_data
from accounts.personal_data import Policy, Section, actor
from recruitment.models import Introduction, IntroductionEvent


def _introductions(profile):
    return Introduction.objects.filter(candidate=profile) if profile is not None else Introduction.objects.none()


def export_introductions(user, profile, files) -> list[dict]:
    introductions = (
        _introductions(profile)
        .select_related("vacancy__company")
        .prefetch_related(
            Prefetch("events", queryset=IntroductionEvent.objects.select_related("by").order_by("at", "pk"))
        )
        .order_by("created_at", "pk")
    )
    return [
        {
            "vacancy": introduction.vacancy.title,
            "company": introduction.vacancy.company.name,
            "status": introduction.status,
            "presentation": introduction.presentation,
            "pitch": introduction.pitch,
            "proposed_at": introduction.created_at,
            "asked_at": introduction.asked_at,
            "revealed_at": introduction.revealed_at,
            "your_answer": {"reason": introduction.candidate_reason, "note": introduction.candidate_note},
            "client_answer": {"reason": introduction.client_reason, "note": introduction.client_note},
            "application_id": introduction.application_id,
            "history": [
                {"from": e.from_status, "to": e.to_status, "at": e.at, "by": actor(e.by, user), "note": e.note}
                for e in introduction.events.all()
            ],
        }
        for introduction in introductions
    ]


personal_data.register(
    Section(
        name="introductions",
        title="Introductions to clients, with every step",
        models=(Introduction, IntroductionEvent),
        export=export_introductions,
        policy=Policy.DELETED,
        reason="A pitch about the person and their answers: deleted with their profile (an application it "
        "started stays, anonymised, marked as introduced by the agency).",
        count=lambda user, profile: _introductions(profile).count(),
    )
)
