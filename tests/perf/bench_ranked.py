"""Benchmark: the workspace's ranked-candidates page of a vacancy, with 100,000 candidates.

Target (issue 12): under 300 ms. A throwaway SQLite database gets `seed_demo --candidates 100000` (or an
existing one is reused with `--database`), the broadest opening (a remote Head of Product, as in
bench_matching) is ranked with `vacancy_match`, and the page is timed through the Django test client as a
logged-in recruiter of the Recruiters group, DEBUG off: the default page, a filtered one, page 5 and the
salary sort. Each is asked for RUNS times after a warm-up; median and p95 wall times are printed, with the
median CPU time of the process (what the page costs, whatever else the machine is doing).

Run: `python -m tests.perf.bench_ranked [--candidates 100000] [--database PATH] [--keep]`."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench_seed import ROOT, _env, _manage

TARGET_MS = 300.0
RUNS = 30

SCENARIOS = {
    "default": "",
    "filtered": "min_score=40&remote=remote&max_floor_eur=180000&state=none",
    "page 5": "page=5",
    "salary sort": "sort=salary",
}

TIMING_SCRIPT = """
import json, re, statistics, sys, time
import django
django.setup()
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse
from accounts.models import CandidateProfile, User
from recruitment.matching import vacancy_match
from vacancies.models import Vacancy

scenarios, runs = json.loads(sys.argv[1]), int(sys.argv[2])
open_vacancies = Vacancy.objects.open()
vacancy = open_vacancies.filter(role_family__slug="head-of-product", remote_policy="remote").order_by("pk").first() \\
    or open_vacancies.filter(role_family__slug="head-of-product").order_by("pk").first()
if not vacancy.matches.exists():
    vacancy_match(vacancy=vacancy)
recruiter, _ = User.objects.get_or_create(
    email="bench-ranked@northstar.example", defaults={"role": User.Role.RECRUITER, "is_staff": True}
)
recruiter.groups.add(Group.objects.get(name="Recruiters"))
client = Client()
client.force_login(recruiter)
url = reverse("admin:vacancies_vacancy_ranked", args=[vacancy.pk])
out = {"vacancy": vacancy.title, "candidates": CandidateProfile.objects.count(),
       "matches": vacancy.matches.count(), "scenarios": []}
for name, query in scenarios.items():
    address = f"{url}?{query}" if query else url
    for _ in range(3):
        response = client.get(address)
        assert response.status_code == 200, (address, response.status_code)
    queries = []
    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(counted):
        response = client.get(address)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(address)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    html = response.content.decode()
    total = re.search(r'id="ranked-heading">([0-9,]+) candidate', html).group(1)
    out["scenarios"].append({
        "name": name, "query": query, "rows": html.count('name="candidate"'),
        "total": int(total.replace(",", "")), "queries": len(queries),
        "median": statistics.median(times), "p95": times[max(0, round(0.95 * len(times)) - 1)],
        "cpu": statistics.median(cpu),
    })
print("RESULT " + json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=500)
    parser.add_argument("--database", type=Path, help="An SQLite file seeded before (kept); created if missing.")
    parser.add_argument("--keep", action="store_true", help="Keep the throwaway database (its path is printed).")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv or [])

    var_dir = Path(tempfile.mkdtemp(prefix="bench-ranked-", dir="/tmp"))
    env = _env(var_dir)
    database = args.database.resolve() if args.database else var_dir / "bench.sqlite3"
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="recruitment.config.settings",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
    )
    try:
        reuse = database.exists() and args.database is not None
        _manage(env, "migrate", "--noinput", "-v", "0")
        if not reuse:
            _manage(env, "seed_demo", "--candidates", str(args.candidates), "--vacancies", str(args.vacancies))
        proc = subprocess.run(
            [sys.executable, "-c", TIMING_SCRIPT, json.dumps(SCENARIOS), str(args.runs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode:
            print(proc.stdout, proc.stderr, sep="\n")
            return 1
        line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
        result = json.loads(line[len("RESULT ") :])
        if args.keep and not args.database:
            print(f"database kept at {database}")
    finally:
        if not (args.keep and not args.database):
            shutil.rmtree(var_dir, ignore_errors=True)

    print(f"\nranked candidates of “{result['vacancy']}”: {result['matches']:,} stored matches, "
          f"{result['candidates']:,} candidates, {args.runs} requests per scenario")  # fmt: skip
    print(f"{'scenario':<12} {'rows':>5} {'of':>6} {'queries':>8} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>7}")
    for row in result["scenarios"]:
        print(
            f"{row['name']:<12} {row['rows']:>5} {row['total']:>6} {row['queries']:>8} "
            f"{row['median']:>10.1f} {row['p95']:>8.1f} {row['cpu']:>7.1f}"
        )
    print("(CPU ms: this process's CPU time per request, median; wall times grow with the machine's load)")
    worst = max(row["p95"] for row in result["scenarios"])
    verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
    print(f"\nslowest p95: {worst:.1f} ms (target < {TARGET_MS:.0f} ms: {verdict})")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
