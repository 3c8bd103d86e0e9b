"""Secrets in URLs (password-reset keys, email-confirmation keys, unsubscribe tokens) never reach a log:
not gunicorn's access or error log, not runserver's django.server lines, not Django's request loggers.
All of them go through accounts.security_log.redact_url."""

from __future__ import annotations

import http.cookiejar
import logging
import re
import signal
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core import signing
from django.core.servers.basehttp import WSGIRequestHandler

from accounts.security_log import REDACTED, redact_request_line, redact_url
from recruitment.signed_links import UNSUBSCRIBE_SALT

ROOT = Path(__file__).resolve().parents[2]
RESET_KEY = "1-cz4v9k-0f7a1b2c3d4e5f60718293a4b5c6d7e8"
CONFIRM_KEY = "MQ:1vYk2Q:abcdefghijklmnopqrstuvwxyz0123456789ABCDE"
TOKEN = "MQ:1vYk2Q:Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHE"


@pytest.mark.parametrize(
    ("url", "secrets", "kept"),
    [
        (f"/accounts/password/reset/key/{RESET_KEY}/", ["cz4v9k", "0f7a1b2c"], "/accounts/password/reset/key/"),
        (f"/accounts/confirm-email/{CONFIRM_KEY}/", [CONFIRM_KEY], "/accounts/confirm-email/"),
        (f"/unsubscribe/{TOKEN}/", [TOKEN], "/unsubscribe/"),
        (f"/unsubscribe/{TOKEN}/?utm=mail#top", [TOKEN], "?utm=mail"),
        (f"https://site.example/unsubscribe/{TOKEN}/", [TOKEN], "https://site.example/unsubscribe/"),
        (f"/unsubscribe/{urllib.parse.quote(TOKEN, safe='')}/", [TOKEN, "Zm9vYmFy"], REDACTED),
        ("/vacancies/?q=product&token=s3cr3t-value&key=k3y-value", ["s3cr3t-value", "k3y-value"], "q=product"),
    ],
    ids=["reset-key", "confirm-key", "unsubscribe", "with-query", "absolute-referer", "percent-encoded", "query"],
)
def test_redact_url_removes_every_secret(url, secrets, kept):
    safe = redact_url(url)
    assert all(secret not in safe for secret in secrets)
    assert kept in safe


@pytest.mark.parametrize("url", ["/vacancies/?q=head+of+product&page=2", "/me/profile/", "/static/css/site.css", "/"])
def test_ordinary_paths_are_left_alone(url):
    assert redact_url(url) == url


def test_a_request_line_keeps_method_and_protocol():
    assert redact_request_line(f"GET /unsubscribe/{TOKEN}/ HTTP/1.1") == f"GET /unsubscribe/{REDACTED}/ HTTP/1.1"


def test_runservers_request_lines_are_redacted(caplog):
    """runserver logs each request through WSGIRequestHandler.log_message to the django.server logger."""
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    with caplog.at_level(logging.INFO, logger="django.server"):
        for line in (f"GET /accounts/password/reset/key/{RESET_KEY}/ HTTP/1.1", f"POST /unsubscribe/{TOKEN}/ HTTP/1.1"):
            handler.log_message('"%s" %s %s', line, "200", "512")
        handler.log_message('"%s" %s %s', f"GET /accounts/confirm-email/{CONFIRM_KEY}/ HTTP/1.1", "404", "9")
    text = "\n".join(record.getMessage() for record in caplog.records if record.name == "django.server")
    assert text.count(REDACTED) >= 3
    for secret in ("cz4v9k", "0f7a1b2c", TOKEN, CONFIRM_KEY):
        assert secret not in text


def test_djangos_request_logger_redacts_an_unknown_unsubscribe_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/unsubscribe/{TOKEN}/").status_code == 404
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "/unsubscribe/" in text
    assert TOKEN not in text


# --- A real gunicorn with the project's configuration (tests/support/gunicorn.py) -------------------------


def test_gunicorn_logs_hold_no_reset_key_and_no_unsubscribe_token(gunicorn_site, tmp_path):
    base, env, process, user_id = gunicorn_site
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(f"{base}/accounts/password/reset/").read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "email": "ada@example.com"}).encode()
    request = urllib.request.Request(f"{base}/accounts/password/reset/", data=data, headers={"Referer": base + "/"})  # noqa: S310 - loopback
    opener.open(request).read()
    mail = "".join(p.read_text() for p in (tmp_path / "sent-emails").glob("*"))
    reset_path = re.search(r"http://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail)[1]
    key = reset_path.rstrip("/").rsplit("/", 1)[1]
    page = opener.open(base + reset_path)  # allauth moves the key into the session and redirects
    assert page.status == 200

    token = signing.dumps(user_id, salt=UNSUBSCRIBE_SALT, key=env["DJANGO_SECRET_KEY"])
    assert opener.open(f"{base}/unsubscribe/{token}/?from=email").status == 200
    unsubscribe = urllib.request.Request(f"{base}/unsubscribe/{token}/", data=b"List-Unsubscribe=One-Click")  # noqa: S310
    assert opener.open(unsubscribe).status in (200, 302)
    opener.open(f"{base}/accounts/confirm-email/{CONFIRM_KEY}/").read()  # an unknown key: a page saying so

    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=30)
    logs = stdout + stderr
    assert "/accounts/password/reset/key/" in logs  # the access log has the requests ...
    assert "/unsubscribe/" in logs
    assert REDACTED in logs
    _uid, _, secret_key = key.partition("-")
    for secret in (secret_key, token, token.split(":")[-1], CONFIRM_KEY):  # ... but none of the secrets
        assert secret not in logs
