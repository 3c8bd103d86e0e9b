"""Enqueueing: the one way anything reaches the broker, by task name, so that no service imports a task.

- `enqueue(name, args)` sends a task now; when the broker is away it logs and returns False, and this process
  does not try again for BROKER_RETRY_AFTER seconds (a click that enqueues several tasks pays for one failed
  attempt, not one per task). Nothing is lost: the rows are in the database and the sweepers find them.
- `enqueue_on_commit(name, *args)` does it when the current transaction commits (at once outside one).
- `deliver(ids)` / `deliver_on_commit(ids)` send outbox rows to the delivery task, OUTBOX_BATCH_SIZE rows per
  task (one SMTP connection each); a batch the broker refuses is marked `waiting_for=broker`, and the quick
  sweep (`recruitment.outbox.requeue`) sends it once the broker is back. Writing a pending row schedules it
  (`recruitment.outbox.rows`), so callers never enqueue rows themselves.

Task names are frozen (`name=` on every task in `recruitment/tasks.py`): a queued message names its task, so
a module move must never rename one."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from recruitment.models import Notification

logger = logging.getLogger(__name__)

DELIVER_TASK = "recruitment.tasks.notifications_deliver_task"
# What a publish raises when the broker is away (kombu wraps most; the rest are socket-level).
BROKER_ERRORS = (OperationalError, RedisError, OSError)
# After a failed publish, this process does not try the broker again for this long.
BROKER_RETRY_AFTER = 5.0
_broker_away_until = 0.0


def broker_retry_now() -> None:
    """Forget a recent broker failure (the next enqueue tries the broker at once)."""
    global _broker_away_until
    _broker_away_until = 0.0


def task_named(name: str):
    """The registered task of that name. A worker imports every app's `tasks` module when it starts; a web
    process imports none, so the first lookup of a name it has not seen has the app import them (the
    loader's default modules, which run the autodiscovery)."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def enqueue(task, args: Sequence = (), kwargs: dict | None = None, *, countdown: float | None = None) -> bool:
    """Send a task (by name, or the task itself) to the broker; False when the message was not sent."""
    global _broker_away_until
    name = task if isinstance(task, str) else task.name
    if current_app.conf.task_always_eager:
        task_named(name).apply_async(args=list(args), kwargs=kwargs, countdown=countdown)
        return True
    if time.monotonic() < _broker_away_until:
        logger.info("Broker away, %s%r left to the outbox sweeper", name, args)
        return False
    try:
        task_named(name).apply_async(args=list(args), kwargs=kwargs, countdown=countdown)
    except BROKER_ERRORS as exc:
        _broker_away_until = time.monotonic() + BROKER_RETRY_AFTER
        logger.warning("Broker unavailable, %s%r not enqueued (the outbox sweeper will): %s", name, args, exc)
        return False
    return True


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """`enqueue` once the current transaction commits; a broker outage never breaks the request."""
    transaction.on_commit(functools.partial(enqueue, task, args, kwargs or None))


def deliver(ids: Sequence[int], *, countdown: float | None = None) -> None:
    """Enqueue delivery of outbox rows now, in batches; a refused batch waits for the broker."""
    size = max(1, settings.OUTBOX_BATCH_SIZE)
    ids = list(ids)
    for start in range(0, len(ids), size):
        batch = ids[start : start + size]
        if not enqueue(DELIVER_TASK, [batch], countdown=countdown):
            notifications_wait_for_broker(ids=batch)


def deliver_on_commit(ids: Sequence[int]) -> None:
    """Enqueue delivery of outbox rows when the current transaction commits (at once outside one)."""
    if ids:
        transaction.on_commit(functools.partial(deliver, list(ids)))


def notifications_wait_for_broker(*, ids: Sequence[int]) -> int:
    """Their delivery task could not be enqueued: mark the pending ones for the quick sweep."""
    marked = 0
    now = timezone.now()
    ids = list(ids)
    for start in range(0, len(ids), 500):
        marked += (
            Notification.objects.pending()
            .filter(pk__in=ids[start : start + 500])
            .update(waiting_for=Notification.Waiting.BROKER, updated_at=now)
        )
    return marked
