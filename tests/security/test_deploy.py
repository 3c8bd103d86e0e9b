"""Production settings: the deploy check passes, headers are set, bad hosts are refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k8#Qz!v2Lr$9wXp@4mNc7&Ty1Hb6Jd0Fs3Gu5Ke8Ra2Wq9Zx4Vn7Bm1Cl6Ph3Oj",
    "DJANGO_ALLOWED_HOSTS": "talent.northstar.example",
    "DJANGO_BEHIND_PROXY": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "SITE_URL": "https://talent.northstar.example",
}


def run_manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_URL", "CACHE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_passes_with_no_warnings(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_refused(tmp_path):
    """The production settings leave SECRET_KEY empty when DJANGO_SECRET_KEY is unset (local.py and test.py
    import them first); the deploy check fails, and Django refuses the empty key wherever it is used."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    env_overrides = {**env, "VAR_DIR": str(tmp_path)}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env_overrides)
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
    result = run_manage("shell", "-c", "from django.core import signing; signing.dumps(1)", env_overrides=env_overrides)
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr
    # The web server's entry points refuse to start at all (not on the first signed cookie).
    for entry in ("wsgi", "asgi"):
        result = run_manage("shell", "-c", f"import recruitment.config.{entry}", env_overrides=env_overrides)
        assert result.returncode != 0, entry
        assert "The SECRET_KEY setting must not be empty" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_pages(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_spoofed_host_header_is_400(client):
    response = client.get(reverse("home"), HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_production_security_settings_in_a_fresh_process(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_PROXY_SSL_HEADER, s.CACHES['default']['BACKEND'].rsplit('.',1)[-1])"
    )
    result = run_manage("shell", "-c", code, env_overrides={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    # SSL redirect, secure cookies, HSTS, proxy header, and a shared (Redis) cache for rate limits.
    assert line == "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https') ResilientRedisCache"


def test_a_worker_without_a_secret_key_does_not_start(tmp_path):
    """A worker signs the links in its emails: without a key it stops at once instead of failing every email."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_URL", "CACHE_URL"))}
    env.update({k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"})
    env.update({"DJANGO_SETTINGS_MODULE": "recruitment.config.settings", "VAR_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-m", "celery", "-A", "recruitment", "worker", "--pool", "solo", "--loglevel", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Not starting the worker: The SECRET_KEY setting must not be empty" in result.stderr
