"""The quick sweep: rows that wait for the broker or the SMTP server go out as soon as it is back.

The regular sweeper (`recruitment.outbox.sweeper`) finds any row left behind, but only once it is stale
(OUTBOX_STALE_AFTER_SECONDS), so an outage cost minutes. Rows whose fate is known are marked instead:
- `waiting_for=broker`: their delivery task could not be enqueued (`recruitment.outbox.enqueue.deliver`
  marks them when a publish fails);
- `waiting_for=smtp`: the SMTP server could not be reached (`recruitment.outbox.delivery`).
`outbox_requeue` takes them back: the broker rows at once (it runs in a worker, so the broker is back),
the SMTP rows after one probe connection succeeds. A partial index holds only the marked rows, so the
query is cheap enough to run every few seconds (Celery beat, OUTBOX_REQUEUE_SECONDS) and each time a
worker (re)connects to the broker.

What it takes back is scheduled for delivery as every row is (on commit); `recruitment.tasks.outbox_requeue_task`
runs it, with the matching of vacancies published while the broker was away.
"""

from __future__ import annotations

import logging

from django.core.mail import get_connection
from django.utils import timezone

from recruitment.models import Notification
from recruitment.outbox.enqueue import deliver_on_commit
from recruitment.outbox.rows import CHUNK, chunked

logger = logging.getLogger(__name__)

Waiting = Notification.Waiting
# Most rows one quick sweep takes back (the next one takes the rest).
REQUEUE_LIMIT = 20_000


def smtp_reachable() -> bool:
    """One connection to the SMTP server (opened and closed): does it answer?"""
    connection = get_connection()
    try:
        connection.open()
    except Exception as exc:  # refused, timed out, TLS, 4xx greeting: still away
        logger.info("SMTP server still unreachable: %s", exc)
        return False
    try:
        connection.close()
    except Exception:  # the probe answered; closing it is not our concern
        logger.debug("Closing the SMTP probe connection failed", exc_info=True)
    return True


def _take(what: str) -> list[int]:
    waiting = Notification.objects.waiting_for(what)
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:REQUEUE_LIMIT])
    now = timezone.now()
    for chunk in chunked(ids, CHUNK):
        Notification.objects.waiting_for(what).filter(pk__in=chunk).update(waiting_for=Waiting.NOTHING, updated_at=now)
    return ids


def outbox_requeue() -> list[int]:
    """Take back the rows that waited for the broker, and those that waited for the SMTP server if it answers
    a probe, and schedule them; returns their ids. Their marks are cleared (a failed enqueue marks them again)."""
    ids = _take(Waiting.BROKER)
    if Notification.objects.waiting_for(Waiting.SMTP).exists() and smtp_reachable():
        ids += _take(Waiting.SMTP)
    ids.sort()
    deliver_on_commit(ids)
    return ids
