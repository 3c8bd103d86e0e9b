"""Benchmark: rank candidates for one vacancy with the matching engine at 10k, 50k and 100k candidates,
on SQLite and on PostgreSQL (a throwaway cluster, when PostgreSQL is installed), and the Celery fan-out
with one and two worker processes.

Target (issue #14): under 1.5 s at 100,000 candidates for the broadest opening on SQLite, growing
linearly. One throwaway database per engine is filled incrementally (`seed_demo --candidates N` tops up
to N); after each step `tests.perf.matching_timing` runs `vacancy_match` on a remote Head of Product
opening (the broadest short list) and a CPO one (3 runs, median), and times the fan-out's parts (plan,
chunks of MATCH_CHUNK_SIZE, merge); at the largest size `tests.perf.matching_fanout` times the whole
chord on real Redis with 1 and 2 worker processes. The load average is printed with each figure: other
processes on the machine slow every figure down.

Run: `python -m tests.perf.bench_matching [--sizes 10000 50000 100000] [--no-postgres] [--no-fanout]`."""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench_seed import ROOT, _env, _manage
from tests.perf.pg_cluster import postgres_cluster

TARGET_SECONDS = 1.5
PROJECTED_CANDIDATES = 1_000_000


def _result(env: dict, module: str) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", module], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode:
        raise RuntimeError(f"{module} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    line = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def _run(env: dict, sizes: list[int], *, fanout: bool) -> tuple[list[dict], list[dict]]:
    env["DJANGO_SETTINGS_MODULE"] = "recruitment.config.settings"
    _manage(env, "migrate", "--noinput", "-v", "0")
    results: list[dict] = []
    for size in sizes:
        _manage(env, "seed_demo", "--candidates", str(size), "--vacancies", "500")
        results.extend(_result(env, "tests.perf.matching_timing"))
    return results, (_result(env, "tests.perf.matching_fanout") if fanout else [])


def _print(engine: str, results: list[dict], fanout: list[dict]) -> float:
    """The table for one engine; returns the broadest opening's seconds at the largest size."""
    print(f"\n--- {engine} ---")
    print(
        f"{'candidates':>10} {'vacancy':<28} {'remote':<7} {'shortlist':>9} {'stored':>6} "
        f"{'median s':>8}  {'runs':<20} {'cpu s':>6} {'load':>5}"
    )
    for row in results:
        runs = " ".join(f"{s:.2f}" for s in row["runs"])
        print(
            f"{row['candidates']:>10,} {row['vacancy'][:28]:<28} {row['remote']:<7} {row['shortlist']:>9,} "
            f"{row['stored']:>6,} {row['seconds']:>8.3f}  {runs:<20} {row['cpu_seconds']:>6.3f} {row['load']:>5.2f}"
        )
    broad = [row for row in results if "chunks" in row]
    print(f"\nfan-out parts for the broadest opening (chunks of {broad[0]['chunk_size']:,} short-listed candidates):")
    for row in broad:
        print(
            f"  {row['candidates']:>8,} candidates: plan {row['plan_seconds']:.3f} s, {row['chunks']} chunks at "
            f"{row['chunk_seconds']:.3f} s each (median; CPU {row['chunk_cpu_seconds']:.3f} s), "
            f"merge {row['merge_seconds']:.3f} s, "
            f"largest chunk result {row['part_bytes'] / 1024:.0f} KiB, same rows as one batch: {row['merged_equal']}"
        )
    largest = broad[-1]
    smallest = broad[0]
    time_x = largest["seconds"] / smallest["seconds"]
    data_x = largest["candidates"] / smallest["candidates"]
    print(
        f"growth {smallest['candidates']:,} -> {largest['candidates']:,}: time x{time_x:.2f} for data x{data_x:.0f} "
        f"(ratio {time_x / data_x:.2f}; <= 1 is linear or better)"
    )
    if fanout:
        for row in fanout:
            runs = " ".join(f"{s:.2f}" for s in row["runs"])
            print(
                f"fan-out, {row['workers']} worker process(es), {row['chunks']} chunks: {row['seconds']:.3f} s "
                f"(median of {runs}; load {row['load']:.2f}), {row['stored']} rows stored"
            )
    _project(largest)
    return largest["seconds"]


def _project(row: dict) -> None:
    """1M candidates from the measured per-chunk cost: the short list grows with the candidates."""
    scale = PROJECTED_CANDIDATES / row["candidates"]
    chunks = math.ceil(row["shortlist"] * scale / row["chunk_size"])
    plan = row["plan_seconds"] * scale
    for workers in (1, 4, 8, 16):
        total = plan + math.ceil(chunks / workers) * row["chunk_seconds"] + row["merge_seconds"]
        print(
            f"projected {PROJECTED_CANDIDATES:,} candidates, {workers:>2} workers: plan {plan:.2f} + "
            f"ceil({chunks}/{workers}) x {row['chunk_seconds']:.3f} + merge {row['merge_seconds']:.2f} = {total:.1f} s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-fanout", action="store_true")
    args = parser.parse_args(argv or [])
    var_dir = Path(tempfile.mkdtemp(prefix="bench-matching-", dir="/tmp"))
    try:
        results, fanout = _run(_env(var_dir), args.sizes, fanout=not args.no_fanout)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    sqlite_seconds = _print("SQLite", results, fanout)
    if not args.no_postgres:
        with postgres_cluster() as url:
            if url is None:
                print("\n--- PostgreSQL: not installed (initdb not on PATH), not measured ---")
            else:
                pg_dir = Path(tempfile.mkdtemp(prefix="bench-matching-pg-", dir="/tmp"))
                try:
                    env = _env(pg_dir)
                    env["DATABASE_URL"] = url
                    results, fanout = _run(env, args.sizes, fanout=not args.no_fanout)
                finally:
                    shutil.rmtree(pg_dir, ignore_errors=True)
                _print("PostgreSQL", results, fanout)
    largest = max(args.sizes)
    print(f"\nbroadest opening at {largest:,} candidates on SQLite: {sqlite_seconds:.3f} s (target < {TARGET_SECONDS})")
    return 0 if sqlite_seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
