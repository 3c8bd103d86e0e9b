"""Public pages against a bare Django view (issue 15), run by `make bench`; not a test.

Seeds 10,000 published vacancies into a throwaway SQLite database (bench_board's seed), serves the site with
gunicorn (2 sync workers, DEBUG off) and measures with `wrk -t2 -c16` (BENCH_CONNECTIONS), in the same run:
  - bare:            a bare Django view rendering 20 rows from one table (the baseline),
  - board landing:   /vacancies/,
  - random searches: 1,440 combinations of role, remote policy, minimum salary, sort and page, picked at
                     random per request by a wrk Lua script (what real visitors do); first as they come (the
                     cache empty), then in the steady state of a site that has been up a while (each search
                     seen once: searches are cached BOARD_CACHE_SECONDS, cards a day),
  - home:            /,
  - vacancy pages:   100 vacancy pages picked at random,
  - the random searches and vacancy pages again as a signed-in candidate (a session cookie): reported, not
                     judged (visitors who are not logged in get whole kept pages, vacancies.visitor_pages; a
                     candidate's pages are built from the cached pieces with their own fit filled in),
once with the Redis cache (as production runs) and once with the in-process (locmem) cache.
Targets: random searches >= 0.5x bare, home >= 0.5x, vacancy page >= 0.8x, p99 < 100 ms, no errors.

    python -m tests.perf.bench_public      # BENCH_DURATION=6 BENCH_ROUNDS=3 BENCH_CONNECTIONS=16 BENCH_VACANCIES=10000
"""

from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.perf import bench_board
from tests.perf.bench_board import ROOT, free_port, start_redis, wait_until_up

DURATION = int(os.environ.get("BENCH_DURATION", "6"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
VACANCIES = int(os.environ.get("BENCH_VACANCIES", "10000"))
TARGETS = {"random searches": 0.5, "home": 0.5, "vacancy pages": 0.8}
P99_MS = 100.0


def search_paths(families: list[str]) -> list[str]:
    """Role x remote x minimum salary x sort x page: 6 x 4 x 3 x 2 x 10 = 1,440 board URLs."""
    paths = []
    for family, remote, salary, sort, page in itertools.product(
        ["", *families[:5]], ["", "onsite", "hybrid", "remote"], ["", "120000", "160000"], ["", "salary"], range(1, 11)
    ):
        params = [("role_family", family), ("remote", remote), ("min_salary", salary), ("sort", sort)]
        query = "&".join(f"{name}={value}" for name, value in params if value)
        paths.append(f"/vacancies/?{query}&page={page}" if query else f"/vacancies/?page={page}")
    return paths


def visit_all(base: str, paths: list[str], cookie: str | None = None) -> None:
    """Every path once, 8 at a time: the steady state of a site that has been up a while (searches live
    BOARD_CACHE_SECONDS, cards a day)."""
    from concurrent.futures import ThreadPoolExecutor

    def get(path: str) -> None:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our loopback server
            response.read()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(get, paths))


def lua_script(paths: list[str], workdir: Path, name: str) -> Path:
    (workdir / f"{name}.txt").write_text("\n".join(paths))
    script = workdir / f"{name}.lua"
    quoted = ",\n".join(f'  "{path}"' for path in paths)
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\n"
        "local n = #paths\n"
        "setup = function(thread) thread:set('seed', math.random(1, 1000000)) end\n"
        "init = function(args) math.randomseed(seed or os.time()) end\n"
        "request = function() return wrk.format('GET', paths[math.random(1, n)]) end\n"
    )
    return script


