"""Run by tests/perf/bench_matching.py in a process of its own (on the benchmark's database): matches the
broadest opening through the Celery fan-out with 1 and then 2 worker processes (real redis-server as
broker and chord result backend), 3 runs each, timed from the enqueue to the callback's commit. Prints
one RESULT line of JSON."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import django

# The workers' quick sweep would re-match every seeded vacancy without Match rows: not what is timed.
WORKER_ENV = {
    "OUTBOX_REQUEUE_SECONDS": "1000000",
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from recruitment import tasks
    from recruitment.matching import vacancy_chunks
    from recruitment.models import Match
    from recruitment.outbox.enqueue import enqueue
    from tests.support.services import (
        CeleryWorker,
        RedisServer,
        celery_broker,
        database_url,
        free_port,
        wait_until,
        worker_environment,
    )
    from vacancies.models import Vacancy

    openings = Vacancy.objects.open().filter(role_family__slug="head-of-product").order_by("pk")
    vacancy = openings.filter(remote_policy="remote").first() or openings.first()
    chunks = len(vacancy_chunks(vacancy=vacancy))
    workdir = Path(tempfile.mkdtemp(prefix="bench-fanout-", dir="/tmp"))
    redis = RedisServer(workdir / "redis").start()
    out = []
    try:
        env = worker_environment(
            database_url=database_url(connection.settings_dict),
            broker_url=redis.url,
            smtp_port=free_port(),
            var_dir=workdir / "var",
            **WORKER_ENV,
        )
        with celery_broker(redis.url):
            for count in (1, 2):
                workers = [CeleryWorker(env, workdir / f"worker-{count}-{i}.log").start() for i in range(count)]
                try:
                    runs = []
                    for _ in range(3):
                        since = timezone.now()
                        start = time.perf_counter()
                        enqueue(tasks.vacancy_match_and_alert_task, [vacancy.pk])
                        wait_until(
                            lambda since=since: Match.objects.filter(vacancy=vacancy, computed_at__gte=since).exists(),
                            timeout=600,
                            interval=0.02,
                            what="the fan-out's callback",
                        )
                        runs.append(time.perf_counter() - start)
                finally:
                    for worker in workers:
                        worker.stop()
                out.append(
                    {
                        "workers": count,
                        "chunks": chunks,
                        "chunk_size": settings.MATCH_CHUNK_SIZE,
                        "seconds": statistics.median(runs),
                        "runs": runs,
                        "stored": Match.objects.filter(vacancy=vacancy).count(),
                        "load": os.getloadavg()[0],
                        "vendor": connection.vendor,
                    }
                )
    finally:
        redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    main()
