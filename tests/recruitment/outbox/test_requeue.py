"""The quick sweep: rows whose task the broker refused, or whose SMTP server was unreachable, are marked and
enqueued again within seconds of the broker or the server coming back (not after the stale sweep)."""

import pytest
from celery.worker.consumer import Consumer
from django.conf import settings as django_settings

from recruitment import tasks
from recruitment.config.celery import OutboxRequeueOnConnect, ReconnectingConsumer, app
from recruitment.models import Notification
from recruitment.outbox.delivery import notification_claim, notifications_deliver
from recruitment.outbox.enqueue import deliver_on_commit
from recruitment.outbox.requeue import outbox_requeue
from tests.recruitment.outbox.test_delivery import row
from tests.support.services import celery_broker, free_port

pytestmark = pytest.mark.django_db

Status = Notification.Status
Waiting = Notification.Waiting


def waiting(*rows) -> list[str]:
    return [Notification.objects.get(pk=r.pk).waiting_for for r in rows]


def test_rows_the_broker_refused_are_marked_and_requeued_at_once(django_capture_on_commit_callbacks):
    first, second = row(), row()
    with celery_broker(f"redis://127.0.0.1:{free_port()}/0"), django_capture_on_commit_callbacks(execute=True):
        deliver_on_commit([first.pk, second.pk])
    assert waiting(first, second) == [Waiting.BROKER, Waiting.BROKER]

    # No staleness to wait for: the next quick sweep takes them, once.
    assert outbox_requeue() == [first.pk, second.pk]
    assert waiting(first, second) == ["", ""]
    assert outbox_requeue() == []


def test_a_failed_retry_enqueue_in_the_worker_marks_the_rows_too(scripted, monkeypatch):
    notification = row()
    scripted.failures[notification.to_email] = TimeoutError("timed out")
    monkeypatch.setattr(tasks, "enqueue", lambda *args, **kwargs: False)
    tasks.notifications_deliver_task([notification.pk])
    notification.refresh_from_db()
    assert (notification.status, notification.waiting_for, notification.attempts) == (Status.PENDING, "broker", 1)


def test_rows_waiting_for_smtp_go_only_once_a_probe_connects(scripted, settings, committed):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    scripted.refuse_connection = ConnectionRefusedError(111, "Connection refused")
    ids = [row().pk for _ in range(2)]
    notifications_deliver(ids=ids)

    assert outbox_requeue() == []  # still down: they keep waiting, no attempt used
    assert set(Notification.objects.filter(pk__in=ids).values_list("waiting_for", "attempts")) == {("smtp", 0)}

    scripted.refuse_connection = None
    assert committed(tasks.outbox_requeue_task) == 2
    assert sorted(m.to[0] for m in scripted.sent) == sorted(
        Notification.objects.filter(pk__in=ids).values_list("to_email", flat=True)
    )
    assert set(Notification.objects.filter(pk__in=ids).values_list("status", "waiting_for", "attempts")) == {
        (Status.SENT, "", 1)
    }


def test_a_claim_clears_the_mark():
    notification = row(waiting_for=Waiting.BROKER)
    assert notification_claim(notification_id=notification.pk)
    assert waiting(notification) == [""]


def test_the_quick_sweep_runs_every_few_seconds_and_on_every_broker_connection():
    entry = django_settings.CELERY_BEAT_SCHEDULE["requeue-outbox"]
    assert entry["task"] == "recruitment.tasks.outbox_requeue_task"
    assert entry["schedule"] <= 5
    assert app.conf.worker_consumer == "recruitment.config.celery:ReconnectingConsumer"
    assert issubclass(ReconnectingConsumer, Consumer)
    assert OutboxRequeueOnConnect in app.steps["consumer"]


def test_a_vacancy_published_while_the_broker_was_away_is_matched_by_the_next_quick_sweep(monkeypatch):
    """Its matching task was refused: the quick sweep (not the 5-minute stale sweep) enqueues it again, once."""
    from datetime import timedelta

    from django.utils import timezone

    from tests import factories

    now = timezone.now()
    refused = factories.PublishedVacancyFactory(published_at=now - timedelta(seconds=20))
    just_published = factories.PublishedVacancyFactory(published_at=now - timedelta(seconds=1))
    enqueued = []
    monkeypatch.setattr(tasks, "enqueue", lambda task, args=(), *a, **k: enqueued.append((task.name, list(args))))
    tasks.outbox_requeue_task()
    assert enqueued == [("recruitment.tasks.vacancy_match_and_alert_task", [refused.pk])]
    assert just_published.pk not in [args[0] for _, args in enqueued]
    enqueued.clear()
    tasks.outbox_requeue_task()
    assert enqueued == []  # at most once an hour for a vacancy nobody matches
