"""Celery tasks: thin wrappers that take ids, load rows, call a service and enqueue what comes next.

Imports go one way: tasks -> services (`recruitment.outbox`, which uses `recruitment.matching`). No
service imports this module; the services return ids and the tasks here (like the receivers and the
admin's retry action) enqueue them. Every task is idempotent (outbox rows are claimed with a
conditional update), so acks_late redelivery and the sweeper's re-enqueueing are safe.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from datetime import timedelta

from celery import chord, group, shared_task
from celery.backends.base import DisabledBackend
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from accounts.models import CandidateProfile
from recruitment import matching, outbox
from recruitment.outbox.placements import guarantee_ending_notifications
from recruitment.services import interviews, introductions
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)

# What a publish raises when the broker is away (kombu wraps most; the rest are socket-level).
BROKER_ERRORS = (OperationalError, RedisError, OSError)


# After a failed publish, this process does not try the broker again for this long: a recruiter's click
# that enqueues several tasks while Redis is down pays for one failed attempt, not one per task.
BROKER_RETRY_AFTER = 5.0
_broker_away_until = 0.0


def broker_retry_now() -> None:
    """Forget a recent broker failure (the next enqueue tries the broker at once)."""
    global _broker_away_until
    _broker_away_until = 0.0


def enqueue(task, args: Sequence = (), kwargs: dict | None = None, *, countdown: float | None = None) -> bool:
    """Send a task to the broker; if the broker is away, log it and go on (the outbox rows are in the
    database and the sweeper enqueues them again). Returns False when the message was not sent."""
    global _broker_away_until
    if task.app.conf.task_always_eager:
        task.apply_async(args=list(args), kwargs=kwargs, countdown=countdown)
        return True
    if time.monotonic() < _broker_away_until:
        logger.info("Broker away, %s%r left to the outbox sweeper", task.name, args)
        return False
    try:
        task.apply_async(args=list(args), kwargs=kwargs, countdown=countdown)
    except BROKER_ERRORS as exc:
        _broker_away_until = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("Broker unavailable, %s%r not enqueued (the outbox sweeper will): %s", task.name, args, exc)
        return False
    return True


class OutboxTask(DjangoTask):
    """`delay_on_commit` that never breaks the request that committed: a broker outage is logged and
    left to the sweeper instead of turning a successful change into an error page."""

    def delay_on_commit(self, *args, **kwargs) -> None:
        transaction.on_commit(functools.partial(enqueue, self, args, kwargs))


def enqueue_delivery(ids: Sequence[int], *, on_commit: bool = False) -> None:
    """Enqueue delivery of outbox rows, OUTBOX_BATCH_SIZE rows per task (one SMTP connection each). A batch
    the broker refuses is marked as waiting for it: the quick sweep sends it once the broker is back."""
    size = max(1, settings.OUTBOX_BATCH_SIZE)
    for start in range(0, len(ids), size):
        batch = list(ids[start : start + size])
        if on_commit:
            transaction.on_commit(functools.partial(_deliver_or_wait, batch))
        else:
            _deliver_or_wait(batch)


def _deliver_or_wait(ids: list[int], *, countdown: float | None = None) -> None:
    if not enqueue(notifications_deliver_task, [ids], countdown=countdown):
        outbox.notifications_wait_for_broker(ids=ids)


@shared_task(base=OutboxTask)
def notifications_deliver_task(notification_ids: list[int]) -> dict:
    report = outbox.notifications_deliver(ids=notification_ids)
    for ids, countdown in report.retry:
        _deliver_or_wait(ids, countdown=countdown)
    return {"sent": len(report.sent), "failed": len(report.failed), "retry": sum(len(i) for i, _ in report.retry)}


@shared_task(base=OutboxTask)
def outbox_requeue_task() -> int:
    """The quick sweep (beat, every OUTBOX_REQUEUE_SECONDS, and each time a worker reconnects)."""
    ids = outbox.outbox_requeue()
    enqueue_delivery(ids)
    now = timezone.now()
    # Vacancies published while the broker was away: matched (and alerted) within seconds of its return.
    vacancy_ids = outbox.vacancies_never_matched(
        now=now, published_before=now - timedelta(seconds=2 * settings.OUTBOX_REQUEUE_SECONDS)
    )
    for vacancy_id in vacancy_ids:
        enqueue(vacancy_match_and_alert_task, [vacancy_id])
    if ids or vacancy_ids:
        logger.info(
            "Outbox quick sweep: %d rows waiting for the broker or the SMTP server, %d unmatched vacancies enqueued",
            len(ids),
            len(vacancy_ids),
        )
    return len(ids)


@shared_task(base=OutboxTask)
def outbox_sweep_task() -> dict:
    report = outbox.outbox_sweep()
    enqueue_delivery(report.notification_ids)
    for vacancy_id in report.vacancy_ids:
        enqueue(vacancy_match_and_alert_task, [vacancy_id])
    if report.notification_ids or report.vacancy_ids or report.failed:
        logger.info(
            "Outbox sweep: %d rows re-enqueued, %d given up, %d vacancies re-matched",
            len(report.notification_ids),
            report.failed,
            len(report.vacancy_ids),
        )
    return {"requeued": len(report.notification_ids), "failed": report.failed, "vacancies": len(report.vacancy_ids)}


@shared_task(base=OutboxTask)
def digests_build_task(frequency: str) -> int:
    ids = outbox.digests_build(frequency=frequency)
    enqueue_delivery(ids)
    return len(ids)


@shared_task(base=OutboxTask)
def vacancy_match_and_alert_task(vacancy_id: int) -> int:
    """Match one vacancy and write its alerts: inline when its short list is one chunk (MATCH_CHUNK_SIZE),
    else fanned out as a chord of `vacancy_match_chunk_task`s whose callback merges, stores and alerts."""
    vacancy = Vacancy.objects.select_related("role_family", "company").filter(pk=vacancy_id).first()
    if vacancy is None:
        return 0
    chunks = matching.vacancy_chunks(vacancy=vacancy)
    if len(chunks) > 1 and _fan_out(vacancy_id, chunks):
        return 0  # the chord's callback writes the alerts
    ids = outbox.vacancy_match_and_alert(vacancy=vacancy)
    enqueue_delivery(ids)
    return len(ids)


def _fan_out(vacancy_id: int, chunks: list[tuple[int, int]]) -> bool:
    """Send the chord; False (the caller matches inline) without a result backend or a broker."""
    app = vacancy_match_chunk_task.app
    if not app.conf.task_always_eager and isinstance(app.backend, DisabledBackend):
        return False
    header = group(vacancy_match_chunk_task.si(vacancy_id, first, last) for first, last in chunks)
    try:
        chord(header)(vacancy_match_merge_and_alert_task.s(vacancy_id, chunks))
    except BROKER_ERRORS as exc:
        logger.warning("Matching vacancy %s inline: the fan-out could not be sent: %s", vacancy_id, exc)
        return False
    return True


@shared_task(base=OutboxTask, ignore_result=False)
def vacancy_match_chunk_task(vacancy_id: int, first: int, last: int) -> dict:
    """One chunk of a vacancy's short list: its best rows, light (they go through the result backend)."""
    return matching.vacancy_match_chunk(vacancy_id=vacancy_id, first=first, last=last)


