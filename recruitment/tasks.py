"""Celery tasks: thin wrappers that take ids, load rows and call a service.

Every task has an explicit, frozen `name=`: a queued message names its task, so moving a module must never
rename one (beat's schedule and the worker's reconnect step use these names too). The services schedule what
comes next themselves (a written row is delivered on commit, `recruitment.outbox.rows`); the tasks import the
services, never the other way round. Every task is idempotent (outbox rows are claimed with a conditional
update), so acks_late redelivery and the sweepers' re-enqueueing are safe.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import chord, group, shared_task
from celery.backends.base import DisabledBackend
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.utils import timezone

from accounts.models import CandidateProfile
from accounts.services import candidates_placed_release
from recruitment import matching
from recruitment.emails.alerts import digests_build
from recruitment.emails.placements import guarantee_ending_notifications
from recruitment.matching import alerting
from recruitment.outbox.delivery import notifications_deliver
from recruitment.outbox.enqueue import BROKER_ERRORS, deliver, enqueue, enqueue_on_commit
from recruitment.outbox.requeue import outbox_requeue
from recruitment.outbox.sweeper import outbox_sweep
from recruitment.services.interviews import interviews_sweep
from recruitment.services.introductions import introductions_sweep
from vacancies.models import Vacancy

logger = logging.getLogger(__name__)


class OutboxTask(DjangoTask):
    """`delay_on_commit` that never breaks the request that committed: a broker outage is logged and
    left to the sweepers instead of turning a successful change into an error page."""

    def delay_on_commit(self, *args, **kwargs) -> None:
        enqueue_on_commit(self.name, *args, **kwargs)


@shared_task(base=OutboxTask, name="recruitment.tasks.notifications_deliver_task")
def notifications_deliver_task(notification_ids: list[int]) -> dict:
    report = notifications_deliver(ids=notification_ids)
    for ids, countdown in report.retry:
        deliver(ids, countdown=countdown)
    return {"sent": len(report.sent), "failed": len(report.failed), "retry": sum(len(i) for i, _ in report.retry)}


def _match_unmatched(*, published_before) -> list[int]:
    vacancy_ids = alerting.vacancies_never_matched(now=timezone.now(), published_before=published_before)
    for vacancy_id in vacancy_ids:
        enqueue(vacancy_match_and_alert_task, [vacancy_id])
    return vacancy_ids


@shared_task(base=OutboxTask, name="recruitment.tasks.outbox_requeue_task")
def outbox_requeue_task() -> int:
    """The quick sweep (beat, every OUTBOX_REQUEUE_SECONDS, and each time a worker reconnects)."""
    ids = outbox_requeue()
    # Vacancies published while the broker was away: matched (and alerted) within seconds of its return.
    vacancy_ids = _match_unmatched(
        published_before=timezone.now() - timedelta(seconds=2 * settings.OUTBOX_REQUEUE_SECONDS)
    )
    if ids or vacancy_ids:
        logger.info(
            "Outbox quick sweep: %d rows waiting for the broker or the SMTP server, %d unmatched vacancies enqueued",
            len(ids),
            len(vacancy_ids),
        )
    return len(ids)


@shared_task(base=OutboxTask, name="recruitment.tasks.outbox_sweep_task")
def outbox_sweep_task() -> dict:
    report = outbox_sweep()
    vacancy_ids = _match_unmatched(
        published_before=timezone.now() - timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
    )
    if report.notification_ids or vacancy_ids or report.failed:
        logger.info(
            "Outbox sweep: %d rows re-enqueued, %d given up, %d vacancies re-matched",
            len(report.notification_ids),
            report.failed,
            len(vacancy_ids),
        )
    return {"requeued": len(report.notification_ids), "failed": report.failed, "vacancies": len(vacancy_ids)}


@shared_task(base=OutboxTask, name="recruitment.tasks.digests_build_task")
def digests_build_task(frequency: str) -> int:
    return len(digests_build(frequency=frequency))


@shared_task(base=OutboxTask, name="recruitment.tasks.vacancy_match_and_alert_task")
def vacancy_match_and_alert_task(vacancy_id: int) -> int:
    """Match one vacancy and write its alerts: inline when its short list is one chunk (MATCH_CHUNK_SIZE),
    else fanned out as a chord of `vacancy_match_chunk_task`s whose callback merges, stores and alerts."""
    vacancy = Vacancy.objects.select_related("role_family", "company").filter(pk=vacancy_id).first()
    if vacancy is None:
        return 0
    chunks = matching.vacancy_chunks(vacancy=vacancy)
    if len(chunks) > 1 and _fan_out(vacancy_id, chunks):
        return 0  # the chord's callback writes the alerts
    return len(alerting.vacancy_match_and_alert(vacancy=vacancy))


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


@shared_task(base=OutboxTask, ignore_result=False, name="recruitment.tasks.vacancy_match_chunk_task")
def vacancy_match_chunk_task(vacancy_id: int, first: int, last: int) -> dict:
    """One chunk of a vacancy's short list: its best rows, light (they go through the result backend)."""
    return matching.vacancy_match_chunk(vacancy_id=vacancy_id, first=first, last=last)


@shared_task(base=OutboxTask, name="recruitment.tasks.vacancy_match_merge_and_alert_task")
def vacancy_match_merge_and_alert_task(parts: list[dict], vacancy_id: int, chunks: list[list[int]]) -> int:
    """The chord's callback: merge the chunks, store the best rows and write the alerts."""
    vacancy = Vacancy.objects.select_related("role_family", "company").filter(pk=vacancy_id).first()
    if vacancy is None:
        return 0
    return len(alerting.vacancy_match_merge_and_alert(vacancy=vacancy, chunks=chunks, parts=parts))


@shared_task(base=OutboxTask, name="recruitment.tasks.candidate_match_and_alert_task")
def candidate_match_and_alert_task(profile_id: int) -> int:
    profile = CandidateProfile.objects.select_related("user").filter(pk=profile_id).first()
    if profile is None:
        return 0
    return len(alerting.candidate_match_and_alert(profile=profile))


@shared_task(base=OutboxTask, name="recruitment.tasks.introductions_sweep_task")
def introductions_sweep_task() -> int:
    return len(introductions_sweep())


@shared_task(base=OutboxTask, name="recruitment.tasks.interviews_sweep_task")
def interviews_sweep_task() -> int:
    return len(interviews_sweep())


@shared_task(base=OutboxTask, name="recruitment.tasks.guarantees_ending_task")
def guarantees_ending_task() -> int:
    """Daily (beat): tell each credited recruiter of a guarantee ending within 14 days, once."""
    return len(guarantee_ending_notifications(today=timezone.localdate()))


@shared_task(name="recruitment.tasks.placed_candidates_release_task")
def placed_candidates_release_task() -> int:
    """Daily (beat): placed candidates whose "not looking until" day has come are open to opportunities again."""
    return candidates_placed_release(today=timezone.localdate())
