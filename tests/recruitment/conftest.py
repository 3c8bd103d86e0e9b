"""Fixtures for the introduction and held-decline tests (the helpers are in tests/support/introductions.py)."""

import pytest

from tests.support.introductions import Setting, make_setting


@pytest.fixture
def setting(db, recruiter) -> Setting:
    """A distinctive candidate, an open vacancy with their match, two employers of its company, one outsider."""
    return make_setting(recruiter)


@pytest.fixture
def eager(settings):
    """Celery tasks run in-process, so what a view enqueues on commit is sent to mail.outbox."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
