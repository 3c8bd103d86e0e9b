"""Alerts and notifications through the real parts: Redis, a Celery worker process and an SMTP server,
including a killed worker, a Redis outage and an SMTP outage."""

from __future__ import annotations

import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from accounts.models import CandidateProfile
from recruitment import tasks
from recruitment.emails.alerts import MATCH_ALERT
from recruitment.emails.applications import APPLICATION_CONFIRMED, APPLICATION_RECEIVED
from recruitment.emails.vacancies import VACANCY_PUBLISHED
from recruitment.models import Notification
from recruitment.outbox.enqueue import enqueue
from tests import factories
from tests.support.alerts import bulk_hop_candidates, hop_candidate, hop_vacancy, weak_candidate
from tests.support.services import body, wait_until
from vacancies.models import Application, Vacancy
from vacancies.services import application_move, vacancy_publish

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Status = Notification.Status


@pytest.fixture
def worker_extra_env(redis_server):
    """One vacancy alerts hundreds of candidates here: above the per-vacancy alert cap's default. The
    workers share a Redis cache, as in production (the outbox's sent marks live there)."""
    return {
        "MATCH_ALERTS_PER_VACANCY": "100000",
        "MATCH_KEEP_PER_VACANCY": "100000",
        "CACHE_URL": "redis",
        "REDIS_CACHE_URL": redis_server.url,
    }


def statuses(**filters) -> Counter:
    return Counter(Notification.objects.filter(**filters).values_list("status", flat=True))


def all_sent(expected: int, **filters) -> bool:
    return statuses(**filters) == Counter({Status.SENT: expected})


def sweep_until(condition, *, timeout: float, interval: float = 1.0) -> None:
    """Do what Celery beat does every minute (enqueue the sweeper), faster, until `condition`."""

    def swept() -> bool:
        if condition():
            return True
        enqueue(tasks.outbox_sweep_task)
        return False

    wait_until(swept, timeout=timeout, interval=interval, what="the outbox to drain")


def report(capsys, line: str) -> None:
    with capsys.disabled():
        print(f"\n[outbox] {line}")


