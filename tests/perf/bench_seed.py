"""Benchmark: `manage.py seed_demo --candidates 100000 --vacancies 10000` on a throwaway SQLite database.

Target (DESIGN.md): under 2 minutes. Run: `python -m tests.perf.bench_seed [--candidates N --vacancies M]`."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 120


def _env(var_dir: Path) -> dict[str, str]:
    # The production settings, not the suite's test settings: a benchmark measures the product as it is
    # deployed (DEBUG off, the production password hasher, no eager tasks); only the values below differ.
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "recruitment.config.settings",
            "VAR_DIR": str(var_dir),
            "DATABASE_URL": f"sqlite:///{var_dir / 'bench.sqlite3'}",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
            "DJANGO_STATIC_MANIFEST": "0",
            "CACHE_URL": "locmem",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--vacancies", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="Keep the database (its path is printed).")
    args = parser.parse_args(argv)

    var_dir = Path(tempfile.mkdtemp(prefix="bench-seed-", dir="/tmp"))
    env = _env(var_dir)
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        started = time.perf_counter()
        _manage(env, "seed_demo", "--candidates", str(args.candidates), "--vacancies", str(args.vacancies))
        elapsed = time.perf_counter() - started

        db = sqlite3.connect(var_dir / "bench.sqlite3")
        counts = {
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed table names
            for table in (
                "accounts_user",
                "accounts_candidateprofile",
                "accounts_candidateprofile_skills",
                "vacancies_vacancy",
                "vacancies_application",
                "vacancies_applicationstagechange",
            )
        }
        db.close()
        verdict = "OK" if elapsed < TARGET_SECONDS else "TOO SLOW"
        print()
        print(
            f"seed_demo --candidates {args.candidates} --vacancies {args.vacancies}: {elapsed:.1f} s "
            f"(target < {TARGET_SECONDS} s: {verdict})"
        )
        for table, n in counts.items():
            print(f"  {table:<36} {n:>10,} rows")
        if args.keep:
            print(f"database kept at {var_dir / 'bench.sqlite3'}")
    finally:
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
