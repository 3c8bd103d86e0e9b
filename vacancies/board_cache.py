"""A server-side cache for the rendered board, so the busiest public page costs no queries when warm.

The rendered results (filter form, count, cards, pagination) are cached per normalised query and audience, under
a board version that changes after any commit touching what the board shows (vacancies, companies, role
families, industries) and every day (the "open" filter depends on today's date). Entries also expire after
BOARD_CACHE_SECONDS. If the cache backend is unreachable the board is simply rendered each time."""

from __future__ import annotations

import hashlib
import logging
import secrets
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

VERSION_KEY = "vacancies:board:version"

# What a cache backend raises when its server is away (Django's RedisCache lets redis-py's errors through).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Whether the current outage has been logged: one warning line per outage, not a traceback per save.
_away = False


def _unavailable(error: Exception, consequence: str) -> None:
    global _away
    if isinstance(error, UNREACHABLE):
        if not _away:
            _away = True
            logger.warning("Board cache unavailable (%s); %s (said once per outage)", error, consequence)
    else:  # not an outage: a bug worth its traceback
        logger.warning("Board cache failed; %s", consequence, exc_info=error)


def _reachable() -> None:
    global _away
    if _away:
        _away = False
        logger.info("Board cache reachable again")


def timeout() -> int:
    return settings.BOARD_CACHE_SECONDS


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), None)
        version = cache.get(VERSION_KEY) or "0"
    return version


def key_for(query: str, audience: str) -> str:
    digest = hashlib.sha256(f"{audience}|{query}".encode()).hexdigest()[:32]
    return f"vacancies:board:{_version()}:{timezone.localdate().isoformat()}:{digest}"


def get(query: str, audience: str) -> tuple[str | None, Any]:
    """(key, cached value or None). The key is None when caching is off or the cache is unreachable."""
    if timeout() <= 0:
        return None, None
    try:
        key = key_for(query, audience)
        value = cache.get(key)
    except Exception as error:  # a cache outage must never take the board down
        _unavailable(error, "rendering the board without it")
        return None, None
    _reachable()
    return key, value


def put(key: str | None, value: Any) -> None:
    if key is None:
        return
    try:
        cache.set(key, value, timeout())
    except Exception as error:
        _unavailable(error, "not storing the board")
        return
    _reachable()


def bump_version() -> None:
    try:
        cache.set(VERSION_KEY, secrets.token_hex(8), None)
    except Exception as error:
        _unavailable(error, f"cached boards expire after {timeout()}s")
        return
    _reachable()


def _changed(sender, **kwargs) -> None:
    # Now, and again after commit: a board rendered from the old rows between the two is stored under a
    # version that is never read again.
    bump_version()
    transaction.on_commit(bump_version)


def connect() -> None:
    from accounts.models import Industry, RoleFamily
    from vacancies.models import Company, Vacancy

    for model in (Vacancy, Company, RoleFamily, Industry):
        uid = f"board-cache-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
