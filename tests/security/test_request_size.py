"""Request bodies are capped: a declared body over REQUEST_MAX_BYTES is refused with 413 before anything
reads it; a 5 MB CV (the largest one allowed) with its form still goes through."""

import socket
import urllib.parse

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import CandidateProfile
from tests.accounts.profile.test_profile import cv_post
from tests.support import documents
from tests.support.pdfs import padded_pdf

pytestmark = pytest.mark.django_db


class UnreadableBody:
    """A request body that fails the test if anyone reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body of an oversized request was read")

    readline = read


@pytest.mark.parametrize(
    "url", [reverse("accounts:profile"), reverse("account_login"), reverse("account_signup"), "/no-such-page/"]
)
def test_a_forty_megabyte_body_is_refused_with_413_unread(client, candidate, url):
    client.force_login(candidate)
    response = client.generic(
        "POST",
        url,
        content_type="multipart/form-data; boundary=x",
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(40 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert "Connection" not in response  # the test client is no gunicorn: WSGI forbids hop-by-hop headers


def oversized_post(host: str, port: int) -> tuple[bytes, bytes]:
    """Declare a 40 MB body on a real socket, send none of it, and read the answer: (status line, headers)."""
    with socket.create_connection((host, port), timeout=15) as conn:
        conn.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: " + host.encode() + b"\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(40 * 1024 * 1024).encode() + b"\r\n\r\n"
        )
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = conn.recv(65536)
            if not chunk:
                break
            received += chunk
    head = received.split(b"\r\n\r\n", 1)[0]
    status, _, headers = head.partition(b"\r\n")
    return status, headers.lower()


@pytest.mark.django_db(transaction=True)
def test_runserver_answers_413_not_500(live_server):
    """Django's development server (the live server is the same WSGI server and handler as runserver) refuses a
    hop-by-hop header from the application with a 500: the 413 must not carry one."""
    parsed = urllib.parse.urlsplit(live_server.url)
    status, _headers = oversized_post(parsed.hostname, parsed.port)
    assert status.split()[1] == b"413", status


def test_gunicorn_answers_413_and_closes_the_connection(gunicorn_site):
    base, _env, _process, _user_id = gunicorn_site
    parsed = urllib.parse.urlsplit(base)
    status, headers = oversized_post(parsed.hostname, parsed.port)
    assert status.split()[1] == b"413", status
    assert b"connection: close" in headers


def test_a_body_one_byte_over_the_cap_is_refused_and_a_normal_one_is_not(client):
    over = client.generic(
        "POST",
        reverse("account_login"),
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(settings.REQUEST_MAX_BYTES + 1)},
    )
    assert over.status_code == 413
    normal = client.post(reverse("account_login"), {"login": "x@example.com", "password": "y" * 10})
    assert normal.status_code != 413


def test_a_malformed_content_length_is_refused(client):
    response = client.generic("POST", reverse("account_login"), CONTENT_LENGTH="-5")
    assert response.status_code == 413


def test_the_cap_sits_above_the_largest_cv_and_its_form():
    assert settings.REQUEST_MAX_BYTES >= settings.CV_MAX_BYTES + 512 * 1024
    assert settings.MIDDLEWARE[0] == "recruitment.middleware.RequestSizeLimitMiddleware"


def test_a_five_megabyte_cv_upload_still_works(client, candidate):
    content = padded_pdf(settings.CV_MAX_BYTES)
    client.force_login(candidate)
    response = cv_post(client, documents.pdf(content=content))
    assert response.status_code == 302
    assert CandidateProfile.objects.get(user=candidate).cv.size == settings.CV_MAX_BYTES
