"""Content checks for uploaded documents (CVs). Reusable by any form or service that takes a file.

A file is judged by what it contains, never by the name or the content type the browser sent:
- PDF: starts with a `%PDF-1.x`/`%PDF-2.x` header and ends with an `%%EOF` marker, parses strictly, and
  no object (compressed object streams included) carries scripts, actions that run something, embedded
  files or XFA (accounts.pdf_scan);
- DOCX: a real Office Open XML zip (`[Content_Types].xml` declaring a WordprocessingML main part and
  `word/document.xml`), no macros, no external relationships (remote templates, linked files), and a cap
  on the total uncompressed size (zip bombs).
The name only has to be a plain file name with an extension that agrees with the content.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, unquote
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from accounts.pdf_scan import PdfRefused, scan_pdf

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


# PDF features that run code or carry other files: a CV needs none of them. This raw scan also sees
# objects no cross-reference entry lists (which a repairing reader may still find); the parsed walk in
# accounts.pdf_scan sees the rest, compressed ones included. The two-letter /JS is left to the parsed
# walk: four bytes like "/js " turn up by chance in about 1 in 70 megabytes of compressed data.
PDF_ACTIVE_NAMES = {b"javascript", b"launch", b"embeddedfile", b"embeddedfiles", b"richmedia", b"xfa"}
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
# Bounded and anchored at the start of a number: linear time even on megabytes of digits.
_PDF_OBJECT = re.compile(rb"(?<![0-9])[0-9]{1,10}[\s]{1,16}[0-9]{1,5}[\s]{1,16}obj\b")
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
    active = ValidationError(
        "This PDF contains scripts, launch or automatic actions, embedded files or an XFA form. Export or "
        "print it to a plain PDF and upload that.",
        code="pdf_active",
    )
    if _pdf_names(content) & PDF_ACTIVE_NAMES:
        raise active
    try:
        scan_pdf(content)
    except PdfRefused as refused:
        if refused.code == "pdf_active":
            raise active from refused
        if refused.code == "pdf_encrypted":
            raise ValidationError(
                "This PDF is password-protected or encrypted, so we cannot check it. Save or print it again "
                "without protection and upload that.",
                code="pdf_encrypted",
            ) from refused
        raise ValidationError(
            "We could not read this PDF: it is damaged or not built the way a PDF should be. Export or print "
            "your CV to PDF again and upload the new file.",
            code="pdf_unreadable",
        ) from refused


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
            for info in entries:
                if info.filename.lower().endswith(".rels"):
                    _check_docx_relationships(archive, info, not_docx)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        raise not_docx from exc
    finally:
        uploaded.seek(0)


RELATIONSHIPS_READ_LIMIT = 1024 * 1024
_RELATIONSHIP_TAG = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# The one kind of external relationship a CV may have: a link the reader clicks (a LinkedIn profile, an email).
_HYPERLINK_TYPE_SUFFIX = "/hyperlink"
_XML_ENCODING = re.compile(r"""encoding\s*=\s*["']([^"']*)""")
_REMOTE_TARGET = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[\\/]{2})", re.IGNORECASE)


def _check_docx_relationships(archive: zipfile.ZipFile, info: zipfile.ZipInfo, not_docx: ValidationError) -> None:
    """A relationship part may point outside the package only for hyperlinks: a remote template, linked
    image, OLE object or sub-document is fetched when the document opens (tracking, NTLM leaks, payloads)."""
    if info.file_size > RELATIONSHIPS_READ_LIMIT:
        raise not_docx
    with archive.open(info) as fh:
        data = fh.read(RELATIONSHIPS_READ_LIMIT)
    # A real .rels part is UTF-8 without a DTD: refusing anything else leaves the parser no entities to expand.
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_docx from exc
    declared = _XML_ENCODING.search(text[:200])
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper() or (declared and declared[1].lower() != "utf-8"):
        raise not_docx
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - UTF-8 only, no DTD (checked above)
    except ElementTree.ParseError as exc:
        raise not_docx from exc
    for rel in root.iter(_RELATIONSHIP_TAG):
        external = (rel.get("TargetMode") or "").strip().lower() == "external"
        remote = bool(_REMOTE_TARGET.match(rel.get("Target") or ""))
        if (external or remote) and not (rel.get("Type") or "").endswith(_HYPERLINK_TYPE_SUFFIX):
            raise ValidationError(
                "This document loads content from outside the file (a remote template, linked image or "
                "object). Save your CV as a plain .docx without linked content, or export it as PDF.",
                code="docx_external",
            )


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


