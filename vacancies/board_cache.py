"""A server-side cache for the public pages, so the busiest ones cost no queries when warm.

Three kinds of entry:
- a search's frame (filter form, count, pagination and the list of its cards' keys), per normalised query,
  page and audience, under the *board version*: it changes after a change the public can see (a vacancy that
  is or was public: publish, edit, close, expire, delete) and every day (the "open" filter reads the date);
- a card per vacancy, keyed by the vacancy's id and update time and its company's update time, shared by
  every search that shows it (so a new search renders only its frame); role families, industries and
  companies are in a card (and skills on a vacancy's page), so their changes also move the *cards version*;
- the filter vocabularies (role families, industries) under the cards version.
Drafts, submissions and rejections change neither version. Entries expire after BOARD_CACHE_SECONDS. If the
cache backend is unreachable the pages are simply rendered each time.

Every entry's key carries a version or an update time, so what is stored under a key never changes: each web
process keeps the entries it last used (`recent`, bounded by BOARD_LOCAL_CACHE_BYTES) and asks the shared cache
only for the versions, once per request (`versions` is remembered until the request ends or a version moves).
A change is still seen by every process on its next request: it moves a version, so every key changes."""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

VERSION_KEY = "vacancies:board:version"
CARDS_VERSION_KEY = "vacancies:cards:version"
# A card's key carries its vacancy's and company's update times, so it can never show old data: it may live a
# day (every open vacancy's card stays warm between searches), while search entries live BOARD_CACHE_SECONDS.
CARD_SECONDS = 24 * 3600

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


class Recent:
    """This process's copies of the entries it used last, up to `limit` bytes of text (least recently used
    go first). Safe only because an entry's key changes whenever its content would."""

    def __init__(self, limit: int):
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def weight(value: Any) -> int:
        if isinstance(value, str | bytes):
            return len(value) + 64
        if isinstance(value, dict):
            return 64 + sum(Recent.weight(item) for item in value.values())
        if isinstance(value, list | tuple):
            return 64 + sum(Recent.weight(item) for item in value)
        return 64

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        found = {}
        with self._lock:
            for key in keys:
                entry = self._entries.get(key)
                if entry is not None:
                    self._entries.move_to_end(key)
                    found[key] = entry[0]
        return found

    def put_many(self, values: dict[str, Any]) -> None:
        with self._lock:
            for key, value in values.items():
                weight = self.weight(value)
                if weight > self.limit:
                    continue
                old = self._entries.pop(key, None)
                self.size += weight - (old[1] if old else 0)
                self._entries[key] = (value, weight)
            while self.size > self.limit:
                _key, (_value, weight) = self._entries.popitem(last=False)
                self.size -= weight

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0


recent = Recent(settings.BOARD_LOCAL_CACHE_BYTES)
# The versions as read in the current request (None outside a request: every call asks the cache).
_request = threading.local()


def _request_started(**kwargs) -> None:
    _request.versions = None
    _request.active = True


def _request_finished(**kwargs) -> None:
    _request.versions = None
    _request.active = False


def versions() -> tuple[str, str]:
    """(board version, cards version), created on first use, read once per request. Raises when the cache is
    unreachable."""
    if getattr(_request, "active", False) and _request.versions is not None:
        return _request.versions
    found = cache.get_many([VERSION_KEY, CARDS_VERSION_KEY])
    board, cards = found.get(VERSION_KEY), found.get(CARDS_VERSION_KEY)
    if board is None or cards is None:
        for key in (VERSION_KEY, CARDS_VERSION_KEY):
            cache.add(key, secrets.token_hex(8), None)
        found = cache.get_many([VERSION_KEY, CARDS_VERSION_KEY])
        board, cards = found.get(VERSION_KEY, "0"), found.get(CARDS_VERSION_KEY, "0")
    if getattr(_request, "active", False):
        _request.versions = (board, cards)
    return board, cards


