"""A local S3 server for the file-storage tests: moto in server mode (`moto[server]`, requirements-dev.txt) on
a free loopback port, started and stopped by the tests, with the project's S3 settings pointed at it
(recruitment/config/file_storage.py, FILE_STORAGE=s3)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import environ
import pytest

from tests.conftest import skip_or_fail
from tests.support.services import free_port, port_open, wait_until

__all__ = ["moto_server", "s3_storage"]

MEDIA_BUCKET = "northstar-media"
PRIVATE_BUCKET = "northstar-private"
S3_ENV = {"S3_MEDIA_BUCKET": MEDIA_BUCKET, "S3_PRIVATE_BUCKET": PRIVATE_BUCKET, "S3_REGION": "us-east-1"}
S3_ENV |= {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}


class MotoServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> MotoServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(lambda: port_open(self.port), timeout=30, what=f"moto server on port {self.port}")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def keys(self, bucket: str) -> list[str]:
        return [item["Key"] for item in self.client().list_objects_v2(Bucket=bucket).get("Contents", [])]


@pytest.fixture(scope="module")
def moto_server():
    if importlib.util.find_spec("moto") is None or importlib.util.find_spec("storages") is None:
        skip_or_fail("moto[server] or django-storages is not installed (requirements-dev.txt, requirements.txt)")
    server = MotoServer().start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(moto_server, settings, monkeypatch):
    """FILE_STORAGE=s3 against the moto server, with fresh buckets: logos in the public one, CVs in the private
    one. The CV fields take their storage when the models load, so they are pointed at the new one too."""
    from django.core.files.storage import storages

    from accounts.models import CandidateProfile
    from recruitment.config.file_storage import file_storages
    from vacancies.models import Application

    client = moto_server.client()
    for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
        for key in moto_server.keys(bucket) if bucket in _buckets(client) else []:
            client.delete_object(Bucket=bucket, Key=key)
        if bucket not in _buckets(client):
            client.create_bucket(Bucket=bucket)
    # The logos' bucket is public for reading, as the README's recipe sets it up; the CVs' bucket is not.
    client.put_bucket_policy(Bucket=MEDIA_BUCKET, Policy=json.dumps(public_read_policy(MEDIA_BUCKET)))
    for name, value in {**S3_ENV, "S3_ENDPOINT_URL": moto_server.url}.items():
        monkeypatch.setenv(name, value)
    configured, _origin = file_storages(environ.Env(), "s3", settings.STORAGES)
    settings.STORAGES = configured
    for model in (CandidateProfile, Application):
        monkeypatch.setattr(model._meta.get_field("cv"), "storage", storages["private"])
    return moto_server


def public_read_policy(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
        ],
    }


def _buckets(client) -> set[str]:
    return {bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])}
