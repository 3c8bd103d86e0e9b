"""Matching quality: precision and recall of the alert decision on the labelled evaluation set
(tests/recruitment/evaluation/pairs.json), through the real alert path (`vacancy_match_and_alert`).

    python -m tests.perf.bench_evaluation

Target: precision and recall both >= 0.95. Every pair on which the alert path disagrees with its label is
printed with its score and reasons. It builds its own SQLite database in a temporary folder, in a fresh
interpreter, so that a caller running several benchmarks (tests/perf/run_all.py) keeps its own settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(workdir: Path) -> int:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "recruitment.config.settings",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "VAR_DIR": str(workdir / "var"),
            "CACHE_URL": "locmem",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from tests.recruitment.evaluation.runner import evaluate

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    evaluation = evaluate()
    print(evaluation.report())
    print(f"  ({time.perf_counter() - started:.1f} s; {'OK' if evaluation.passed else 'BELOW TARGET'})")
    return 0 if evaluation.passed else 1


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None and __name__ == "__main__" else (argv or [])
    if "--in-process" not in args:
        command = [sys.executable, "-m", "tests.perf.bench_evaluation", "--in-process"]
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    workdir = Path(tempfile.mkdtemp(prefix="bench-evaluation-"))
    try:
        return run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
