"""CV content checks: what is accepted, and every hostile file rejected with a message."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import DOCX, PDF, validate_cv_file, validate_document_name
from tests.candidates import documents
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def test_a_real_pdf_and_a_real_docx_pass():
    assert validate_cv_file(documents.pdf()).kind == PDF
    assert validate_cv_file(documents.docx()).kind == DOCX


def test_extension_is_judged_case_insensitively():
    assert validate_cv_file(documents.pdf("My CV.PDF")).kind == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", documents.EXE_BYTES, "not a PDF"),
        ("cv.pdf", documents.ELF_BYTES, "not a PDF"),
        ("cv.pdf", documents.HTML_BYTES, "not a PDF"),
        ("cv.pdf", b"", "empty"),
        ("cv.docx", documents.plain_zip_bytes(), "not a Word"),
        ("cv.docx", documents.EXE_BYTES, "not a Word"),
        ("cv.docx", PDF_BYTES, "not a Word"),
        ("cv.pdf", documents.docx_bytes(), "not a PDF"),
        ("cv.exe", PDF_BYTES, "PDF or a Word"),
        ("cv.html", documents.HTML_BYTES, "PDF or a Word"),
        ("cv", PDF_BYTES, "PDF or a Word"),
        ("cv.pdf", b"%PDF-1.7\n" + b"x" * 5000, "cut off"),
    ],
)
def test_hostile_or_wrong_files_are_rejected_with_a_message(name, content, message):
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.upload(name, content))
    assert message in " ".join(exc.value.messages)


def padded_pdf(total: int) -> bytes:
    """A structurally valid PDF of exactly `total` bytes (padding in a PDF comment line)."""
    head, tail = PDF_BYTES[: -len(b"%%EOF\n")], b"\n%%EOF\n"
    return head + b"%" + b"0" * (total - len(head) - 1 - len(tail)) + tail


def test_file_one_byte_over_the_limit_is_rejected(settings):
    content = padded_pdf(settings.CV_MAX_BYTES + 1)
    assert len(content) == 5 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=content))
    assert "larger than 5.0\xa0MB" in exc.value.messages[0]


def test_file_exactly_at_the_limit_is_accepted(settings):
    content = padded_pdf(settings.CV_MAX_BYTES)
    assert len(content) == settings.CV_MAX_BYTES
    assert validate_cv_file(documents.pdf(content=content)).size == settings.CV_MAX_BYTES


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\nxref\n0 1\nstartxref\n9\n%%EOF",  # no "trailer" keyword
        PDF_BYTES + b"\r\n\r\n",  # trailing line breaks after %%EOF
        b"%PDF-2.0\n1 0 obj<</Type/Catalog/OpenAction[3 0 R/Fit]>>endobj\ntrailer<<>>\n%%EOF\n",
    ],
    ids=["xref-stream-style", "trailing-newlines", "open-action-zoom"],
)
def test_ordinary_pdf_variants_pass(content):
    assert validate_cv_file(documents.pdf(content=content)).kind == PDF


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n", "not a PDF"),
        (b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n", "not a PDF"),
        (PDF_BYTES + documents.plain_zip_bytes(), "appended"),
        (b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<<>>\n%%EOF\n", "scripts"),
        (b"%PDF-1.4\n1 0 obj<</S/J#61vaScript/J#53(x)>>endobj\ntrailer<<>>\n%%EOF\n", "scripts"),
        (b"%PDF-1.4\n1 0 obj<</Type/Action/S/Launch/F(cmd.exe)>>endobj\ntrailer<<>>\n%%EOF\n", "launch"),
        (b"%PDF-1.4\n1 0 obj<</Type/EmbeddedFile>>stream\nMZ\nendstream endobj\ntrailer<<>>\n%%EOF\n", "embedded"),
    ],
    ids=[
        "eicar-after-header",
        "html-polyglot",
        "zip-appended",
        "javascript",
        "escaped-javascript",
        "launch",
        "embedded",
    ],
)
def test_pdfs_that_are_not_plain_documents_are_rejected(content, message):
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=content))
    assert message in exc.value.messages[0]


def test_docx_with_a_path_traversal_member_is_rejected():
    content = documents.docx_bytes(extra={"../../evil.sh": b"#!/bin/sh\n"})
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=content))
    assert "not a Word" in exc.value.messages[0]


def test_docx_zip_bomb_is_rejected_by_its_uncompressed_size(settings):
    bomb = documents.zip_bomb_docx(settings.DOCX_MAX_UNCOMPRESSED_BYTES + 1)
    assert len(bomb) < settings.CV_MAX_BYTES  # small on the wire, huge when unpacked
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=bomb))
    assert "unpacks to more than" in exc.value.messages[0]


def test_docx_with_macros_is_rejected():
    content = documents.docx_bytes(extra={"word/vbaProject.bin": b"\x00" * 64})
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=content))
    assert "macros" in exc.value.messages[0]


def test_docx_that_declares_another_main_part_is_rejected():
    content_types = documents.CONTENT_TYPES_XML.replace(
        "wordprocessingml.document.main+xml", "spreadsheetml.sheet.main+xml"
    )
    content = documents.docx_bytes(extra={}, content_types=content_types)
    with pytest.raises(ValidationError):
        validate_cv_file(documents.docx(content=content))


@pytest.mark.parametrize(
    "raw_name",
    ["../../etc/passwd.pdf", "..\\..\\cv.pdf", "cv\x00.pdf", "cv\x07bell.pdf", "cv\u202efdp.docx", "a/b.pdf", ".."],
)
def test_names_with_paths_or_control_characters_are_rejected(raw_name):
    with pytest.raises(ValidationError) as exc:
        validate_document_name(raw_name)
    assert exc.value.messages


def test_a_truncated_zip_is_not_a_docx():
    content = documents.docx_bytes()[:60]
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=content))
    assert "not a Word" in exc.value.messages[0]
