"""Digests: a candidate on daily or weekly alerts gets their held alerts bundled into one email.

Imports go one way: digests -> events; `digests_build` returns the new digest rows' ids and the caller
(`recruitment.tasks.digests_build_task`) enqueues them.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import CandidateProfile, RoleFamily, User
from recruitment.models import Notification
from recruitment.outbox.events import Kind, Status, insert_rows
from vacancies.models import Vacancy


def digest_period(frequency: str, now: datetime) -> str:
    today = timezone.localdate(now)
    if frequency == CandidateProfile.AlertFrequency.WEEKLY:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    return today.isoformat()


def digests_build(*, frequency: str, now: datetime | None = None) -> list[int]:
    """Bundle each candidate's held alerts into one digest row (items become DIGESTED, linked to it).

    The daily run also collects held alerts of candidates who switched to instant since (and of instant
    candidates past their weekly instant alerts). Alerts for vacancies that closed meanwhile, or for role
    families the candidate no longer opts in to, are cancelled. One digest per candidate and period (dedupe key),
    so a second run the same day does nothing. Returns the ids of the new digest rows."""
    Freq = CandidateProfile.AlertFrequency
    if frequency not in (Freq.DAILY, Freq.WEEKLY):
        raise ValueError(f"Unknown digest frequency: {frequency!r}")
    now = now or timezone.now()
    frequencies = [Freq.DAILY, Freq.INSTANT] if frequency == Freq.DAILY else [Freq.WEEKLY]
    held = Notification.objects.held().filter(kind=Kind.MATCH_ALERT)
    closed = held.exclude(vacancy__in=Vacancy.objects.open())
    closed.update(status=Status.CANCELLED, last_error="The vacancy closed before the digest.", updated_at=now)
    # Role families the candidate stopped opting in to (the agency's own are always alerted).
    opted_in = CandidateProfile.extra_alert_role_families.through.objects.filter(
        candidateprofile__user_id=OuterRef("recipient_id"), rolefamily_id=OuterRef("vacancy__role_family_id")
    )
    unwanted = held.exclude(vacancy__role_family__in=RoleFamily.objects.alerted_by_default()).exclude(Exists(opted_in))
    unwanted.update(
        status=Status.CANCELLED, last_error="The candidate no longer wants alerts for this role.", updated_at=now
    )

    alertable = CandidateProfile.objects.alertable().filter(alert_frequency__in=frequencies)
    recipients = (
        held.filter(recipient__candidate_profile__in=alertable.values("pk"))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    period = digest_period(frequency, now)
    digest_ids: list[int] = []
    users = User.objects.filter(pk__in=list(recipients)).select_related("candidate_profile").order_by("pk")
    for user in users:
        with transaction.atomic():
            created = insert_rows(
                [
                    Notification(
                        kind=Kind.MATCH_DIGEST,
                        recipient=user,
                        to_email=user.email,
                        dedupe_key=f"{Kind.MATCH_DIGEST}:{user.pk}:{frequency}:{period}",
                        context={"frequency": frequency, "period": period},
                    )
                ]
            )
            if not created:
                continue  # this period's digest exists already; new alerts wait for the next one
            (digest_id,) = created.values()
            held.filter(recipient=user).update(status=Status.DIGESTED, digest_id=digest_id, updated_at=now)
            CandidateProfile.objects.filter(user=user).update(last_digest_sent_at=now)
            digest_ids.append(digest_id)
    return digest_ids
