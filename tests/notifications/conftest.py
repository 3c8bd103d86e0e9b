import pytest

from tests.notifications.backends import ScriptedBackend
from vacancies.services import vacancy_publish


@pytest.fixture
def eager(settings):
    """Run Celery tasks in-process (the unit tests' stand-in for a worker)."""
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
    """Email goes to a backend whose failures a test scripts (tests/notifications/backends.py)."""
    settings.EMAIL_BACKEND = "tests.notifications.backends.ScriptedBackend"
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()
