"""Matches: how well the person fits each opening, with the reasons."""

from __future__ import annotations

from accounts import personal_data
from accounts.personal_data import Policy, Section
from recruitment.models import Match


def _matches(profile):
    return Match.objects.filter(candidate=profile) if profile is not None else Match.objects.none()


def export_matches(user, profile, files) -> list[dict]:
    return [
        {
            "vacancy": m.vacancy.title,
            "company": m.vacancy.company.name,
            "score": m.score,
            "breakdown": m.breakdown,
            "computed_at": m.computed_at,
        }
        for m in _matches(profile).select_related("vacancy__company").order_by("-score", "pk")
    ]


personal_data.register(
    Section(
        name="matches",
        title="Matches with openings",
        models=(Match,),
        export=export_matches,
        policy=Policy.DELETED,
        reason="Computed from the profile, only about the person: deleted with it.",
        count=lambda user, profile: _matches(profile).count(),
    )
)
