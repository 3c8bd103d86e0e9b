"""Private files: server-generated storage names, and the one way to hand a private file to a browser."""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import PurePosixPath

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from accounts.validators import CONTENT_TYPES, EXTENSIONS

_UNSAFE_NAME_CHARS = re.compile(r"[^\w.\- ()]+", flags=re.UNICODE)


def generate_private_name(extension: str) -> str:
    """A random storage name with a known extension; the user's file name is never used on disk."""
    extension = extension.lower() if extension.lower() in EXTENSIONS else ""
    return f"{secrets.token_hex(16)}{extension}"


def safe_download_name(name: str, *, fallback: str = "document") -> str:
    """A file name that is safe in a Content-Disposition header and on the downloader's disk."""
    name = PurePosixPath((name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _UNSAFE_NAME_CHARS.sub("_", name).strip(" ._")
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        stem, suffix = name, ""
    stem = stem[:100].strip(" ._") or fallback
    return f"{stem}{suffix}"


def private_file_response(file: FieldFile, *, download_name: str) -> FileResponse:
    """Serve a private file as a download: attachment, no sniffing, no caching by shared caches."""
    if not file:
        raise Http404("No file.")
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("The file is no longer available.") from exc
    stored_suffix = PurePosixPath(file.name).suffix.lower()
    filename = safe_download_name(download_name)
    if PurePosixPath(filename).suffix.lower() != stored_suffix and stored_suffix in EXTENSIONS:
        filename = f"{PurePosixPath(filename).stem}{stored_suffix}"
    content_type = CONTENT_TYPES.get(EXTENSIONS.get(stored_suffix, ""), "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response
