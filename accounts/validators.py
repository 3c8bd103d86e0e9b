"""Content checks for uploaded documents (CVs). Reusable by any form or service that takes a file.

A file is judged by what it contains, never by the name or the content type the browser sent:
- PDF: starts with a `%PDF-1.x`/`%PDF-2.x` header and ends with an `%%EOF` marker;
- DOCX: a real Office Open XML zip (`[Content_Types].xml` declaring a WordprocessingML main part and
  `word/document.xml`), no macros, and a cap on the total uncompressed size (zip bombs).
The name only has to be a plain file name with an extension that agrees with the content.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF = "pdf"
DOCX = "docx"

CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXTENSIONS = {".pdf": PDF, ".docx": DOCX}

DOCX_MAIN_PART_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A real CV has a few dozen parts; thousands of entries is an attack on the reader, not a CV.
DOCX_MAX_ENTRIES = 1000
# [Content_Types].xml is a few kB; we read at most this much of it.
CONTENT_TYPES_READ_LIMIT = 256 * 1024

REJECTED_NAME_CHARS = {"/", "\\", "\x00"}


@dataclass(frozen=True)
class CheckedDocument:
    kind: str  # PDF or DOCX
    original_name: str
    size: int

    @property
    def extension(self) -> str:
        return f".{self.kind}"

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]


def validate_document_name(name: str) -> str:
    """A plain file name (no folders, no control characters) ending in .pdf or .docx; returns the extension's kind."""
    name = name or ""
    if not name.strip():
        raise ValidationError("The file has no name. Rename it (for example cv.pdf) and try again.", code="no_name")
    if len(name) > 200:
        raise ValidationError("The file name is too long. Rename it to something shorter.", code="name_too_long")
    if any(ch in REJECTED_NAME_CHARS for ch in name) or ".." in name:
        raise ValidationError(
            "The file name must be a plain name without folders or '..'. Rename the file and try again.",
            code="name_path",
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise ValidationError(
            "The file name contains invisible control characters. Rename the file and try again.",
            code="name_control",
        )
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ValidationError("Upload your CV as a PDF or a Word (.docx) file.", code="extension")
    return EXTENSIONS[suffix]


# PDF features that run code or carry other files: a CV needs none of them.
PDF_ACTIVE_NAMES = {b"javascript", b"js", b"launch", b"embeddedfile", b"embeddedfiles", b"richmedia", b"xfa"}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _pdf_names(content: bytes) -> set[bytes]:
    """Every /Name in the file, with #xx escapes decoded (so /J#61vaScript is seen as /JavaScript)."""
    return {
        _PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).lower() for raw in _PDF_NAME.findall(content)
    }


def _check_pdf(uploaded) -> None:
    not_pdf = ValidationError(
        "This file is not a PDF, whatever its name says. Export your CV as PDF or .docx and upload that.",
        code="not_pdf",
    )
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    if not content.startswith((b"%PDF-1.", b"%PDF-2.")):
        raise not_pdf
    # A PDF ends with its %%EOF marker (trailing line breaks at most): nothing may be appended after it.
    if not content.rstrip(b"\r\n\t \x00").endswith(b"%%EOF"):
        raise ValidationError(
            "This PDF looks cut off, damaged or has something appended to it. Export it again and upload the new file.",
            code="pdf",
        )
    if not _PDF_OBJECT.search(content) or not (b"trailer" in content or b"startxref" in content):
        raise not_pdf
    if _pdf_names(content) & PDF_ACTIVE_NAMES:
        raise ValidationError(
            "This PDF contains scripts, launch actions or embedded files. Export or print it to a plain PDF "
            "and upload that.",
            code="pdf_active",
        )


def _check_docx(uploaded) -> None:
    not_docx = ValidationError(
        "This file is not a Word (.docx) document, whatever its name says. Save your CV as .docx or PDF.",
        code="not_docx",
    )
    uploaded.seek(0)
    if uploaded.read(4) != b"PK\x03\x04":
        raise not_docx
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            if len(entries) > DOCX_MAX_ENTRIES:
                raise ValidationError("This document has too many parts to be a CV.", code="docx_entries")
            limit = settings.DOCX_MAX_UNCOMPRESSED_BYTES
            if sum(info.file_size for info in entries) > limit:
                raise ValidationError(
                    f"This document unpacks to more than {filesizeformat(limit)}; that is not a CV. "
                    "Save it again without embedded media, or export it as PDF.",
                    code="docx_too_big",
                )
            names = {info.filename for info in entries}
            if any(name.startswith("/") or "\\" in name or ".." in name.split("/") for name in names):
                raise not_docx
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise not_docx
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise ValidationError(
                    "Documents with macros are not accepted. Save your CV as a plain .docx or as PDF.",
                    code="docx_macros",
                )
            # Reading is bounded: zipfile never returns more than the declared size of a member.
            with archive.open("[Content_Types].xml") as fh:
                content_types = fh.read(CONTENT_TYPES_READ_LIMIT)
            if DOCX_MAIN_PART_TYPE not in content_types:
                raise not_docx
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise not_docx from exc
    finally:
        uploaded.seek(0)


def validate_cv_file(uploaded, *, max_bytes: int | None = None) -> CheckedDocument:
    """Check an uploaded CV by name, size and content. Raises ValidationError with a message for the person."""
    if uploaded is None:
        raise ValidationError("Choose a file to upload.", code="required")
    name = getattr(uploaded, "name", "") or ""
    kind = validate_document_name(name)
    size = uploaded.size
    if not size:
        raise ValidationError("The file is empty. Choose the file that contains your CV.", code="empty")
    max_bytes = settings.CV_MAX_BYTES if max_bytes is None else max_bytes
    if size > max_bytes:
        raise ValidationError(
            f"This file is larger than {filesizeformat(max_bytes)}, the most a CV may be. "
            "Export a smaller PDF (without large images) and try again.",
            code="too_big",
        )
    if kind == PDF:
        _check_pdf(uploaded)
    else:
        _check_docx(uploaded)
    return CheckedDocument(kind=kind, original_name=name, size=size)
