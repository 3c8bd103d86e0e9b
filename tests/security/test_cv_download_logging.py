"""CV downloads are logged to the "security" logger with who (user id) and from where (IP),
by object id only: never a password, a session key or the private file's storage name."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
from django.urls import reverse

from tests.security import world as w

pytestmark = [pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world():
    return w.build_world()


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "security"]


def assert_no_secrets(lines: list[str], client, *file_names: str) -> None:
    text = "\n".join(lines)
    assert w.PASSWORD not in text
    session_key = client.cookies.get("sessionid")
    assert session_key is None or session_key.value not in text
    for name in file_names:
        # The storage name is a random token: knowing it is a step towards the file.
        assert name.rsplit("/", 1)[-1] not in text


def test_own_profile_cv_download_is_logged_with_user_and_ip(client, world, caplog):
    client.force_login(world.cand_a)
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(reverse("accounts:cv_download"), REMOTE_ADDR="203.0.113.7")
        b"".join(response.streaming_content)
    assert response.status_code == 200
    lines = [line for line in security_lines(caplog) if line.startswith("cv download")]
    assert lines == [
        f"cv download kind=profile id={world.profile_a.pk} owner={world.cand_a.pk} "
        f"user={world.cand_a.pk} ip=203.0.113.7"
    ]
    assert_no_secrets(lines, client, world.profile_a.cv.name)


@pytest.mark.parametrize("role", ["candidate_A", "employer_X", "recruiter", "superuser"])
def test_application_cv_download_is_logged_for_everyone_allowed(client, world, caplog, role):
    user = world.users[role]
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(
            reverse("vacancies:application_cv", args=[world.application_a.pk]), REMOTE_ADDR="198.51.100.23"
        )
        b"".join(response.streaming_content)
    assert response.status_code == 200
    lines = [line for line in security_lines(caplog) if line.startswith("cv download")]
    assert lines == [
        f"cv download kind=application id={world.application_a.pk} owner={world.cand_a.pk} "
        f"user={user.pk} ip=198.51.100.23"
    ]
    assert_no_secrets(lines, client, world.application_a.cv.name)


@pytest.mark.parametrize("role", ["candidate_B", "employer_Y"])
def test_refused_cv_download_is_logged_as_denied_not_as_a_download(client, world, caplog, role):
    user = world.users[role]
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(
            reverse("vacancies:application_cv", args=[world.application_a.pk]), REMOTE_ADDR="192.0.2.44"
        )
    assert response.status_code == 404
    lines = security_lines(caplog)
    assert not [line for line in lines if line.startswith("cv download")]
    assert any(
        line.startswith("access denied status=404") and f"user={user.pk} ip=192.0.2.44" in line for line in lines
    )


def test_ip_comes_from_the_trusted_proxy_header_only(client, world, caplog, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client.force_login(world.cand_a)
    with caplog.at_level(logging.INFO, logger="security"):
        client.get(
            reverse("accounts:cv_download"),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.99",
        )
    line = next(line for line in security_lines(caplog) if line.startswith("cv download"))
    # One trusted proxy: the last address it appended is the client; the spoofable first entry is ignored.
    assert line.endswith("ip=203.0.113.99")


def test_recruitment_security_uses_the_helpers_from_accounts():
    from accounts import security_log
    from recruitment import middleware

    assert middleware.who is security_log.who
    assert middleware.security_log is security_log.security_log


@pytest.mark.parametrize(
    ("app", "forbidden"), [("accounts", {"vacancies", "recruitment"}), ("vacancies", {"recruitment"})]
)
def test_dependency_direction_holds(app, forbidden):
    """accounts <- vacancies <- recruitment: the logging helpers must not bend it."""
    offenders = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in forbidden]
    assert offenders == []


# --- Secrets in URLs never reach the log -------------------------------------------------------


def test_a_refused_unsubscribe_link_is_logged_without_its_token(client, world, caplog):
    """A token in a path (here an unsubscribe token that no longer opens anything) is redacted."""
    client.force_login(world.cand_b)
    token = world.forged_token
    with caplog.at_level(logging.INFO, logger="security"):
        response = client.get(reverse("recruitment:unsubscribe", args=[token]), REMOTE_ADDR="192.0.2.80")
    assert response.status_code == 404
    line = next(line for line in security_lines(caplog) if line.startswith("access denied"))
    assert token not in line
    assert "/unsubscribe/[redacted]/" in line
    assert f"user={world.cand_b.pk} ip=192.0.2.80" in line


def test_a_password_reset_key_in_a_refused_request_is_not_logged(caplog):
    """A POST to the reset-from-key page without a CSRF token is refused (403) and logged: without the key."""
    from django.test import Client

    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "4z", "key": "s3cret-reset-key-value"})
    with caplog.at_level(logging.INFO, logger="security"):
        response = Client(enforce_csrf_checks=True).post(path, {"password1": "x", "password2": "x"})
    assert response.status_code == 403
    text = "\n".join(security_lines(caplog))
    assert "access denied status=403" in text
    assert "s3cret-reset-key-value" not in text
    assert "4z" not in text


@pytest.mark.parametrize("logger", ["django.request", "django.security.csrf"])
def test_djangos_request_logs_lose_the_secret_parts_of_paths(client, world, caplog, logger):
    token = world.forged_token
    with caplog.at_level(logging.WARNING, logger=logger):
        if logger == "django.request":
            client.get(reverse("recruitment:unsubscribe", args=[token]))  # Not Found: /unsubscribe/<token>/
        else:
            path = reverse("account_reset_password_from_key", kwargs={"uidb36": "4z", "key": token})
            from django.test import Client

            Client(enforce_csrf_checks=True).post(path)  # Forbidden (CSRF ...): /accounts/password/reset/key/...
    messages = [r.getMessage() for r in caplog.records if r.name == logger]
    assert messages, f"nothing logged on {logger}"
    assert all(token not in message for message in messages)
    assert any("[redacted]" in message for message in messages)