def key_for(query: str, audience: str, version: str) -> str:
    digest = hashlib.sha256(f"{audience}|{query}".encode()).hexdigest()[:32]
    return f"vacancies:board:{version}:{timezone.localdate().isoformat()}:{digest}"


def card_key(*, pk: int, updated_at, company_updated_at, cards_version: str) -> str:
    return f"vacancies:card:{cards_version}:{pk}:{updated_at.timestamp():.6f}:{company_updated_at.timestamp():.6f}"


def get(query: str, audience: str) -> tuple[str | None, Any]:
    """(key, cached value or None). The key is None when caching is off or the cache is unreachable."""
    if timeout() <= 0:
        return None, None
    try:
        key = key_for(query, audience, versions()[0])
    except Exception as error:  # a cache outage must never take the board down
        _unavailable(error, "rendering the board without it")
        return None, None
    return key, get_many([key]).get(key)


def current_versions() -> tuple[str, str] | None:
    """(board version, cards version), or None when caching is off or the cache is unreachable."""
    if timeout() <= 0:
        return None
    try:
        return versions()
    except Exception as error:
        _unavailable(error, "rendering the pages without it")
        return None


def cards_version() -> str | None:
    """The cards version, or None when caching is off or the cache is unreachable."""
    found = current_versions()
    return found[1] if found else None


def get_many(keys: list[str]) -> dict[str, Any]:
    """The entries found, in this process first, then in the shared cache."""
    found = recent.get_many(keys)
    missing = [key for key in keys if key not in found]
    if not missing:
        return found
    try:
        shared = cache.get_many(missing)
    except Exception as error:
        _unavailable(error, "rendering the cards without it")
        return found
    _reachable()
    recent.put_many(shared)
    return {**found, **shared}


def put_many(values: dict[str, Any], *, seconds: int | None = None) -> None:
    if not values:
        return
    recent.put_many(values)
    try:
        cache.set_many(values, seconds or timeout())
    except Exception as error:
        _unavailable(error, "not storing the cards")
        return
    _reachable()


def put(key: str | None, value: Any) -> None:
    if key is not None:
        put_many({key: value})


def bump_version(*, cards: bool = False) -> None:
    _request.versions = None
    new = {VERSION_KEY: secrets.token_hex(8)}
    if cards:
        new[CARDS_VERSION_KEY] = secrets.token_hex(8)
    try:
        cache.set_many(new, None)
    except Exception as error:
        _unavailable(error, f"cached boards expire after {timeout()}s")
        return
    _reachable()


def _bump_twice(cards: bool) -> None:
    # Now, and again after commit: a board rendered from the old rows between the two is stored under a
    # version that is never read again.
    bump_version(cards=cards)
    transaction.on_commit(lambda: bump_version(cards=cards))


def is_public(vacancy) -> bool:
    """Whether the public has seen or sees this vacancy: it is (or was) published. Drafts, submissions and
    rejections of never-published vacancies are invisible to the board."""
    from vacancies.models import Vacancy

    public = (Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED)
    return vacancy.status in public or vacancy.published_at is not None


def _vacancy_changed(sender, instance, **kwargs) -> None:
    if is_public(instance):
        _bump_twice(cards=False)  # the card's key carries the update time: edited cards re-render


def _shown_in_cards_changed(sender, **kwargs) -> None:
    _bump_twice(cards=True)


def connect() -> None:
    from accounts.models import Industry, RoleFamily, Skill
    from vacancies.models import Company, Vacancy

    for model, receiver in ((Vacancy, _vacancy_changed), (Company, _shown_in_cards_changed)):
        uid = f"board-cache-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
    request_started.connect(_request_started, dispatch_uid="board-cache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="board-cache-request-finished")
    for model in (RoleFamily, Industry, Skill):  # a vacancy's page names its skills
        uid = f"board-cache-{model._meta.label_lower}"
        post_save.connect(_shown_in_cards_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_shown_in_cards_changed, sender=model, dispatch_uid=f"{uid}-delete")
