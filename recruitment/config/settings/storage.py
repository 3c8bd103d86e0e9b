"""Files: static files, media (logos), private files (CVs), where they are stored (FILE_STORAGE) and the
upload limits."""

from __future__ import annotations

from pathlib import Path

from recruitment.config.file_storage import file_storages
from recruitment.config.settings.base import BASE_DIR, CONTENT_SECURITY_POLICY, VAR_DIR, env


def staticfiles_storage(*, manifest: bool) -> dict:
    """Hashed, compressed files (needs collectstatic) with a manifest; plain files from the finders without."""
    if manifest:
        return {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    return {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Bootstrap's CSS/JS are vendored under static/vendor/bootstrap/ (no CDN).
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(VAR_DIR / "media")))
# CVs live here, outside MEDIA_ROOT, and are only served by a permission-checked view.
PRIVATE_STORAGE_ROOT = Path(env.str("PRIVATE_STORAGE_ROOT", str(VAR_DIR / "private")))
_static_manifest = env.bool("DJANGO_STATIC_MANIFEST", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "accounts.storage.PrivateStorage"},
    "staticfiles": staticfiles_storage(manifest=_static_manifest),
}
# Files on more than one web machine: FILE_STORAGE=s3 keeps logos and CVs in S3-compatible buckets (see
# recruitment/config/file_storage.py) instead of MEDIA_ROOT / PRIVATE_STORAGE_ROOT on this machine's disk.
FILE_STORAGE = env.str("FILE_STORAGE", "local")
STORAGES, MEDIA_ORIGIN = file_storages(env, FILE_STORAGE, STORAGES)
# Logos served from a bucket or a CDN: pages may show images from there.
if MEDIA_ORIGIN:
    _directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**_directives, "img-src": [*_directives["img-src"], MEDIA_ORIGIN]},
    }
# Without a collected manifest whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not _static_manifest
WHITENOISE_AUTOREFRESH = False

CV_MAX_BYTES = 5 * 1024 * 1024
DOCX_MAX_UNCOMPRESSED_BYTES = env.int("DOCX_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
LOGO_MAX_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# The largest request body accepted at all (a 5 MB CV plus the form around it); larger ones get 413 before
# they are read (recruitment.middleware.RequestSizeLimitMiddleware). The proxy's cap must match.
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", CV_MAX_BYTES + 1024 * 1024)
# Form fields other than files, together (Django's own limit, stated).
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
