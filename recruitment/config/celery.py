"""The Celery application: configured from Django settings (CELERY_*), tasks autodiscovered.

The worker's consumer (CELERY_WORKER_CONSUMER) is `ReconnectingConsumer`: after losing the broker it tries
again every RECONNECT_INTERVAL_MAX seconds at most (kombu's own backoff grows to 30 s, which delayed every
email that long after Redis came back), and on every (re)connection `OutboxRequeueOnConnect` sends the
outbox's quick sweep, which enqueues the rows whose tasks could not be published meanwhile. The task is
sent by name: the configuration imports no app module."""

import functools
import logging
import os

from celery import Celery, bootsteps
from celery.signals import worker_init
from celery.worker.consumer import Consumer
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.config.settings")

logger = logging.getLogger(__name__)

RECONNECT_INTERVAL_START = 0.5
RECONNECT_INTERVAL_MAX = 1.0
OUTBOX_REQUEUE_TASK = "recruitment.tasks.outbox_requeue_task"

app = Celery("recruitment")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class ReconnectingConsumer(Consumer):
    def ensure_connected(self, conn):
        conn.ensure_connection = functools.partial(
            conn.ensure_connection,
            interval_start=RECONNECT_INTERVAL_START,
            interval_step=RECONNECT_INTERVAL_START,
            interval_max=RECONNECT_INTERVAL_MAX,
        )
        return super().ensure_connected(conn)


class OutboxRequeueOnConnect(bootsteps.StartStopStep):
    """Runs each time the consumer has (re)connected and consumes again."""

    requires = ("celery.worker.consumer.tasks:Tasks",)

    def start(self, c) -> None:
        try:
            c.app.send_task(OUTBOX_REQUEUE_TASK)
        except Exception as exc:  # the broker went away again; beat's schedule sends it later
            logger.warning("Could not send the outbox quick sweep after connecting: %s", exc)


app.steps["consumer"].add(OutboxRequeueOnConnect)


@worker_init.connect
def refuse_without_secret_key(**kwargs) -> None:
    """A worker signs the links in its emails: it does not start without a secret key, rather than fail every
    email that carries a link. (Celery logs and ignores exceptions from signal handlers, so: SystemExit.)"""
    try:
        settings.SECRET_KEY  # noqa: B018 - Django raises ImproperlyConfigured on reading an empty one
    except ImproperlyConfigured as exc:
        logger.critical("Not starting the worker: %s Set DJANGO_SECRET_KEY.", exc)
        raise SystemExit(1) from exc
