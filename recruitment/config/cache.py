"""The default cache: Django's Redis cache, with rate limits that keep working while Redis is away.

allauth keeps its rate-limit counters (login, sign-up, password reset, email confirmation) in the default
cache. With a plain RedisCache a Redis outage turns those pages into 500s. Here, keys under
RATE_LIMIT_PREFIXES fall back to a memory cache of this process while Redis is unreachable: the limits
still hold, per process (so a little looser across several processes), until Redis answers again. After a
failure Redis is not asked again for those keys for RETRY_AFTER seconds, so a login during an outage does
not wait for a connect timeout on every counter. Every other key behaves as with RedisCache (the board
cache, for one, handles an outage itself and simply renders). One warning line per outage, none per call.
"""

from __future__ import annotations

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What redis-py raises when the server is away.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# allauth's rate limits ("allauth:rl:...") and the per-account login slow-down.
RATE_LIMIT_PREFIXES = ("allauth:", "login-slowdown:")
RETRY_AFTER = 5.0


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"rate-limits-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self.skip_redis_until = 0.0
        self.away = False

    def _outage(self, error: Exception) -> None:
        self.skip_redis_until = time.monotonic() + RETRY_AFTER
        if not self.away:
            self.away = True
            logger.warning("Redis cache unreachable (%s): rate limits are kept in this process meanwhile", error)

    def _call(self, name: str, key: str, *args, **kwargs):
        local = key.startswith(RATE_LIMIT_PREFIXES)
        if local and time.monotonic() < self.skip_redis_until:
            return getattr(self.fallback, name)(key, *args, **kwargs)
        try:
            result = getattr(super(), name)(key, *args, **kwargs)
        except UNREACHABLE as error:
            if not local:
                raise
            self._outage(error)
            return getattr(self.fallback, name)(key, *args, **kwargs)
        if self.away:
            self.away = False
            logger.info("Redis cache reachable again")
        return result

    def add(self, key, *args, **kwargs):
        return self._call("add", key, *args, **kwargs)

    def get(self, key, *args, **kwargs):
        return self._call("get", key, *args, **kwargs)

    def set(self, key, *args, **kwargs):
        return self._call("set", key, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", key, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._call("delete", key, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._call("has_key", key, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._call("incr", key, *args, **kwargs)
