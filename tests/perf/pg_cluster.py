"""A throwaway PostgreSQL cluster for the benchmarks, started as .ci/run starts one: initdb and pg_ctl
(as the postgres user when run as root) on a free loopback port, data under /tmp, no fsync; stopped and
removed on exit. `postgres_cluster()` yields a DATABASE_URL, or None when PostgreSQL is not installed."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.support.services import free_port

SERVER_OPTIONS = "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextlib.contextmanager
def postgres_cluster() -> Iterator[str | None]:
    initdb = shutil.which("initdb")
    if initdb is None:
        yield None
        return
    pgbin = Path(os.path.realpath(initdb)).parent
    data = Path(tempfile.mkdtemp(prefix="bench-pg-", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = free_port()
    pg_ctl = [str(pgbin / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run(
            _as_postgres([str(pgbin / "initdb"), "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8"]),
            check=True,
            capture_output=True,
        )
        options = f"{SERVER_OPTIONS} -p {port} -k {data}"
        subprocess.run(
            _as_postgres([*pg_ctl, "-o", options, "-w", "-l", str(data / "log"), "start"]),
            check=True,
            capture_output=True,
        )
        subprocess.run(
            _as_postgres([str(pgbin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "bench", "bench"]),
            check=True,
            capture_output=True,
        )
        yield f"postgres://bench@127.0.0.1:{port}/bench"
    finally:
        subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(data, ignore_errors=True)
