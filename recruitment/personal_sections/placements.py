"""Placements: the hire itself. The person sees what is theirs to know (the job, the start date, the salary
they agreed); the fee, the client's terms, the guarantee and the invoice are the agency's commercial record
with its client and are left out of the export."""

from __future__ import annotations

from accounts import personal_data
from accounts.personal_data import Policy, Section
from recruitment.models import Placement


def _placements(user):
    return Placement.objects.filter(application__candidate=user)


def export_placements(user, profile, files) -> list[dict]:
    placements = _placements(user).select_related("application__vacancy__company").order_by("hired_at", "pk")
    return [
        {
            "application_id": placement.application_id,
            "job_title": placement.application.vacancy.title,
            "company": placement.application.vacancy.company.name,
            "hired_at": placement.hired_at,
            "start_date": placement.start_date,
            # The base salary they agreed with the employer: theirs (it is in their contract).
            "base_salary": placement.base_salary,
            "currency": placement.currency,
            "status": placement.status,
            "fell_through_on": placement.fell_through_on,
        }
        for placement in placements
    ]


def erase_placements(user, profile, files) -> None:
    # The note says why a hire fell through: about the person, and not needed for the fee or the invoice.
    _placements(user).exclude(note="").update(note="")


personal_data.register(
    Section(
        name="placements",
        title="Placements (your hires through us)",
        models=(Placement,),
        export=export_placements,
        erase=erase_placements,
        erase_order=30,
        policy=Policy.KEPT,
        reason="The agency's accounting record (fee, invoice, guarantee, and the salary the fee was worked out "
        "from) must be kept; it stays on the anonymised application, its free-text note removed.",
        count=lambda user, profile: _placements(user).count(),
    )
)
