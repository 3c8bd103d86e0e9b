"""Failed logins are throttled per (account, IP) and logged without secrets; the admin logs in through allauth."""

import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def attempt(client, email, password, ip):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_attacker_is_throttled_but_the_real_user_elsewhere_is_not(client, candidate, password):
    for _ in range(5):
        assert attempt(client, candidate.email, "guess-guess-guess", "203.0.113.9").status_code == 200
    blocked = attempt(client, candidate.email, password, "203.0.113.9")
    assert blocked.status_code == 200
    assert b"Too many failed login attempts" in blocked.content
    assert "_auth_user_id" not in client.session

    real_user = attempt(client, candidate.email, password, "198.51.100.7")
    assert real_user.status_code == 302
    assert client.session["_auth_user_id"] == str(candidate.pk)


def test_failed_login_is_logged_with_ip_and_without_the_password(client, candidate, caplog):
    with caplog.at_level(logging.WARNING, logger="security"):
        attempt(client, candidate.email, "Sup3r-Secret-Guess!", "203.0.113.10")
    text = caplog.text
    assert "login failed" in text
    assert candidate.email in text
    assert "203.0.113.10" in text
    assert "Sup3r-Secret-Guess!" not in text


def test_throttling_is_logged(client, candidate, caplog):
    with caplog.at_level(logging.WARNING, logger="security"):
        for _ in range(6):
            attempt(client, candidate.email, "wrong-wrong-wrong", "203.0.113.11")
    assert "login throttled" in caplog.text


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_recruiter_logs_in_to_admin_via_allauth(client, recruiter, password):
    response = client.get(reverse("admin:index"), follow=True)
    login_url = response.redirect_chain[-1][0]
    assert login_url.startswith(reverse("account_login"))
    response = client.post(login_url, {"login": recruiter.email, "password": password}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_logged_in_candidate_gets_403_from_admin_login(client, candidate):
    client.force_login(candidate)
    assert client.get(reverse("admin:login")).status_code == 403


def test_denied_access_is_logged(client, candidate, caplog):
    client.force_login(candidate)
    with caplog.at_level(logging.INFO, logger="security"):
        client.get(reverse("employers:dashboard"), REMOTE_ADDR="192.0.2.5")
    assert "access denied status=403" in caplog.text
    assert f"user={candidate.pk}" in caplog.text
    assert "192.0.2.5" in caplog.text
