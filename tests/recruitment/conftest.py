"""Fixtures of the recruitment tests: an introduction's setting (the helpers are in tests/support/introductions.py),
tasks run in-process, a task run as a worker runs it (committed), a published vacancy, a scripted SMTP backend."""

import pytest

from tests.support.introductions import Setting, make_setting
from tests.support.mail_backends import ScriptedBackend
from vacancies.services import vacancy_publish


@pytest.fixture
def setting(db, recruiter) -> Setting:
    """A distinctive candidate, an open vacancy with their match, two employers of its company, one outsider."""
    return make_setting(recruiter)


@pytest.fixture
def eager(settings):
    """Celery tasks run in-process, so what a view enqueues on commit is sent to mail.outbox."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a task as a worker does, in its own committed transaction: what it schedules on commit (the
    delivery of the rows it wrote) runs too."""

    def run(task, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return task(*args)

    return run


@pytest.fixture
def publish(recruiter, django_capture_on_commit_callbacks):
    """Publish a vacancy as a recruiter would, running what is enqueued on commit."""

    def _publish(vacancy):
        with django_capture_on_commit_callbacks(execute=True):
            vacancy_publish(vacancy=vacancy, by=recruiter)
        vacancy.refresh_from_db()
        return vacancy

    return _publish


@pytest.fixture
def scripted(settings):
    """Email goes to a backend whose failures a test scripts (tests/support/mail_backends.py)."""
    settings.EMAIL_BACKEND = "tests.support.mail_backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()
