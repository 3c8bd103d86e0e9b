"""Logging in, signing up and resetting a password keep working while Redis is down (security finding 9):
allauth's rate limits live in the default cache, which used to turn a Redis outage into 500s on these pages.
A real redis-server is started, used, and stopped in the middle of the test."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from tests import factories

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PASSWORD = "correct-horse-battery-9"


@pytest.fixture
def redis_cache(redis_server):
    """The default cache is the production backend on the test's Redis (until the test ends, before
    redis_server stops and the suite's own teardown clears the cache)."""
    caches = {
        "default": {
            "BACKEND": "recruitment.config.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=caches):
        cache.set("probe", 1)
        assert cache.get("probe") == 1  # really Redis
        yield redis_server


def test_login_signup_and_password_reset_work_while_redis_is_down(client, redis_cache, caplog):
    user = factories.UserFactory(role="candidate", email="ada@example.com")
    user.set_password(PASSWORD)
    user.save()
    factories.CandidateProfileFactory(user=user)
    redis_cache.stop()

    with caplog.at_level(logging.WARNING, logger="recruitment.config.cache"):
        login = client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
        assert login.status_code == 302
        assert client.session.get("_auth_user_id") == str(user.pk)
        client.logout()

        signup = client.post(
            reverse("account_signup"),
            {
                "first_name": "Grace",
                "last_name": "Hopper",
                "email": "grace@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert signup.status_code == 302
        assert any("grace@example.com" in message.to for message in mail.outbox)

        reset = client.post(reverse("account_reset_password"), {"email": "ada@example.com"})
        assert reset.status_code == 302
        assert any("ada@example.com" in message.to for message in mail.outbox if "assword" in message.subject)
    outage_lines = [r for r in caplog.records if r.name == "recruitment.config.cache"]
    assert len(outage_lines) == 1  # one line per outage, not one per call


def test_the_login_limits_still_hold_while_redis_is_down(client, redis_cache):
    """The counters fall back to this process's memory: a password guesser is still stopped."""
    factories.UserFactory(role="candidate", email="ada@example.com")
    redis_cache.stop()
    answers = [
        client.post(reverse("account_login"), {"login": "ada@example.com", "password": f"guess-{n}"}) for n in range(7)
    ]
    assert [answer.status_code for answer in answers] == [200] * 7  # the form again, with an error
    throttled = [b"Too many failed login attempts" in answer.content for answer in answers]
    assert throttled == [False] * 5 + [True] * 2


def test_after_the_outage_the_counters_are_in_redis_again(client, redis_cache, monkeypatch):
    import redis

    from recruitment.config import cache as resilient

    redis_cache.stop()
    client.post(reverse("account_login"), {"login": "nobody@example.com", "password": "wrong"})
    redis_cache.start()
    # RETRY_AFTER seconds later (the clock moved on): Redis is asked again.
    later = resilient.time.monotonic() + resilient.RETRY_AFTER + 1
    monkeypatch.setattr(resilient.time, "monotonic", lambda: later)
    client.post(reverse("account_login"), {"login": "nobody@example.com", "password": "wrong"})
    keys = redis.Redis.from_url(redis_cache.url).keys("*allauth:rl:*")
    assert keys, "the rate-limit counters should be back in Redis"