def run_wrk(base: str, target: str | Path | tuple[Path, str], duration: int) -> dict:
    """wrk against one path, or a Lua script of random paths (with a session cookie when given one)."""
    target, cookie = target if isinstance(target, tuple) else (target, None)
    args = ["-s", str(target), base + "/"] if isinstance(target, Path) else [base + target]
    if cookie:
        args = ["-H", f"Cookie: {cookie}", *args]
    out = subprocess.run(
        ["/usr/bin/wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return bench_board.parse_wrk(out)


def serve_and_measure(env: dict, targets: dict[str, str | Path]) -> dict[str, dict]:
    """The first pass of random searches as it comes (empty cache), then every path of the random scenarios
    visited once (the steady state of a site that has been up a while), then ROUNDS interleaved rounds of every
    scenario: each figure is the median round (the machine is shared: its load moves during a run)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "recruitment.config.wsgi:application",
            *bench_board.GUNICORN_ARGS,
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + "/__bench__/bare/")
        results = {}
        first = "random searches, first pass"
        results[first] = run_wrk(base, targets[first], DURATION)
        for name, target in targets.items():
            script, cookie = target if isinstance(target, tuple) else (target, None)
            if isinstance(script, Path) and name != first:
                visit_all(base, script.with_suffix(".txt").read_text().split(), cookie)
            run_wrk(base, target, 2)  # warm-up: templates, SQLite pages
        rounds: dict[str, list[dict]] = {name: [] for name in targets if name != first}
        for _ in range(ROUNDS):
            for name in rounds:
                rounds[name].append(run_wrk(base, targets[name], DURATION))
        for name, runs in rounds.items():
            results[name] = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def signed_in_candidate() -> tuple[object, str]:
    """A verified candidate with a profile, and the Cookie header of a session signed in as them."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import CandidateProfile, User

    user = User.objects.create_user(email="bench-candidate@example.com", password="not-used-here", role="candidate")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = {"headline": "Head of Product", "years_experience": 9}
    CandidateProfile.objects.update_or_create(user=user, defaults=profile)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return user, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def query_counts(paths: dict[str, str], searches: list[str], user=None, prefix: str = "") -> dict[str, str]:
    """Queries per page, warm; for the searches the range over 40 cold ones (vocabularies cached)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200, path
        counts[prefix + name] = str(len(ctx.captured_queries))
    cold = []
    for path in random.Random(7 if user is None else 8).sample(searches, 40):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200, path
        cold.append(len(ctx.captured_queries))
    counts[prefix + "random searches"] = f"{min(cold)}-{max(cold)}"
    return counts


def main() -> int:
    if not Path("/usr/bin/wrk").exists():
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="bench-public-", dir="/tmp"))
    env = bench_board.environment(workdir)
    redis, redis_url = start_redis(workdir)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    rows: list[tuple[str, str, str, dict]] = []
    try:
        started = time.monotonic()
        seeded = bench_board.seed(VACANCIES)
        print(f"seeded {seeded['open']} open vacancies in {time.monotonic() - started:.1f}s ({workdir})", flush=True)
        from accounts.models import RoleFamily
        from vacancies.models import Vacancy

        searches = search_paths(list(RoleFamily.objects.order_by("position").values_list("slug", flat=True)))
        slugs = list(Vacancy.objects.open().order_by("?").values_list("slug", flat=True)[:100])
        pages = [f"/vacancies/{slug}/" for slug in slugs]
        counts = query_counts(
            {"bare": "/__bench__/bare/", "board landing": "/vacancies/", "home": "/", "vacancy pages": pages[0]},
            searches,
        )
        counts["random searches, first pass"] = counts["random searches"]
        counts["vacancy pages"] = counts.pop("vacancy pages")
        candidate, cookie = signed_in_candidate()
        counts.update(query_counts({"vacancy pages": pages[1]}, searches, candidate, prefix="candidate: "))
        targets = {
            "bare": "/__bench__/bare/",
            "board landing": "/vacancies/",
            "random searches, first pass": lua_script(searches, workdir, "searches"),
            "random searches": lua_script(searches, workdir, "searches"),
            "home": "/",
            "vacancy pages": lua_script(pages, workdir, "vacancies"),
            "candidate: random searches": (lua_script(searches, workdir, "searches"), cookie),
            "candidate: vacancy pages": (lua_script(pages, workdir, "vacancies"), cookie),
        }
        backends = [("locmem", {"CACHE_URL": "locmem"})]
        if redis_url:
            backends.insert(0, ("redis", {"CACHE_URL": "redis", "REDIS_URL": redis_url, "REDIS_CACHE_URL": redis_url}))
        for label, extra in backends:
            if label == "redis":
                import redis as redis_client

                redis_client.Redis.from_url(redis_url).flushall()  # start cold
            for name, result in serve_and_measure({**env, **extra}, targets).items():
                rows.append((label, name, counts[name], result))
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    return report(seeded, rows)


def report(seeded: dict, rows: list[tuple[str, str, str, dict]]) -> int:
    print()
    print(
        f"Public pages: {seeded['open']:,} open vacancies, SQLite, gunicorn {bench_board.WORKERS} sync workers, "
        f"wrk -t2 -c{CONNECTIONS} -d{DURATION}s, median of {ROUNDS} interleaved rounds, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    header = (
        f"{'cache':<7} {'page':<28} {'queries':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'vs bare':>7} "
        f"{'target':>6} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    bare = {label: r["rps"] for label, name, _, r in rows if name == "bare"}
    met = True
    for label, name, queries, r in rows:
        ratio = r["rps"] / bare[label]
        target = TARGETS.get(name)
        # The first pass (an empty cache) and the signed-in candidate are reported, not judged on speed.
        judged = not name.endswith("first pass") and not name.startswith("candidate")
        ok = r["non2xx"] == 0 and (not judged or ((target is None or ratio >= target) and r["p99"] < P99_MS))
        met = met and ok
        print(
            f"{label:<7} {name:<28} {queries:>7} {r['rps']:>8.1f} {r['p50']:>7.2f} {r['p99']:>7.2f} {ratio:>7.2f} "
            f"{(f'>={target}' if target else ''):>6} {r['non2xx']:>6}{'' if ok else '  <- NOT MET'}"
        )
    print(f"\nTargets (ratios above, p99 < {P99_MS:.0f} ms, no errors): {'MET' if met else 'NOT MET'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
