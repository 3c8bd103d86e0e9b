"""Browser journeys: real Chromium against a live server, with a real Celery worker, Redis and the
loopback SMTP server (tests/support/fixtures.py). Screenshots go to test-artifacts/browser/."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil

import pytest

from tests.browser.support import ARTIFACTS, DESKTOP, Visitor, axe_source, launch_chromium
from tests.conftest import require_program, skip_or_fail
from tests.support.fixtures import *  # noqa: F403 - pytest fixtures, used by name


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so `site` knows whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def chromium():
    """The system Chromium, driven by Playwright, for the tests of one module.

    Module scope, not session: while Playwright's sync API is running, its event loop makes Django
    refuse ORM calls from this thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set; both are undone when
    the module's tests are over, so the rest of the suite keeps Django's guard."""
    executable = require_program("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the 'playwright' package is not installed (requirements-dev.txt)")
    from django.db import connections

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Django keeps connections per context; under Playwright's sync API the tests run in another one,
    # with fresh connection objects. Hand them the snapshot that `serialized_rollback` restores
    # (vocabularies, the Recruiters group), or every test after the first would start without it.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, snapshot in snapshots.items():
        connections[alias]._test_serialized_contents = snapshot
    try:
        browser = launch_chromium(playwright, executable)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def worker_extra_env(live_server):
    """The worker writes links to the live server into its emails."""
    return {"SITE_URL": live_server.url}


@pytest.fixture
def site(chromium, live_server, smtp_sink, start_worker, settings, request):
    """The whole product running for real: the live server (this process) sends allauth's emails to
    the SMTP sink; a Celery worker (another process) sends the outbox through Redis to the same sink."""
    settings.SITE_URL = live_server.url
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    start_worker()
    site = Site(browser=chromium, url=live_server.url, sink=smtp_sink, name=request.node.name)
    yield site
    call = getattr(request.node, "report_call", None)
    site.close(failed=call is None or call.failed)


class Site:
    def __init__(self, *, browser, url: str, sink, name: str):
        self.browser = browser
        self.url = url
        self.sink = sink
        self.artifacts = ARTIFACTS / name
        shutil.rmtree(self.artifacts, ignore_errors=True)
        self.artifacts.mkdir(parents=True)
        self.axe = axe_source()
        self.visitors: list[Visitor] = []
        self.numbers = itertools.count(1)  # screenshots numbered in the order they are taken

    def visitor(self, name: str, *, viewport: dict = DESKTOP, timezone_id: str | None = None) -> Visitor:
        """A new person with their own browser context (cookies, session), their computer's clock in
        `timezone_id` when given (what `Intl` reports; else the machine's)."""
        options = {"timezone_id": timezone_id} if timezone_id else {}
        context = self.browser.new_context(viewport=viewport, base_url=self.url, accept_downloads=True, **options)
        context.set_default_timeout(15_000)
        visitor = Visitor(
            name=name, context=context, base_url=self.url, axe=self.axe, artifacts=self.artifacts, numbers=self.numbers
        )
        self.visitors.append(visitor)
        return visitor

    def close(self, *, failed: bool) -> None:
        for visitor in self.visitors:
            if failed:  # where each person ended up: the first thing to look at
                with contextlib.suppress(Exception):
                    visitor.shot("where the test failed")
            visitor.context.close()
