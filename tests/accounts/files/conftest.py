"""The local S3 server fixtures (moto in server mode) for the file-storage tests: tests/support/s3.py."""

from tests.support.s3 import *  # noqa: F403 - pytest fixtures, used by name
