"""Placement emails: the credited recruiter is told when a guarantee is about to end (beat, daily).

One row per placement (dedupe key `guarantee_ending:<placement id>`), so the daily run never repeats an
email; returns the ids of the rows it wrote (scheduled for delivery)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from recruitment.emails.common import day
from recruitment.models import Notification
from recruitment.models.placements import Placement
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, absolute
from recruitment.outbox.rows import insert_pending


def guarantee_context(notification: Notification, shared: MessageCache) -> dict:
    return {
        "action_url": absolute(notification.context.get("admin_path") or "/admin/"),
        "ends_on": day(notification.context.get("ends_on")),
        "start_date": day(notification.context.get("start_date")),
    }


GUARANTEE_ENDING = register(
    "guarantee_ending", "Placement: the guarantee ends soon (to the recruiter)", context=guarantee_context
)


def guarantee_ending_notifications(*, today: date, days: int | None = None) -> list[int]:
    """Rows for the recruiters credited with placements whose guarantee ends within `days` days."""
    days = settings.PLACEMENT_GUARANTEE_WARNING_DAYS if days is None else days
    placements = (
        Placement.objects.guarantee_ending(today=today, days=days)
        .filter(recruiter__is_active=True)
        .exclude(recruiter__email="")
        .select_related("recruiter", "application__candidate", "application__vacancy__company")
        .order_by("guarantee_ends_on", "pk")
    )
    rows = []
    for placement in placements:
        application = placement.application
        candidate = application.candidate
        rows.append(
            Notification(
                kind=GUARANTEE_ENDING,
                recipient=placement.recruiter,
                to_email=placement.recruiter.email,
                vacancy=application.vacancy,
                application=application,
                dedupe_key=f"{GUARANTEE_ENDING}:{placement.pk}",
                context={
                    "candidate_name": (candidate.get_full_name() or candidate.email) if candidate else "A candidate",
                    "ends_on": placement.guarantee_ends_on.isoformat(),
                    "start_date": placement.start_date.isoformat() if placement.start_date else "",
                    "admin_path": reverse("admin:recruitment_placement_change", args=[placement.pk]),
                },
            )
        )
    return insert_pending(rows)
