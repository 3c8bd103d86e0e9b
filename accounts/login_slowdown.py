"""The per-account login slow-down: a guess spread over many IPs is slowed too.

allauth throttles failed logins per (account, IP) (our adapter's key) and per IP, so an attacker with many
addresses is never slowed on one account. Here the failures for one login identifier are counted across all
IPs in a window (LOGIN_SLOWDOWN_WINDOW_SECONDS). From the LOGIN_SLOWDOWN_AFTER_FAILURES-th failure on, each
further attempt must wait: 1 s, then 2, 4, ... capped at LOGIN_SLOWDOWN_MAX_DELAY_SECONDS. An attempt made
too early is refused without checking the password (it tells no one anything and costs no hashing).

The real user is never locked out for long: the wait is capped at a minute, and an IP from which the
account logged in before (within LOGIN_KNOWN_DEVICE_DAYS) is never slowed. The first time an account
crosses the threshold in a window, `login_failure_record` says so, and the adapter announces it (the
`login_failures_spiked` signal) so the recruiters are told once per account per window.

Counters live in the default cache under "login-slowdown:" (Redis; kept in process memory while Redis is
away, see recruitment/config/cache.py). Keys hold a hash of the identifier, never the address itself.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

PREFIX = "login-slowdown:"


def _account(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def _window() -> int:
    return settings.LOGIN_SLOWDOWN_WINDOW_SECONDS


def _counter(key: str) -> int:
    cache.add(key, 0, _window())
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, _window())
        return 1


def login_wait_seconds(*, login: str, ip: str) -> int:
    """Seconds before this account may try a password again from `ip` (0: go ahead)."""
    if not login:
        return 0
    account = _account(login)
    if cache.get(f"{PREFIX}known:{account}:{ip}"):
        return 0
    until = cache.get(f"{PREFIX}until:{account}")
    return max(0, math.ceil(until - time.time())) if until else 0


@dataclass(frozen=True)
class FailureCount:
    failures: int  # for this account in the window, from any IP
    addresses: int  # distinct IPs they came from
    first_spike: bool  # this failure crossed the threshold, for the first time in the window
    window_id: int  # which window (for a dedupe key)


def login_failure_record(*, login: str, ip: str) -> FailureCount:
    account = _account(login)
    failures = _counter(f"{PREFIX}failures:{account}")
    if cache.add(f"{PREFIX}ip:{account}:{ip}", 1, _window()):
        addresses = _counter(f"{PREFIX}addresses:{account}")
    else:
        addresses = cache.get(f"{PREFIX}addresses:{account}") or 1
    threshold = settings.LOGIN_SLOWDOWN_AFTER_FAILURES
    first_spike = False
    if failures >= threshold:
        delay = min(settings.LOGIN_SLOWDOWN_MAX_DELAY_SECONDS, 2 ** min(failures - threshold, 16))
        cache.set(f"{PREFIX}until:{account}", time.time() + delay, _window())
        first_spike = bool(cache.add(f"{PREFIX}alerted:{account}", 1, _window()))
    return FailureCount(failures, addresses, first_spike, int(time.time() // _window()))


def login_success_record(*, login: str, ip: str) -> None:
    """The password was right from this IP: it is not slowed for this account from now on."""
    if login:
        days = settings.LOGIN_KNOWN_DEVICE_DAYS
        cache.set(f"{PREFIX}known:{_account(login)}:{ip}", 1, days * 24 * 3600)
