"""`make bench`: run every benchmark module in tests/perf (bench_*.py), each through its main()."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    failures = 0
    for path in sorted(here.glob("bench_*.py")):
        module = importlib.import_module(f"tests.perf.{path.stem}")
        if not hasattr(module, "main"):
            continue  # helpers (settings, URLconfs) live beside the benchmarks
        print(f"=== {path.stem} ===", flush=True)
        failures += 1 if module.main() else 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
