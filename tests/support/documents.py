"""Builders for real and hostile upload files used by the candidate tests."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PDF_BYTES

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Ada Lovelace, Chief Product Officer</w:t></w:r></w:p></w:body></w:document>"
)


def docx_bytes(
    *, extra: dict[str, bytes] | None = None, document: bytes | None = None, content_types: str = CONTENT_TYPES_XML
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", RELS_XML)
        archive.writestr("word/document.xml", document if document is not None else DOCUMENT_XML)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def zip_bomb_docx(uncompressed_bytes: int) -> bytes:
    """A structurally valid DOCX whose document part unpacks to `uncompressed_bytes` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        archive.writestr("_rels/.rels", RELS_XML)
        with archive.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            written = 0
            while written < uncompressed_bytes:
                part = chunk[: uncompressed_bytes - written]
                fh.write(part)
                written += len(part)
    return buffer.getvalue()


def plain_zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a word document")
        archive.writestr("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    return buffer.getvalue()


# A Windows executable's first bytes (MZ header) and an ELF binary's.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
HTML_BYTES = b"<!doctype html><html><body><script>alert(document.cookie)</script>%PDF-1.4</body></html>"


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name: str = "cv.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return upload(name, content)


def docx(name: str = "cv.docx", content: bytes | None = None) -> SimpleUploadedFile:
    return upload(name, content if content is not None else docx_bytes(), DOCX_TYPE)


def with_raw_name(uploaded: SimpleUploadedFile, raw_name: str) -> SimpleUploadedFile:
    """Give an upload a name as a hostile client sent it (UploadedFile's own setter would strip folders)."""
    uploaded._name = raw_name
    return uploaded


def stored_files(root) -> list:
    """Every file under a storage root (the private storage folder of the test)."""
    from pathlib import Path

    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
