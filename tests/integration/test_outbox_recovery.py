"""How soon email flows again after Redis or the SMTP server comes back, with the production timings
(stale after 300 s, retries from 30 s) and Celery beat running the project's schedule inside the worker.
No test here runs a sweep itself: what recovers is what production runs.

Before the quick sweep, a row whose task Redis refused waited until it was stale (300 s) plus the next
minute's sweep, and a row whose SMTP server was down waited for its retry (15-30 s after the first failure,
then 30-60 s, ...): after a 35 s SMTP outage, 10-55 s more. The bound asserted here is 10 s."""

from __future__ import annotations

import time

import pytest

from recruitment.emails.applications import STAGE_CHANGED
from recruitment.models import Notification
from tests import factories
from tests.support.services import wait_until
from vacancies.models import Application
from vacancies.services import application_move

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Status = Notification.Status
RECOVERY_BOUND = 10.0


@pytest.fixture
def outbox_timings(settings):
    """The production defaults (tests/support/fixtures.py's short ones would hide the waits)."""
    timings = {"OUTBOX_STALE_AFTER_SECONDS": 300, "OUTBOX_RETRY_BASE_SECONDS": 30, "OUTBOX_RETRY_MAX_SECONDS": 1800}
    for name, value in timings.items():
        setattr(settings, name, value)
    return timings


def shortlist(candidate, recruiter) -> Notification:
    application = factories.ApplicationFactory(candidate=candidate)
    application_move(application=application, stage=Application.Stage.SHORTLISTED, by=recruiter)
    return Notification.objects.get(kind=STAGE_CHANGED, recipient=candidate)


def sent(notification: Notification) -> bool:
    notification.refresh_from_db()
    return notification.status == Status.SENT


def report(capsys, line: str) -> None:
    with capsys.disabled():
        print(f"\n[recovery] {line}")


def test_email_flows_within_seconds_of_redis_coming_back(
    start_worker, redis_server, smtp_sink, recruiter, candidate, capsys
):
    start_worker(beat=True)
    redis_server.stop()

    row = shortlist(candidate, recruiter)  # the web request commits; its task cannot be published
    assert row.status == Status.PENDING
    assert row.waiting_for == Notification.Waiting.BROKER
    time.sleep(20)  # long enough for kombu's reconnect backoff to have grown past 10 s
    assert smtp_sink.count == 0

    redis_server.start()
    back = time.monotonic()
    wait_until(lambda: sent(row), timeout=90, interval=0.1, what="the email after Redis came back")
    recovery = time.monotonic() - back
    report(
        capsys, f"Redis down 20 s: email delivered {recovery:.1f} s after it came back (bound {RECOVERY_BOUND:.0f} s)"
    )
    assert len(smtp_sink.to(candidate.email)) == 1
    assert recovery < RECOVERY_BOUND


def test_email_flows_within_seconds_of_the_smtp_server_coming_back(
    start_worker, smtp_sink, recruiter, candidate, capsys
):
    start_worker(beat=True)
    smtp_sink.stop()
    down = time.monotonic()

    row = shortlist(candidate, recruiter)

    def refused() -> bool:
        row.refresh_from_db()
        return "ConnectionRefusedError" in row.last_error

    wait_until(refused, timeout=30, interval=0.1, what="a refused connection")
    time.sleep(max(0.0, 35 - (time.monotonic() - down)))
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.PENDING, 0)  # an unreachable server uses no attempt

    smtp_sink.start()
    back = time.monotonic()
    wait_until(lambda: sent(row), timeout=120, interval=0.1, what="the email after the SMTP server came back")
    recovery = time.monotonic() - back
    report(
        capsys,
        f"SMTP down 35 s: email delivered {recovery:.1f} s after it came back (bound {RECOVERY_BOUND:.0f} s)",
    )
    (message,) = smtp_sink.to(candidate.email)
    assert message["Subject"].endswith(": Shortlisted")
    row.refresh_from_db()
    assert (row.attempts, row.last_error, row.waiting_for) == (1, "", "")
    assert recovery < RECOVERY_BOUND
