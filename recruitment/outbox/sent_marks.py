"""Sent marks: a note in the shared cache (Redis in production) that the SMTP server accepted a row's
message, written by the sending thread the moment the server answers 250, before the row is marked
sent in the database.

They narrow the one duplicate window of the outbox. A worker killed after the server accepted a message
but before its UPDATE ... SET status = 'sent' committed leaves the row `sending`; the sweeper takes it
back and, without the mark, it would go out a second time. With the mark, the next batch that loads the
row finds it and only records it as sent. What is left is the time between the 250 and the cache's reply
to one SET (well under a millisecond on a local network), instead of the time until the next row has
been rendered and the database has been written.

The marks are an optimisation, never a condition: when the cache is away (or is a per-process memory
cache, as in development), delivery works as before. After a cache error the marks are left alone for
RETRY_AFTER seconds, so an outage costs one failed call, not one per email.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache

logger = logging.getLogger(__name__)

PREFIX = "outbox:sent:"
# Longer than any path by which a row claimed before a crash comes back (stale sweep, broker redelivery).
TTL_SECONDS = 2 * 24 * 3600
RETRY_AFTER = 5.0
_skip_until = 0.0

T = TypeVar("T")


def _key(notification_id: int) -> str:
    return f"{PREFIX}{notification_id}"


def _quietly(call: Callable[[], T], default: T) -> T:
    global _skip_until
    if time.monotonic() < _skip_until:
        return default
    try:
        return call()
    except Exception as exc:  # the cache is away: delivery goes on without marks
        _skip_until = time.monotonic() + RETRY_AFTER
        logger.warning("Outbox sent marks unavailable for %.0f s: %s", RETRY_AFTER, exc)
        return default


def sent_mark(notification_id: int) -> None:
    """Record that the SMTP server accepted this row's message (called right after its 250)."""
    _quietly(lambda: cache.set(_key(notification_id), 1, TTL_SECONDS), None)


def sent_marked(notification_ids: Iterable[int]) -> set[int]:
    """The rows among `notification_ids` whose message an SMTP server has already accepted (one round trip)."""
    keys = [_key(pk) for pk in notification_ids]
    if not keys:
        return set()
    found = _quietly(lambda: cache.get_many(keys), {})
    return {int(key.removeprefix(PREFIX)) for key in found}


def sent_marks_retry_now() -> None:
    """Forget a recent cache failure (tests)."""
    global _skip_until
    _skip_until = 0.0
