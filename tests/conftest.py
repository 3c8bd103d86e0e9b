import os
import shutil

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from tests import factories

REQUIRE_ALL_SERVICES = os.environ.get("REQUIRE_ALL_SERVICES") == "1"

# No per-example time limit (Hypothesis's default is 200 ms): the suite runs in parallel on shared cores, where
# an example's time measures the machine's load, not the code (speed is for the benchmarks, tests/perf). The
# tests that set their own options keep them; what they leave unset comes from this profile.
hypothesis_settings.register_profile("suite", deadline=None)
hypothesis_settings.load_profile("suite")


def skip_or_fail(reason: str) -> None:
    """Skip loudly on a laptop without the program; fail in CI, where everything must run."""
    if REQUIRE_ALL_SERVICES:
        pytest.fail(f"REQUIRE_ALL_SERVICES=1 but {reason}")
    pytest.skip(f"SKIPPED (missing service): {reason}")


def pytest_sessionfinish(session):
    """A pytest-xdist worker hands the security suites' figures (tests/security/conftest.py) to the controller."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        from tests.security.conftest import DETAILS, FIGURES

        workeroutput["security_figures"] = ({k: dict(v) for k, v in FIGURES.items()}, dict(DETAILS))


def pytest_testnodedown(node, error):
    """The controller adds up the figures of each worker as it finishes."""
    figures = getattr(node, "workeroutput", {}).get("security_figures")
    if figures:
        from tests.security.conftest import merge

        merge(*figures)


def pytest_terminal_summary(terminalreporter):
    from tests.security.conftest import write_summary

    write_summary(terminalreporter)


def require_program(name: str) -> str:
    path = shutil.which(name)
    if not path:
        skip_or_fail(f"'{name}' is not installed")
    return path


@pytest.fixture(autouse=True)
def _isolated_files_and_cache(settings, tmp_path):
    """Uploads go to a per-test folder; rate-limit counters start empty; a broker failure seen by an
    earlier test does not make this one skip the broker."""
    from recruitment.outbox.enqueue import broker_retry_now
    from vacancies import board_cache

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    board_cache.recent.clear()
    broker_retry_now()
    yield
    cache.clear()
    board_cache.recent.clear()
    broker_retry_now()


@pytest.fixture
def candidate(db):
    """A verified candidate whose profile is complete enough to apply."""
    user = factories.UserFactory(role="candidate")
    factories.CompleteCandidateProfileFactory(user=user)
    return user


@pytest.fixture
def other_candidate(db):
    user = factories.UserFactory(role="candidate")
    factories.CompleteCandidateProfileFactory(user=user)
    return user


@pytest.fixture
def employer(db):
    return factories.EmployerProfileFactory().user


@pytest.fixture
def other_employer(db):
    return factories.EmployerProfileFactory().user


@pytest.fixture
def recruiter(db):
    return factories.RecruiterFactory()


@pytest.fixture
def password():
    return factories.PASSWORD


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request, tmp_path_factory):
    """Integration tests run Celery workers in other processes, which cannot open SQLite's in-memory
    test database: when any integration test is selected, the SQLite test database is a file.
    (On PostgreSQL the test database is a real database that any process can open.)"""
    from django.conf import settings as django_settings

    database = django_settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and any(
        item.get_closest_marker("integration") for item in request.session.items
    ):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")
