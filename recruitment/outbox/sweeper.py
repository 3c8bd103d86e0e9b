"""The sweeper: finds the work a lost broker message or a killed worker left behind, so nothing is lost.

Imports go one way: sweeper -> delivery, events. `outbox_sweep` only reports what to enqueue again;
`recruitment.tasks.outbox_sweep_task` (run by Celery beat every minute) enqueues it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from recruitment.models import Match, Notification
from recruitment.outbox.delivery import max_retry_delay
from recruitment.outbox.events import CHUNK, Status, chunked
from vacancies.models import Vacancy

# How far back the sweeper looks for published vacancies whose matching never ran.
MATCH_RUN_LOOKBACK = timedelta(days=1)
# A vacancy the sweeper re-matched is not re-matched again for this many seconds.
REMATCH_INTERVAL = 3600
# Most rows one sweep re-enqueues (the next sweep takes the rest).
SWEEP_LIMIT = 20_000


@dataclass
class SweepReport:
    notification_ids: list[int] = field(default_factory=list)
    vacancy_ids: list[int] = field(default_factory=list)
    failed: int = 0


def outbox_sweep(*, now: datetime | None = None) -> SweepReport:
    """Find the work a lost message or a killed worker left behind.

    - rows `sending` for longer than OUTBOX_STALE_AFTER_SECONDS go back to pending (or fail, when they
      used all their attempts) and are re-enqueued;
    - rows `pending` longer than that (plus the longest retry delay their attempt count allows) are
      re-enqueued; their updated_at is bumped so the next sweep leaves them alone for a while;
    - scheduled rows (declines held for the recruiter) whose `send_after` has passed become pending;
    - open vacancies in alerted role families, published in the last day, with no Match computed
      since publication (their matching task was never run) are returned for matching.
    """
    now = now or timezone.now()
    stale = timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
    max_attempts = settings.OUTBOX_MAX_ATTEMPTS
    report = SweepReport()

    stuck = Notification.objects.stuck(claimed_before=now - stale)
    report.failed = stuck.filter(attempts__gte=max_attempts).update(
        status=Status.FAILED,
        last_error=f"Gave up after {max_attempts} attempts: the worker stopped while sending it.",
        updated_at=now,
    )
    stuck_ids = list(stuck.filter(attempts__lt=max_attempts).order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    for chunk in chunked(stuck_ids, CHUNK):
        Notification.objects.stuck(claimed_before=now - stale).filter(pk__in=chunk).update(
            status=Status.PENDING, updated_at=now
        )

    waiting = Q()
    for attempts in range(max_attempts + 1):
        cutoff = now - stale - timedelta(seconds=max_retry_delay(attempts) if attempts else 0)
        waiting |= Q(attempts=attempts, updated_at__lt=cutoff)
    waiting |= Q(attempts__gt=max_attempts, updated_at__lt=now - stale)
    pending_ids = list(
        Notification.objects.pending().filter(waiting).order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for chunk in chunked(pending_ids, CHUNK):
        Notification.objects.pending().filter(pk__in=chunk).update(updated_at=now)
    # Declines held for the recruiter whose delay is over go out now (the recruiter may have sent them sooner).
    due_ids = list(Notification.objects.due(now=now).order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    for chunk in chunked(due_ids, CHUNK):
        Notification.objects.due(now=now).filter(pk__in=chunk).update(status=Status.PENDING, updated_at=now)
    report.notification_ids = sorted(set(stuck_ids) | set(pending_ids) | set(due_ids))

    report.vacancy_ids = vacancies_never_matched(now=now, published_before=now - stale)
    return report


def vacancies_never_matched(*, now: datetime, published_before: datetime) -> list[int]:
    """Open vacancies in alerted role families, published in the last day and before `published_before`,
    with no Match computed since publication: their matching task was lost (or the broker refused it).
    The regular sweep asks for those older than OUTBOX_STALE_AFTER_SECONDS; the quick sweep, for those a few
    seconds old, so alerts follow within seconds of the broker coming back."""
    matched_since = Match.objects.filter(vacancy=OuterRef("pk"), computed_at__gte=OuterRef("published_at"))
    unmatched = (
        Vacancy.objects.open()
        .in_role_families(settings.MATCH_ALERT_ROLE_FAMILIES)
        .filter(published_at__gte=now - MATCH_RUN_LOOKBACK, published_at__lt=published_before)
        .exclude(Exists(matched_since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # A vacancy nobody scores high enough for keeps no Match rows; the cache keeps it from being
    # re-matched on every sweep (at most once per interval; losing the cache only costs a re-run).
    return [pk for pk in unmatched if cache.add(f"outbox:rematch:{pk}", 1, REMATCH_INTERVAL)]
