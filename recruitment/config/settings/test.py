"""Settings for the test suite (pyproject's DJANGO_SETTINGS_MODULE): the production settings with fixed test
values, so that the suite does not depend on the shell it runs in. The database still comes from
DATABASE_URL (base.py): .ci/run points the suite at PostgreSQL with it; SQLite is the default.

Processes the tests start (Celery workers, gunicorn, `manage.py check --deploy`) do not use this module:
they run the production settings with the environment the test gives them (tests/support/services.py)."""

from __future__ import annotations

import os

from recruitment.config.settings import *  # noqa: F403 - the production settings, then the test values
from recruitment.config.settings.base import caches
from recruitment.config.settings.storage import staticfiles_storage

DEBUG = False
SECRET_KEY = "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SITE_URL = "http://testserver"

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

STORAGES = {**STORAGES, "staticfiles": staticfiles_storage(manifest=False)}  # noqa: F405 - from storage.py
WHITENOISE_USE_FINDERS = True

# The factories hash a password for every user they make: PBKDF2's deliberate cost buys nothing here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each pytest-xdist worker ("gw0", "gw1" ...) has keys of its own, should a test point the cache at a
# shared Redis.
CACHE_URL = "locmem"
CACHES = caches(CACHE_URL, key_prefix=os.environ.get("PYTEST_XDIST_WORKER", ""))
