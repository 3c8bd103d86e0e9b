"""Request bodies are capped: a declared body over REQUEST_MAX_BYTES is refused with 413 before anything
reads it; a 5 MB CV (the largest one allowed) with its form still goes through."""

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
    assert response["Connection"] == "close"


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
