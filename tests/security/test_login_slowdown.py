"""A password guess spread over many IPs is slowed per account (allauth's own limit is per account and IP),
the real user is not locked out for long, and recruiters hear of it once per account per window."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import login_slowdown
from recruitment.emails.security import LOGIN_FAILURES
from recruitment.models import Notification

pytestmark = pytest.mark.django_db

WRONG = "guess-guess-guess"


@pytest.fixture
def clock(monkeypatch):
    class Clock:
        now = 1_000_000.0

    monkeypatch.setattr(login_slowdown.time, "time", lambda: Clock.now)
    return Clock


def attempt(client, email, password, ip):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def spread_guesses(client, email, count, *, first=1, slowed=False):
    """`count` wrong passwords, each from its own IP; unless `slowed`, none may meet the slow-down."""
    for n in range(first, first + count):
        response = attempt(client, email, WRONG, f"203.0.113.{n}")
        assert slowed or b"Try again in" not in response.content


def test_a_guess_spread_over_many_ips_is_slowed_without_checking_the_password(client, candidate, password, clock):
    spread_guesses(client, candidate.email, 10)  # one per IP: allauth's per-(account, IP) limit never trips

    refused = attempt(client, candidate.email, password, "198.51.100.20")  # even the right password
    assert b"Too many failed login attempts for this account. Try again in 1 second." in refused.content
    assert "_auth_user_id" not in client.session

    clock.now += 1
    assert attempt(client, candidate.email, WRONG, "203.0.113.50").status_code == 200  # checked: wrong
    assert b"Try again in 2 seconds" in attempt(client, candidate.email, password, "203.0.113.51").content
    clock.now += 2
    assert attempt(client, candidate.email, password, "198.51.100.20").status_code == 302


def test_the_wait_grows_and_is_capped_at_a_minute(client, candidate, clock):
    spread_guesses(client, candidate.email, 10)
    waits = []
    for n in range(8):
        wait = login_slowdown.login_wait_seconds(login=candidate.email, ip="203.0.113.99")
        waits.append(wait)
        clock.now += wait
        attempt(client, candidate.email, WRONG, f"203.0.113.{100 + n}")
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]


def test_the_real_user_from_an_ip_they_logged_in_from_is_never_slowed(client, candidate, password, clock):
    assert attempt(client, candidate.email, password, "198.51.100.7").status_code == 302
    client.logout()
    spread_guesses(client, candidate.email, 12, slowed=True)
    assert b"Try again in" in attempt(client, candidate.email, password, "198.51.100.8").content
    assert attempt(client, candidate.email, password, "198.51.100.7").status_code == 302


def test_recruiters_are_told_once_per_account_per_window(
    client, candidate, recruiter, clock, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        spread_guesses(client, candidate.email, 10)
        clock.now += 60
        spread_guesses(client, candidate.email, 3, first=20, slowed=True)
    rows = Notification.objects.filter(kind=LOGIN_FAILURES)
    assert [(r.recipient, r.status) for r in rows] == [(recruiter, Notification.Status.SENT)]
    (message,) = [m for m in mail.outbox if m.to == [recruiter.email]]
    assert message.subject.endswith(f"Failed logins: 10 on {candidate.email} in 15 minutes")
    assert "from 10 addresses" in message.body
    assert f"/admin/accounts/user/{candidate.pk}/change/" in message.body
    assert WRONG not in message.body

    # A new window (the counters expired), a new alert.
    clock.now += settings.LOGIN_SLOWDOWN_WINDOW_SECONDS
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spread_guesses(client, candidate.email, 10, first=30)
    assert Notification.objects.filter(kind=LOGIN_FAILURES).count() == 2


def test_an_unknown_address_is_slowed_alike_and_alerts_no_one(client, recruiter, clock):
    spread_guesses(client, "nobody@example.com", 10)
    assert b"Try again in" in attempt(client, "nobody@example.com", WRONG, "198.51.100.1").content
    assert not Notification.objects.filter(kind=LOGIN_FAILURES).exists()
