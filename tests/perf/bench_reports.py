"""Benchmark: the workspace's revenue reports page over 10,000 placements (run by `make bench`; not a test).

Seeds a throwaway SQLite database (200 clients, 20 recruiters, 1,000 vacancies, 10,000 hires over three years,
fees in three currencies, every invoice state, some refunds), then asks for /admin/reports/ with the whole
period in-process (Django's test client, DEBUG off) and reports the median and p95 time and the number of
queries, which must not depend on the number of placements (also measured at 1,000).
Target: median < 200 ms at 10,000 placements; the same query count at 1,000 and 10,000.

    python -m tests.perf.bench_reports          # BENCH_PLACEMENTS=10000 BENCH_RUNS=30
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench_seed import ROOT, _env, _manage

TARGET_MS = 200.0
PLACEMENTS = int(os.environ.get("BENCH_PLACEMENTS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))

TIMING_SCRIPT = """
import datetime as dt, json, random, statistics, sys, time
from decimal import Decimal
import django
django.setup()
from django.db import connection
from django.test import Client
from django.utils import timezone
from accounts.models import User
from recruitment.models.placements import Placement
from tests import factories
from vacancies.models import Application, Vacancy

target, runs = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(13)
today = timezone.localdate()
if not Placement.objects.exists():
    companies = [factories.CompanyFactory(name=f"Client {i:03d}") for i in range(200)]
    recruiters = [factories.RecruiterFactory(email=f"recruiter{i}@northstar.example") for i in range(20)]
    vacancies = [factories.PublishedVacancyFactory(company=companies[i % 200]) for i in range(1000)]
    User.objects.create_superuser(email="bench@northstar.example", password="bench-password-123")
    recruiters = list(User.objects.filter(email__startswith="recruiter"))
def seed(upto):
    have = Placement.objects.count()
    recruiters = list(User.objects.filter(email__startswith="recruiter"))
    vacancies = list(Vacancy.objects.order_by("pk").only("pk", "company_id"))
    apps = Application.objects.bulk_create(
        [Application(candidate=None, vacancy=vacancies[i % len(vacancies)], stage="hired") for i in range(have, upto)],
        batch_size=1000,
    )
    rows = []
    for i, application in enumerate(apps):
        hired = today - dt.timedelta(days=rng.randrange(0, 3 * 365))
        hired_at = timezone.make_aware(dt.datetime.combine(hired, dt.time(12)))
        fee = Decimal(rng.randrange(15_000, 60_000))
        state = rng.random()
        invoiced = hired + dt.timedelta(days=30)
        extra = {}
        if state > 0.3 and invoiced <= today:
            extra = dict(invoice_status="invoiced", invoice_number=f"B-{application.pk}", invoiced_on=invoiced,
                         due_on=invoiced + dt.timedelta(days=30))
            if state > 0.6 and invoiced + dt.timedelta(days=20) <= today:
                extra.update(invoice_status="paid", paid_on=invoiced + dt.timedelta(days=20))
        if rng.random() < 0.03:
            extra.update(status="fell_through", fell_through_on=hired + dt.timedelta(days=40),
                         resolution=rng.choice(["refund", "replacement"]))
        rows.append(Placement(
            application=application, company_id=application.vacancy.company_id,
            recruiter=recruiters[i % len(recruiters)], hired_at=hired_at,
            first_contact_at=hired_at - dt.timedelta(days=rng.randrange(5, 120)), days_to_hire=rng.randrange(5, 120),
            start_date=hired + dt.timedelta(days=30), base_salary=fee * 5, currency=rng.choice(["EUR", "GBP", "USD"]),
            fee_percent=Decimal(20), guarantee_days=90, payment_days=30, fee_amount=fee,
            fee_currency=rng.choice(["EUR", "GBP", "USD"]), guarantee_ends_on=hired + dt.timedelta(days=120), **extra,
        ))
    Placement.objects.bulk_create(rows, batch_size=1000)
seed(target)
client = Client()
client.force_login(User.objects.get(email="bench@northstar.example"))
params = {"start": (today - dt.timedelta(days=3 * 365 + 1)).isoformat(), "end": today.isoformat()}
assert client.get("/admin/reports/", params).status_code == 200
times = []
for _ in range(runs):
    start = time.perf_counter()
    response = client.get("/admin/reports/", params)
    times.append((time.perf_counter() - start) * 1000)
    assert response.status_code == 200, response.status_code
queries = []
def counting(execute, sql, params, many, context):
    queries.append(sql)
    return execute(sql, params, many, context)
with connection.execute_wrapper(counting):
    client.get("/admin/reports/", params)
start = time.perf_counter()
csv_response = client.get("/admin/reports/", {**params, "export": "client"})
csv_ms = (time.perf_counter() - start) * 1000
times.sort()
print("RESULT " + json.dumps({
    "placements": Placement.objects.count(), "median_ms": statistics.median(times),
    "p95_ms": times[max(0, int(len(times) * 0.95) - 1)], "queries": len(queries), "csv_ms": csv_ms,
    "csv_rows": csv_response.content.count(b"\\n"),
}))
"""


def _run(env: dict[str, str], placements: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", TIMING_SCRIPT, str(placements), str(RUNS)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode:
        print(proc.stdout[-3000:], proc.stderr[-3000:])
        raise SystemExit(1)
    line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def main(argv: list[str] | None = None) -> int:
    var_dir = Path(tempfile.mkdtemp(prefix="bench-reports-", dir="/tmp"))
    env = _env(var_dir)
    env.update(
        DJANGO_SETTINGS_MODULE="recruitment.config.settings",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        PYTHONPATH=str(ROOT),
    )
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        if os.environ.get("BENCH_KEEP"):
            print("database:", var_dir)
        small = _run(env, max(1, PLACEMENTS // 10))
        large = _run(env, PLACEMENTS)
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(var_dir, ignore_errors=True)
    print(f"\n{'placements':>10} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'CSV ms':>8}")
    for row in (small, large):
        print(
            f"{row['placements']:>10,} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['queries']:>8} "
            f"{row['csv_ms']:>8.1f}"
        )
    constant = small["queries"] == large["queries"]
    ok = large["median_ms"] < TARGET_MS and constant
    print(
        f"\nrevenue report at {large['placements']:,} placements: median {large['median_ms']:.1f} ms "
        f"(target < {TARGET_MS:.0f} ms), p95 {large['p95_ms']:.1f} ms; queries {small['queries']} -> "
        f"{large['queries']} ({'constant' if constant else 'GROWING'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
