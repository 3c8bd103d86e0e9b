"""Celery (CELERY_*, read by recruitment/config/celery.py) and the beat schedule.

(This module is recruitment.config.settings.celery; `from celery...` below is an absolute import of the
celery package, which a module of this name inside a package does not shadow.)"""

from __future__ import annotations

from celery.schedules import crontab

from recruitment.config.settings.agency import OUTBOX_REQUEUE_SECONDS
from recruitment.config.settings.base import REDIS_URL, TIME_ZONE, VAR_DIR, env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", REDIS_URL)
# Results are kept only for the tasks that declare ignore_result=False: the matching chunks, whose best rows
# a chord's callback merges (README, "How matching scales"). The chord's counter lives there too.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_RESULT_EXPIRES = env.int("CELERY_RESULT_EXPIRES", 3600)
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
# Every retry delay stays well below this, so a task is never redelivered while it waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECTION_TIMEOUT", 0.5),
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish from a web request gives up quickly when Redis is away (the outbox sweeper enqueues the rows
# later): one quick retry, and a short connect timeout, so a recruiter's click stays well under a second.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", 0.5)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Reconnects to the broker at least every second (kombu's backoff grows to 30 s) and runs the outbox's
# quick sweep on every (re)connection (recruitment/config/celery.py).
CELERY_WORKER_CONSUMER = "recruitment.config.celery:ReconnectingConsumer"
CELERY_BEAT_SCHEDULE = {
    "expire-vacancies": {"task": "vacancies.tasks.vacancies_expire_due_task", "schedule": 15 * 60},
    "sweep-outbox": {"task": "recruitment.tasks.outbox_sweep_task", "schedule": 60},
    "sweep-introductions": {"task": "recruitment.tasks.introductions_sweep_task", "schedule": 15 * 60},
    "sweep-interviews": {"task": "recruitment.tasks.interviews_sweep_task", "schedule": 15 * 60},
    "guarantees-ending": {"task": "recruitment.tasks.guarantees_ending_task", "schedule": crontab(hour=8, minute=0)},
    "release-placed-candidates": {
        "task": "recruitment.tasks.placed_candidates_release_task",
        "schedule": crontab(hour=6, minute=0),
    },
    "requeue-outbox": {"task": "recruitment.tasks.outbox_requeue_task", "schedule": OUTBOX_REQUEUE_SECONDS},
    "daily-digests": {
        "task": "recruitment.tasks.digests_build_task",
        "schedule": crontab(hour=7, minute=0),
        "args": ["daily"],
    },
    "weekly-digests": {
        "task": "recruitment.tasks.digests_build_task",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ["weekly"],
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
