"""Files on more than one web machine (issue 15, item 4): with FILE_STORAGE=s3 the CVs and logos live in
S3-compatible buckets, here a real local S3 server (moto in server mode, tests/support/s3.py). CVs go to the
private bucket and come back only through the permission-checked views, streamed; logos are public by URL."""

import io
import json
import os
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse
from PIL import Image

from accounts.models import CandidateProfile
from recruitment.services import privacy
from tests import factories
from tests.accounts.profile.test_profile import cv_post
from tests.support import documents
from tests.support.s3 import MEDIA_BUCKET, PRIVATE_BUCKET, S3_ENV
from tests.support.services import REPO_ROOT
from vacancies import services

pytestmark = pytest.mark.django_db


def test_a_cv_upload_lands_in_the_private_bucket_and_nowhere_else(client, s3_storage, settings):
    user = factories.UserFactory(role="candidate", first_name="Ada", last_name="Lovelace")
    CandidateProfile.objects.create(user=user)
    client.force_login(user)
    assert cv_post(client, documents.pdf("Ada CV.pdf")).status_code == 302
    profile = CandidateProfile.objects.get(user=user)
    assert s3_storage.keys(PRIVATE_BUCKET) == [profile.cv.name]
    assert profile.cv.name.startswith("cvs/")
    assert "Ada" not in profile.cv.name  # a server-made name
    assert s3_storage.keys(MEDIA_BUCKET) == []
    assert not list(settings.PRIVATE_STORAGE_ROOT.rglob("*.pdf"))  # nothing on this machine's disk


def test_the_candidate_downloads_their_cv_through_our_view(client, s3_storage, candidate):
    profile = candidate.candidate_profile  # its CV was saved into the bucket
    assert s3_storage.keys(PRIVATE_BUCKET) == [profile.cv.name]
    client.force_login(candidate)
    response = client.get(reverse("accounts:cv_download"))
    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert "Location" not in response  # streamed by us, never a redirect to the bucket


def test_an_application_cv_is_streamed_to_its_employer_and_404_for_others(
    client, s3_storage, candidate, employer, other_employer
):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company)
    application = factories.ApplicationFactory(candidate=candidate, vacancy=vacancy)
    assert application.cv.name in s3_storage.keys(PRIVATE_BUCKET)
    url = reverse("vacancies:application_cv", args=[application.pk])
    client.force_login(employer)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == factories.PDF_BYTES
    client.force_login(other_employer)
    assert client.get(url).status_code == 404


def test_private_files_have_no_url_at_all(s3_storage, candidate):
    profile = candidate.candidate_profile
    assert profile.cv.name in s3_storage.keys(PRIVATE_BUCKET)
    with pytest.raises(ValueError, match="no public URL"):
        _ = profile.cv.url


def test_account_deletion_removes_the_cvs_from_the_bucket(s3_storage, candidate, django_capture_on_commit_callbacks):
    factories.ApplicationFactory(candidate=candidate)
    assert len(s3_storage.keys(PRIVATE_BUCKET)) == 2  # the profile's CV and the application's
    with django_capture_on_commit_callbacks(execute=True):
        privacy.candidate_account_delete(user=candidate, by=candidate)
    assert s3_storage.keys(PRIVATE_BUCKET) == []


def png_upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (31, 42, 90)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_a_logo_is_public_by_url_and_shown_from_the_bucket(client, s3_storage, employer):
    company = employer.employer_profile.company
    services.company_update(company=company, by=employer, logo=png_upload())
    company.refresh_from_db()
    [key] = s3_storage.keys(MEDIA_BUCKET)
    assert key == company.logo.name
    url = company.logo.url
    assert url == f"{s3_storage.url}/{MEDIA_BUCKET}/{key}"  # a plain URL, no signature to expire
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the loopback test server
        assert response.read()[:8] == b"\x89PNG\r\n\x1a\n"
    vacancy = factories.PublishedVacancyFactory(company=company, title="Role with a bucket logo")
    assert f'src="{url}"' in client.get(reverse("vacancies:vacancy_list")).content.decode()
    assert f'src="{url}"' in client.get(vacancy.get_absolute_url()).content.decode()
    assert s3_storage.keys(PRIVATE_BUCKET) == []


def test_the_settings_wire_s3_storage_from_the_environment(moto_server):
    """A fresh process configured only by the environment, as a second web machine would be."""
    env = {
        **os.environ,
        **S3_ENV,
        "S3_ENDPOINT_URL": moto_server.url,
        "FILE_STORAGE": "s3",
        # The production settings, as a second web machine runs them (no secret key needed to load them).
        "DJANGO_SETTINGS_MODULE": "recruitment.config.settings",
    }
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.files.storage import default_storage\n"
        "from vacancies.models import Application\n"
        "cv = Application._meta.get_field('cv').storage\n"
        "default_storage._setup()\n"
        "print(json.dumps({'cv': type(cv).__name__, 'cv_bucket': cv.bucket_name,"
        " 'logos': type(default_storage._wrapped).__name__, 'logo_bucket': default_storage._wrapped.bucket_name,"
        " 'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    assert found["cv"] == "PrivateS3Storage"
    assert found["cv_bucket"] == PRIVATE_BUCKET
    assert found["logos"] == "S3Storage"
    assert found["logo_bucket"] == MEDIA_BUCKET
    assert moto_server.url in found["img_src"]


def test_the_cv_bucket_cannot_be_the_public_one(monkeypatch):
    import environ
    from django.core.exceptions import ImproperlyConfigured

    from recruitment.config.file_storage import file_storages

    monkeypatch.setenv("S3_MEDIA_BUCKET", "same")
    monkeypatch.setenv("S3_PRIVATE_BUCKET", "same")
    with pytest.raises(ImproperlyConfigured, match="must not be the public"):
        file_storages(environ.Env(), "s3", {})
    with pytest.raises(ImproperlyConfigured, match="'local' or 's3'"):
        file_storages(environ.Env(), "ftp", {})
