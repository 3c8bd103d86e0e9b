"""A real gunicorn with the project's configuration (recruitment/config/gunicorn.conf.py, one worker) over a fresh
SQLite database and the production settings on plain HTTP: for the tests of what only a real server shows (its
logs, how it answers a refused body). Use the `gunicorn_site` fixture (tests/security/conftest.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def gunicorn_site(tmp_path):
    """A gunicorn (recruitment/config/gunicorn.conf.py, one worker) over a fresh SQLite database, emails
    written to files; yields (base URL, environment, the process) and stops it."""
    port = _free_port()
    env = dict(os.environ)
    # The production settings that gunicorn runs, over plain HTTP on loopback, with the suite's secret key.
    env.update(
        DJANGO_SETTINGS_MODULE="recruitment.config.settings",
        DJANGO_SECRET_KEY=django_settings.SECRET_KEY,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_MANIFEST="0",
        CACHE_URL="locmem",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        VAR_DIR=str(tmp_path),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        PYTHONPATH=str(ROOT),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    _manage(env, "migrate", "--noinput")
    user_id = _manage(
        env,
        "shell",
        "-c",
        "from accounts.models import User, CandidateProfile; from allauth.account.models import EmailAddress; "
        "u = User.objects.create_user(email='ada@example.com', password='a-long-test-passphrase-42', "
        "role='candidate'); "
        "CandidateProfile.objects.create(user=u); "
        "EmailAddress.objects.create(user=u, email=u.email, verified=True, primary=True); print(u.pk)",
    ).split()[-1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "recruitment.config.wsgi:application",
            "--config",
            "recruitment/config/gunicorn.conf.py",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=2).close()  # noqa: S310 - our loopback server
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.3)
        yield base, env, process, int(user_id)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
