"""Benchmark: rank candidates for one vacancy with the matching engine at 10k, 50k and 100k candidates.

Target (DESIGN.md): under 3 s at 100,000 candidates on SQLite, growing linearly or better.
One throwaway SQLite database is filled incrementally (`seed_demo --candidates N` tops up to N), and
after each step `vacancy_match` runs on a Head of Product and a CPO opening (best of 3 runs each).

Run: `python -m tests.perf.bench_matching [--sizes 10000 50000 100000]`."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench_seed import ROOT, _env, _manage

TARGET_SECONDS = 3.0

TIMING_SCRIPT = """
import json, time
import django
django.setup()
from accounts.models import CandidateProfile
from recruitment.matching import vacancy_match, candidates_for_vacancy
from vacancies.models import Vacancy
out = []
for slug in ("head-of-product", "chief-product-officer"):
    vacancy = Vacancy.objects.open().filter(role_family__slug=slug, remote_policy="remote").order_by("pk").first() \\
        or Vacancy.objects.open().filter(role_family__slug=slug).order_by("pk").first()
    best = None
    for _ in range(3):
        start = time.perf_counter()
        rows = vacancy_match(vacancy=vacancy)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    out.append({
        "vacancy": vacancy.title, "remote": vacancy.remote_policy,
        "candidates": CandidateProfile.objects.count(),
        "shortlist": candidates_for_vacancy(vacancy).count(),
        "stored": len(rows), "seconds": best,
    })
print("RESULT " + json.dumps(out))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    args = parser.parse_args(argv or [])
    var_dir = Path(tempfile.mkdtemp(prefix="bench-matching-"))
    env = _env(var_dir)
    env["DJANGO_SETTINGS_MODULE"] = "recruitment.config.settings"
    results = []
    try:
        _manage(env, "migrate", "--noinput", "-v", "0")
        for size in args.sizes:
            _manage(env, "seed_demo", "--candidates", str(size), "--vacancies", "500")
            proc = subprocess.run(
                [sys.executable, "-c", TIMING_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
            )
            line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
            results.extend(json.loads(line[len("RESULT ") :]))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    print(f"\n{'candidates':>10} {'vacancy':<34} {'remote':<7} {'shortlist':>9} {'stored':>7} {'seconds':>8}")
    for row in results:
        print(
            f"{row['candidates']:>10,} {row['vacancy'][:34]:<34} {row['remote']:<7} {row['shortlist']:>9,} "
            f"{row['stored']:>7,} {row['seconds']:>8.3f}"
        )
    worst_at_max = max(r["seconds"] for r in results if r["candidates"] == max(x["candidates"] for x in results))
    smallest = min(r["candidates"] for r in results)
    largest = max(r["candidates"] for r in results)
    t_small = max(r["seconds"] for r in results if r["candidates"] == smallest)
    growth = (worst_at_max / t_small) / (largest / smallest) if t_small else float("nan")
    print(f"\nslowest at {largest:,} candidates: {worst_at_max:.3f} s (target < {TARGET_SECONDS} s)")
    print(f"growth {smallest:,} -> {largest:,}: time x{worst_at_max / t_small:.2f} for data x{largest / smallest:.0f} "
          f"(ratio {growth:.2f}; <= 1 means linear or better)")  # fmt: skip
    return 0 if worst_at_max < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