@shared_task(base=OutboxTask)
def vacancy_match_merge_and_alert_task(parts: list[dict], vacancy_id: int, chunks: list[list[int]]) -> int:
    """The chord's callback: merge the chunks, store the best rows, write the alerts and send them."""
    vacancy = Vacancy.objects.select_related("role_family", "company").filter(pk=vacancy_id).first()
    if vacancy is None:
        return 0
    ids = outbox.vacancy_match_merge_and_alert(vacancy=vacancy, chunks=chunks, parts=parts)
    enqueue_delivery(ids)
    return len(ids)


@shared_task(base=OutboxTask)
def candidate_match_and_alert_task(profile_id: int) -> int:
    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return 0
    ids = outbox.candidate_match_and_alert(profile=profile)
    enqueue_delivery(ids)
    return len(ids)


@shared_task(base=OutboxTask)
def introductions_sweep_task() -> int:
    ids = introductions.introductions_sweep()
    enqueue_delivery(ids)
    return len(ids)


@shared_task(base=OutboxTask)
def interviews_sweep_task() -> int:
    ids = interviews.interviews_sweep()
    enqueue_delivery(ids)
    return len(ids)


@shared_task(base=OutboxTask)
def guarantees_ending_task() -> int:
    """Daily (beat): tell each credited recruiter of a guarantee ending within 14 days, once."""
    ids = guarantee_ending_notifications(today=timezone.localdate())
    enqueue_delivery(ids)
    return len(ids)
