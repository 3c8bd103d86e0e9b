"""The sweeper: finds the work a lost broker message or a killed worker left behind, so nothing is lost.

`outbox_sweep` schedules what it takes back for delivery (on commit, as every row written); Celery beat runs it
every minute (`recruitment.tasks.outbox_sweep_task`), with the matching of vacancies whose matching never ran
(`recruitment.matching.alerting.vacancies_never_matched`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from recruitment.models import Notification
from recruitment.outbox.delivery import max_retry_delay
from recruitment.outbox.enqueue import deliver_on_commit
from recruitment.outbox.rows import CHUNK, chunked

Status = Notification.Status
# Most rows one sweep re-enqueues (the next sweep takes the rest).
SWEEP_LIMIT = 20_000


@dataclass
class SweepReport:
    notification_ids: list[int] = field(default_factory=list)
    failed: int = 0


def outbox_sweep(*, now: datetime | None = None) -> SweepReport:
    """Find the work a lost message or a killed worker left behind.

    - rows `sending` for longer than OUTBOX_STALE_AFTER_SECONDS go back to pending (or fail, when they
      used all their attempts) and are re-enqueued;
    - rows `pending` longer than that (plus the longest retry delay their attempt count allows) are
      re-enqueued; their updated_at is bumped so the next sweep leaves them alone for a while;
    - scheduled rows (declines held for the recruiter) whose `send_after` has passed become pending.
    All of them are scheduled for delivery (on commit).
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
    deliver_on_commit(report.notification_ids)
    return report
