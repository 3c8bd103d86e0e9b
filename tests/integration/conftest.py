"""The real-service fixtures (Redis, SMTP server, Celery workers) live in tests/support/fixtures.py."""

from tests.support.fixtures import *  # noqa: F403 - pytest fixtures, used by name
