"""The outbox: one row per event, claimed before sending, sent once, retried with backoff on transient
SMTP errors, failed on permanent ones, and swept up when a worker or the broker lost it."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from recruitment import tasks
from recruitment.emails.applications import STAGE_CHANGED
from recruitment.matching.alerting import vacancies_never_matched
from recruitment.models import Notification
from recruitment.outbox.delivery import (
    DeliveryReport,
    classify_error,
    max_retry_delay,
    notification_claim,
    notification_retry,
    notifications_deliver,
    retry_delay,
)
from recruitment.outbox.enqueue import broker_retry_now, deliver, enqueue
from recruitment.outbox.rows import notification_create
from recruitment.outbox.sweeper import outbox_sweep
from tests import factories
from tests.support.alerts import hop_vacancy
from tests.support.services import celery_broker, free_port
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db

Status = Notification.Status


def row(**fields):
    fields.setdefault("kind", STAGE_CHANGED)
    application = fields.pop("application", None) or factories.ApplicationFactory()
    return factories.NotificationFactory(
        application=application,
        vacancy=application.vacancy,
        context={"from_stage": "applied", "to_stage": "screening"},
        **fields,
    )


# --- Creating rows -----------------------------------------------------------------------------------


def test_a_dedupe_key_makes_one_row_however_often_the_event_is_seen():
    user = factories.UserFactory()
    first = notification_create(kind=STAGE_CHANGED, recipient=user, dedupe_key="stage_changed:1:applied:screening")
    with transaction.atomic():  # a duplicate must not break the caller's transaction (PostgreSQL)
        again = notification_create(kind=STAGE_CHANGED, recipient=user, dedupe_key="stage_changed:1:applied:screening")
        assert Notification.objects.count() == 1
    assert first is not None
    assert first.status == Status.PENDING
    assert first.to_email == user.email
    assert again is None


def test_the_database_refuses_a_second_row_with_the_same_key():
    from django.db import IntegrityError

    existing = row()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(kind=STAGE_CHANGED, to_email="x@example.com", dedupe_key=existing.dedupe_key)


# --- Claiming and sending --------------------------------------------------------------------------------


def test_claim_is_conditional_so_only_one_worker_wins():
    notification = row()
    assert notification_claim(notification_id=notification.pk) is True
    assert notification_claim(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert notification.status == Status.SENDING
    assert notification.attempts == 1
    assert notification.claimed_at is not None


def test_deliver_task_sends_each_row_once_and_marks_it_sent():
    rows = [row() for _ in range(3)]
    ids = [r.pk for r in rows]

    assert tasks.notifications_deliver_task(ids) == {"sent": 3, "failed": 0, "retry": 0}
    assert tasks.notifications_deliver_task(ids) == {"sent": 0, "failed": 0, "retry": 0}  # a redelivered task

    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.to_email for r in rows)
    for r in rows:
        r.refresh_from_db()
        assert r.status == Status.SENT
        assert r.sent_at is not None
        assert r.attempts == 1


def test_a_batch_reuses_one_smtp_connection(scripted):
    ids = [row().pk for _ in range(5)]
    notifications_deliver(ids=ids)
    assert len(scripted.sent) == 5
    assert scripted.opened == 1


def test_rows_not_pending_are_left_alone():
    sent = row(status=Status.SENT)
    held = row(status=Status.HELD)
    failed = row(status=Status.FAILED)
    report = notifications_deliver(ids=[sent.pk, held.pk, failed.pk])
    assert report.skipped == [sent.pk, held.pk, failed.pk]
    assert mail.outbox == []


# --- Failures ----------------------------------------------------------------------------------------------


def test_smtp_server_down_leaves_the_batch_waiting_for_it_without_using_an_attempt(scripted, settings):
    scripted.refuse_connection = ConnectionRefusedError(111, "Connection refused")
    ids = [row().pk for _ in range(3)]

    report = notifications_deliver(ids=ids)

    # No task of its own: the quick sweep probes the server and enqueues the batch when it answers.
    assert report.retry == []
    assert report.waiting_for_smtp == ids
    rows = Notification.objects.filter(pk__in=ids).order_by("pk")
    assert {(r.status, r.waiting_for, r.attempts) for r in rows} == {(Status.PENDING, "smtp", 0)}
    assert "ConnectionRefusedError" in rows[0].last_error


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPResponseException(451, b"4.3.0 Try again later"),
        smtplib.SMTPRecipientsRefused({"a@example.com": (452, b"4.2.2 Mailbox full")}),
        TimeoutError("timed out"),
        smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
    ],
    ids=["451", "452-recipient", "timeout", "disconnected"],
)
def test_transient_errors_are_retried(scripted, error):
    notification = row()
    scripted.failures[notification.to_email] = error

    report = notifications_deliver(ids=[notification.pk])

    notification.refresh_from_db()
    assert notification.status == Status.PENDING
    assert report.retry
    assert report.retry[0][0] == [notification.pk]
    assert notification.last_error


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"5.1.1 No such user")}),
        smtplib.SMTPDataError(554, b"5.7.1 Message rejected"),
        smtplib.SMTPSenderRefused(553, b"5.7.1 Sender rejected", "talent@northstar.example"),
    ],
    ids=["550-recipient", "554-data", "553-sender"],
)
def test_permanent_errors_fail_the_row_with_the_error_and_are_not_retried(scripted, error):
    bad, good = row(), row()
    scripted.failures[bad.to_email] = error

    report = notifications_deliver(ids=[bad.pk, good.pk])

    bad.refresh_from_db()
    assert bad.status == Status.FAILED
    assert str(error.smtp_code if hasattr(error, "smtp_code") else 550) in bad.last_error
    assert report.retry == []
    assert [m.to[0] for m in scripted.sent] == [good.to_email]  # the batch went on
    assert notifications_deliver(ids=[bad.pk]).skipped == [bad.pk]


def test_a_row_fails_for_good_after_the_last_attempt(scripted, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    notification = row(attempts=2)
    scripted.failures[notification.to_email] = smtplib.SMTPResponseException(421, b"4.7.0 Too busy")

    report = notifications_deliver(ids=[notification.pk])

    notification.refresh_from_db()
    assert notification.status == Status.FAILED
    assert notification.attempts == 3
    assert notification.last_error.startswith("Gave up after 3 attempts")
    assert report.retry == []


def test_a_rendering_error_fails_the_row_instead_of_retrying_forever(monkeypatch):
    notification = row()

    def broken(*args, **kwargs):
        raise RuntimeError("template bug")

    monkeypatch.setattr("recruitment.outbox.render.build_message", broken)
    report = notifications_deliver(ids=[notification.pk])
    notification.refresh_from_db()
    assert report.failed == [notification.pk]
    assert notification.last_error == "RuntimeError: template bug"


def test_error_classification():
    assert classify_error(ConnectionRefusedError()).transient
    assert classify_error(smtplib.SMTPConnectError(421, b"busy")).connection
    assert not classify_error(smtplib.SMTPConnectError(554, b"go away")).transient
    assert not classify_error(smtplib.SMTPNotSupportedError()).transient
    assert classify_error(ValueError("not an smtp error")) is None


def test_retry_delays_grow_are_jittered_capped_and_below_the_visibility_timeout(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    settings.OUTBOX_RETRY_MAX_SECONDS = 1800
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    ceilings = [max_retry_delay(n) for n in range(1, 20)]
    assert ceilings[:4] == [30, 60, 120, 240]
    assert max(ceilings) == 1800 < visibility
    delays = {round(retry_delay(3), 3) for _ in range(50)}
    assert len(delays) > 1  # jitter
    assert all(60 <= d <= 120 for d in delays)

    settings.OUTBOX_RETRY_MAX_SECONDS = 10**6  # a cap set too high is still held under the visibility timeout
    assert max(max_retry_delay(n) for n in range(1, 30)) < visibility


def test_celery_is_configured_for_at_least_once_delivery(settings):
    from recruitment.config.celery import app

    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit
    assert app.conf.task_time_limit <= settings.OUTBOX_STALE_AFTER_SECONDS
    assert settings.EMAIL_TIMEOUT > 0


# --- The sweeper ---------------------------------------------------------------------------------------------


def ago(seconds: float):
    return timezone.now() - timedelta(seconds=seconds)


def test_sweeper_takes_back_rows_a_killed_worker_left_sending(settings):
    settings.OUTBOX_STALE_AFTER_SECONDS = 300
    stuck = row(status=Status.SENDING, attempts=1)
    busy = row(status=Status.SENDING, attempts=1)
    Notification.objects.filter(pk=stuck.pk).update(claimed_at=ago(400))
    Notification.objects.filter(pk=busy.pk).update(claimed_at=ago(10))

    report = outbox_sweep()

    assert report.notification_ids == [stuck.pk]
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.status == Status.PENDING
    assert busy.status == Status.SENDING


def test_sweeper_gives_up_on_rows_that_used_all_their_attempts(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    stuck = row(status=Status.SENDING, attempts=3)
    Notification.objects.filter(pk=stuck.pk).update(claimed_at=ago(4000))

    report = outbox_sweep()

    stuck.refresh_from_db()
    assert report.failed == 1
    assert report.notification_ids == []
    assert stuck.status == Status.FAILED
    assert "Gave up after 3 attempts" in stuck.last_error


def test_sweeper_reenqueues_pending_rows_whose_message_was_lost_once_per_interval(settings):
    settings.OUTBOX_STALE_AFTER_SECONDS = 300
    lost, fresh = row(), row()
    Notification.objects.filter(pk=lost.pk).update(updated_at=ago(301))

    assert outbox_sweep().notification_ids == [lost.pk]
    # Re-enqueued just now: the next sweep leaves it alone.
    assert outbox_sweep().notification_ids == []
    fresh.refresh_from_db()
    assert fresh.status == Status.PENDING


def test_sweeper_waits_out_a_rows_retry_delay(settings):
    settings.OUTBOX_STALE_AFTER_SECONDS = 300
    settings.OUTBOX_RETRY_BASE_SECONDS = 30
    waiting = row(attempts=3, last_error="451")  # next retry within max_retry_delay(3) = 120 s
    Notification.objects.filter(pk=waiting.pk).update(updated_at=ago(350))
    assert outbox_sweep().notification_ids == []
    Notification.objects.filter(pk=waiting.pk).update(updated_at=ago(300 + 121))
    assert outbox_sweep().notification_ids == [waiting.pk]


def test_sweep_task_sends_what_it_finds(settings, eager, committed):
    settings.OUTBOX_STALE_AFTER_SECONDS = 60
    lost = row()
    Notification.objects.filter(pk=lost.pk).update(updated_at=ago(120))
    assert committed(tasks.outbox_sweep_task)["requeued"] == 1
    lost.refresh_from_db()
    assert lost.status == Status.SENT
    assert len(mail.outbox) == 1


def test_sweeper_rematches_published_vacancies_whose_matching_never_ran(settings, recruiter):
    settings.OUTBOX_STALE_AFTER_SECONDS = 60
    lost = hop_vacancy(factory=factories.PublishedVacancyFactory, published_at=ago(120))
    hop_vacancy(factory=factories.PublishedVacancyFactory, published_at=ago(10))  # task may still be queued
    hop_vacancy(factory=factories.PublishedVacancyFactory, published_at=ago(3 * 86400))  # too old
    matched = hop_vacancy(factory=factories.PublishedVacancyFactory, published_at=ago(120))
    factories.MatchFactory(vacancy=matched)
    hop_vacancy(factory=factories.PublishedVacancyFactory, family="vp-product", published_at=ago(120))

    def unmatched():
        now = timezone.now()
        return vacancies_never_matched(now=now, published_before=now - timedelta(seconds=60))

    assert unmatched() == [lost.pk]
    assert unmatched() == []  # at most once an hour
    cache.clear()
    assert unmatched() == [lost.pk]


# --- Retry from the admin ----------------------------------------------------------------------------------


def test_a_recruiter_can_retry_a_failed_notification(recruiter, eager, django_capture_on_commit_callbacks):
    failed = row(status=Status.FAILED, attempts=8, last_error="SMTPRecipientsRefused: 550")
    with django_capture_on_commit_callbacks(execute=True):
        result = notification_retry(notification=failed, by=recruiter)  # delivered on commit
        assert result.status == Status.PENDING
        assert result.attempts == 0
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert failed.attempts == 1
    assert failed.last_error == ""
    assert len(mail.outbox) == 1


def test_only_recruiters_retry_and_only_failed_or_cancelled_rows(candidate, recruiter):
    failed = row(status=Status.FAILED)
    with pytest.raises(WorkflowError, match="Only recruiters"):
        notification_retry(notification=failed, by=candidate)
    sent = row(status=Status.SENT)
    with pytest.raises(WorkflowError, match="failed or cancelled"):
        notification_retry(notification=sent, by=recruiter)
    failed.refresh_from_db()
    assert failed.status == Status.FAILED


# --- Broker outage -------------------------------------------------------------------------------------------


def test_a_broker_outage_does_not_break_the_committing_request(django_capture_on_commit_callbacks):
    notification = row()
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            tasks.notifications_deliver_task.delay_on_commit([notification.pk])
        assert time.monotonic() - started < 10
        assert enqueue(tasks.notifications_deliver_task, [[notification.pk]]) is False
    notification.refresh_from_db()
    assert notification.status == Status.PENDING  # the sweeper sends it once the broker is back


def test_publishing_with_the_broker_down_tries_it_once_per_click(monkeypatch):
    """Security finding 11: publishing with Redis down took 2.5 s (connect timeout, then publish retries) before
    falling back to the sweeper. Now one quick attempt, and the click's other tasks don't try again."""
    from recruitment.config.celery import app

    assert app.conf.task_publish_retry_policy["max_retries"] <= 1
    assert app.conf.broker_connection_timeout <= 0.5
    assert app.conf.broker_transport_options["socket_connect_timeout"] <= 0.5
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"):
        attempts = []
        real_apply_async = tasks.notifications_deliver_task.apply_async

        def counted(*args, **kwargs):
            attempts.append(1)
            return real_apply_async(*args, **kwargs)

        monkeypatch.setattr(tasks.notifications_deliver_task, "apply_async", counted)
        assert enqueue(tasks.notifications_deliver_task, [[1]]) is False
        assert enqueue(tasks.notifications_deliver_task, [[2]]) is False
        assert enqueue(tasks.vacancy_match_and_alert_task, [3]) is False
        assert attempts == [1]  # the later ones knew the broker was away
        broker_retry_now()
        assert enqueue(tasks.notifications_deliver_task, [[4]]) is False
        assert attempts == [1, 1]


def test_enqueue_delivery_splits_rows_into_batches(settings, monkeypatch):
    settings.OUTBOX_BATCH_SIZE = 2
    calls = []
    monkeypatch.setattr(tasks, "notifications_deliver", lambda *, ids: calls.append(ids) or _empty())
    settings.CELERY_TASK_ALWAYS_EAGER = True
    deliver([1, 2, 3, 4, 5])
    assert calls == [[1, 2], [3, 4], [5]]


def _empty():
    return DeliveryReport()


def test_an_unexpected_error_while_sending_fails_that_row_and_the_batch_goes_on(scripted):
    broken, fine = row(), row()
    scripted.failures[broken.to_email] = ValueError("bad address list")

    report = notifications_deliver(ids=[broken.pk, fine.pk])

    broken.refresh_from_db()
    assert broken.status == Status.FAILED
    assert broken.last_error == "ValueError: bad address list"
    assert report.sent == [fine.pk]


def test_a_task_time_limit_finishes_the_message_in_flight_and_requeues_the_rest(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from recruitment.outbox import render as emails

    first, second, third = row(), row(), row()
    real_build = emails.build_message

    def build(notification, **kwargs):
        if notification.pk == second.pk:
            raise SoftTimeLimitExceeded()
        return real_build(notification, **kwargs)

    monkeypatch.setattr(emails, "build_message", build)
    report = notifications_deliver(ids=[first.pk, second.pk, third.pk])

    assert report.sent == [first.pk]
    assert report.retry == [([second.pk, third.pk], 1.0)]
    assert [m.to[0] for m in mail.outbox] == [first.to_email]
    assert set(Notification.objects.filter(pk__in=[second.pk, third.pk]).values_list("status", flat=True)) == {
        Status.PENDING
    }


def test_delay_on_commit_passes_keyword_arguments(eager, django_capture_on_commit_callbacks):
    notification = row()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.notifications_deliver_task.delay_on_commit(notification_ids=[notification.pk])
    notification.refresh_from_db()
    assert notification.status == Status.SENT
