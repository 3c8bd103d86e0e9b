"""Development settings for `make run`, `make migrate` and `make seed` (Procfile.dev): DEBUG on, a
development secret key, the local Redis as broker and cache, emails written to var/sent-emails/, plain
HTTP. Every value can still be overridden from the environment, under the same name as in production."""

from __future__ import annotations

from recruitment.config.settings import *  # noqa: F403 - the production settings, then the development values
from recruitment.config.settings.base import caches, env
from recruitment.config.settings.storage import staticfiles_storage

DEBUG = env.bool("DJANGO_DEBUG", True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", "dev-only-insecure-key")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
SITE_URL = env.str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The Redis that `make run` starts (recruitment/local_redis.py), so saves reach the board cache there.
CACHE_URL = env.str("CACHE_URL", "redis")
CACHES = caches(CACHE_URL)

# Emails are files under var/sent-emails/, one per message.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")

# Plain HTTP on 127.0.0.1.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Static files straight from static/ (no collectstatic), picked up again when they change.
_static_manifest = env.bool("DJANGO_STATIC_MANIFEST", False)
STORAGES = {**STORAGES, "staticfiles": staticfiles_storage(manifest=_static_manifest)}  # noqa: F405 - from storage.py
WHITENOISE_USE_FINDERS = not _static_manifest
WHITENOISE_AUTOREFRESH = True