# --- LinkedIn profile addresses ------------------------------------------------------------------------

LINKEDIN_MALFORMED = (
    "Enter a full web address, for example https://www.linkedin.com/in/your-name, "
    "without spaces, backslashes, '@' or a port number."
)
LINKEDIN_NOT_A_PROFILE = (
    "Enter the address of your LinkedIn profile, for example https://www.linkedin.com/in/your-name."
)
_URL_SHAPE = re.compile(
    r"(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>[^/?#:]*)(?::(?P<port>[^/?#]*))?(?P<path>[^?#]*)(?:[?#].*)?", re.I | re.S
)
_HAS_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)
_LINKEDIN_HOST = re.compile(r"(?:(?:www|[a-z]{2})\.)?linkedin\.com")
_LINKEDIN_PROFILE_PATH = re.compile(r"/in/(?P<slug>[^/]+)/?")
_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_linkedin_url(value: str) -> str:
    """The one address we store for a LinkedIn profile, https://www.linkedin.com/in/<slug>/, rebuilt from
    its parts; "" stays "". Anything a browser could read differently from Python's URL parser is
    refused rather than repaired: backslashes, user info ('@'), whitespace or control characters
    anywhere, a port other than the default, a host other than LinkedIn's, a path other than /in/<slug>."""
    value = (value or "").strip()
    if not value:
        return ""
    if any(ch.isspace() or ch in "\\@" or unicodedata.category(ch)[0] == "C" for ch in value):
        raise ValidationError(LINKEDIN_MALFORMED, code="invalid")
    if not _HAS_SCHEME.match(value):
        value = f"https://{value}"
    parts = _URL_SHAPE.fullmatch(value)
    if parts is None:
        raise ValidationError(LINKEDIN_MALFORMED, code="invalid")
    scheme, host = parts["scheme"].lower(), parts["host"].lower()
    if scheme not in DEFAULT_PORTS or not _LINKEDIN_HOST.fullmatch(host):
        raise ValidationError(LINKEDIN_NOT_A_PROFILE, code="not_linkedin")
    if parts["port"] is not None and parts["port"] not in ("", DEFAULT_PORTS[scheme]):
        raise ValidationError(LINKEDIN_MALFORMED, code="port")
    path = _LINKEDIN_PROFILE_PATH.fullmatch(parts["path"])
    if path is None:
        raise ValidationError(LINKEDIN_NOT_A_PROFILE, code="not_linkedin")
    if _PERCENT_ESCAPE.search(path["slug"]):
        raise ValidationError(LINKEDIN_MALFORMED, code="invalid")
    try:
        slug = unquote(path["slug"], errors="strict")
    except UnicodeDecodeError as exc:
        raise ValidationError(LINKEDIN_MALFORMED, code="invalid") from exc
    if not 3 <= len(slug) <= 100 or not all(ch.isalnum() or ch in "-_" for ch in slug):
        raise ValidationError(LINKEDIN_NOT_A_PROFILE, code="not_linkedin")
    canonical = f"https://www.linkedin.com/in/{quote(slug, safe='-_')}/"
    if len(canonical) > 200:
        raise ValidationError(LINKEDIN_NOT_A_PROFILE, code="too_long")
    return canonical


def validate_linkedin_url(value: str) -> None:
    """The model field's validator (the workspace's forms too): the address must have a canonical form."""
    canonical_linkedin_url(value)