def test_publishing_alerts_each_matching_candidate_once_with_working_links(start_worker, smtp_sink, recruiter, client):
    start_worker()
    matching = [hop_candidate() for _ in range(3)]
    below = weak_candidate()
    silent = hop_candidate(alert_frequency=CandidateProfile.AlertFrequency.OFF)
    employer = factories.EmployerProfileFactory()
    vacancy = hop_vacancy(company=employer.company, title="Head of Product, Payments Platform")

    vacancy_publish(vacancy=vacancy, by=recruiter)

    wait_until(lambda: all_sent(4), timeout=60, what="3 alerts and the employer's email")
    messages = smtp_sink.messages
    assert len(messages) == 4
    assert len(smtp_sink.to(employer.user.email)) == 1
    assert smtp_sink.to(below.user.email) == []
    assert smtp_sink.to(silent.user.email) == []
    for profile in matching:
        (alert,) = smtp_sink.to(profile.user.email)
        match = profile.matches.get(vacancy=vacancy)
        assert alert["Subject"] == f"New match: {vacancy.title} at {employer.company.name} ({match.score}% match)"
        text = body(alert)
        assert "Why it matches:" in text
        for criterion in match.breakdown:
            assert criterion["reason"] in text
        html = body(alert, "html")
        assert f'href="http://testserver{vacancy.get_absolute_url()}"' in html

        # The links work: the vacancy page, then the one-click unsubscribe.
        vacancy_link = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Read the"))
        page = client.get(urlsplit(vacancy_link).path)
        assert page.status_code == 200
        assert vacancy.title in page.content.decode()
        unsubscribe = urlsplit(str(alert["List-Unsubscribe"]).strip().strip("<>")).path
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert client.get(unsubscribe).status_code == 200
    assert client.post(unsubscribe, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert CandidateProfile.objects.get(pk=matching[-1].pk).alert_frequency == CandidateProfile.AlertFrequency.OFF


def test_killing_the_worker_mid_batch_loses_no_alert(start_worker, smtp_sink, recruiter, capsys):
    total = 500
    profiles = bulk_hop_candidates(total, prefix="killed")
    vacancy = hop_vacancy()
    first = start_worker()

    vacancy_publish(vacancy=vacancy, by=recruiter)
    wait_until(lambda: smtp_sink.count >= 150, timeout=90, interval=0.005, what="150 alerts")
    first.kill()
    delivered_before_kill = smtp_sink.count
    at_kill = statuses(kind=MATCH_ALERT)
    assert delivered_before_kill < total, "the worker finished before it could be killed"

    start_worker()
    sweep_until(lambda: all_sent(total, kind=MATCH_ALERT), timeout=120)

    received = Counter(str(m["To"]) for m in smtp_sink.messages)
    assert set(received) == {p.user.email for p in profiles}
    duplicates = smtp_sink.duplicates()
    report(
        capsys,
        f"kill -9 mid-batch: {total} alerts, {delivered_before_kill} delivered before the kill "
        f"(rows then: {dict(at_kill)}), all {len(received)} delivered after a new worker started; "
        f"duplicates: {duplicates}",
    )
    # At-least-once: the only message that can be sent twice is the one in flight when the process died,
    # and only if it died between the server's 250 and the sent mark in Redis (a single SET) that the
    # next batch checks. One worker process, so at most one.
    assert duplicates <= 1
    assert sum(received.values()) == total + duplicates


def test_publishing_and_applying_while_redis_is_down_succeed_and_the_emails_follow(
    start_worker, redis_server, smtp_sink, recruiter, candidate, client, capsys
):
    start_worker()
    matching = [hop_candidate() for _ in range(3)]
    employer = factories.EmployerProfileFactory()
    vacancy = hop_vacancy(company=employer.company)
    redis_server.stop()

    started = time.monotonic()
    vacancy_publish(vacancy=vacancy, by=recruiter)
    took = time.monotonic() - started
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert took < 10

    # The site keeps serving, and a web request that writes to the outbox succeeds.
    client.force_login(candidate)
    assert client.get(vacancy.get_absolute_url()).status_code == 200
    started = time.monotonic()
    response = client.post(reverse("vacancies:apply", kwargs={"slug": vacancy.slug}), {"cv_source": "profile"})
    apply_took = time.monotonic() - started
    assert response.status_code == 302
    assert apply_took < 10
    assert statuses(kind=APPLICATION_RECEIVED) == Counter({Status.PENDING: 2})  # employer + recruiter
    assert statuses(kind=APPLICATION_CONFIRMED) == Counter({Status.PENDING: 1})  # the applicant
    assert statuses(kind=VACANCY_PUBLISHED) == Counter({Status.PENDING: 1})
    time.sleep(2)
    assert smtp_sink.messages == []

    redis_server.start()  # empty: whatever was queued before the outage is gone
    sweep_until(lambda: all_sent(7), timeout=120)

    report(
        capsys,
        f"Redis down: publish took {took:.2f}s, the apply request {apply_took:.2f}s, both succeeded; "
        "7/7 emails delivered after Redis came back",
    )
    assert len(smtp_sink.to(employer.user.email)) == 2  # vacancy live + new application
    assert len(smtp_sink.to(recruiter.email)) == 1
    for profile in matching:
        (alert,) = smtp_sink.to(profile.user.email)
        assert alert["Subject"].startswith(f"New match: {vacancy.title}")
    (received,) = smtp_sink.to(candidate.email)
    assert received["Subject"] == f"We received your application for {vacancy.title}"
    assert len(smtp_sink.messages) == 7


def test_a_permanent_refusal_fails_the_row_and_is_not_retried(start_worker, smtp_sink, recruiter, candidate):
    smtp_sink.refuse("bounce@example.com", "550 5.1.1 <bounce@example.com>: Recipient address rejected")
    bounce = factories.UserFactory(email="bounce@example.com")
    factories.CompleteCandidateProfileFactory(user=bounce)
    start_worker()

    for user in (bounce, candidate):
        application = factories.ApplicationFactory(candidate=user)
        application_move(application=application, stage=Application.Stage.SCREENING, by=recruiter)

    failed = Notification.objects.get(to_email="bounce@example.com")
    delivered = Notification.objects.get(to_email=candidate.email)

    def settled() -> bool:
        failed.refresh_from_db()
        delivered.refresh_from_db()
        return failed.status == Status.FAILED and delivered.status == Status.SENT

    wait_until(settled, timeout=60, what="one row failed and one sent")
    assert "550" in failed.last_error
    assert "Recipient address rejected" in failed.last_error

    # Longer than the retry delay and the stale time, with sweeps: nothing retries it.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        enqueue(tasks.outbox_sweep_task)
        time.sleep(1)
    failed.refresh_from_db()
    assert failed.status == Status.FAILED
    assert failed.attempts == 1
    assert smtp_sink.to("bounce@example.com") == []
    # (The sweeper also matched the factory-made vacancies, which never went through publishing.)
    updates = [m for m in smtp_sink.to(candidate.email) if m["Subject"].startswith("Your application")]
    assert len(updates) == 1
