"""Real PDFs built byte by byte for the tests: the classic layout (objects in the file body, an xref
table, a trailer) and the PDF 1.5 layout (objects inside a Flate-compressed object stream, an xref
stream), so a test can hide a dictionary where a raw-byte scan never sees it.

Objects are given as their bodies (b"<< /Type /Catalog /Pages 2 0 R >>"), numbered from 1; object 1 is
the document catalog."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

BINARY_MARKER = b"%\xe2\xe3\xcf\xd3\n"

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> >>"


def plain_objects(*, catalog: bytes = CATALOG, page: bytes = PAGE, extra: Sequence[bytes] = ()) -> list[bytes]:
    """A one-page document (catalog, page tree, blank page), plus `extra` objects numbered from 4."""
    return [catalog, PAGES, page, *extra]


def classic_pdf(objects: Sequence[bytes], *, version: bytes = b"1.4", comment: bytes = b"") -> bytes:
    """Objects in the file body, a cross-reference table and a trailer. `comment` goes into a comment
    line after the header (for padding a file to a given size, or a marker a test looks for)."""
    pdf = bytearray(b"%PDF-" + version + b"\n" + BINARY_MARKER)
    if comment:
        pdf += b"%" + comment + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def object_stream_pdf(objects: Sequence[bytes], *, version: bytes = b"1.5", stream_data: bytes | None = None) -> bytes:
    """Every object (none may be a stream) inside one Flate-compressed object stream, located by a
    compressed cross-reference stream: no dictionary of `objects` appears in the file's raw bytes.
    `stream_data` replaces the object stream's decoded content (for hostile object streams)."""
    count = len(objects)
    header, body = [], b""
    for number, obj in enumerate(objects, start=1):
        header.append(b"%d %d" % (number, len(body)))
        body += obj + b"\n"
    index = b" ".join(header) + b"\n"
    decoded = index + body if stream_data is None else stream_data
    compressed = zlib.compress(decoded, 9)
    objstm_number, xref_number = count + 1, count + 2

    pdf = bytearray(b"%PDF-" + version + b"\n" + BINARY_MARKER)
    objstm_offset = len(pdf)
    pdf += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        objstm_number,
        count,
        len(index),
        len(compressed),
    )
    pdf += compressed + b"\nendstream\nendobj\n"
    xref_offset = len(pdf)
    # /W [1 4 2]: type, field 2 (offset or object stream number), field 3 (generation or index).
    rows = [struct.pack(">BIH", 0, 0, 0xFFFF)]
    rows += [struct.pack(">BIH", 2, objstm_number, i) for i in range(count)]
    rows += [struct.pack(">BIH", 1, objstm_offset, 0), struct.pack(">BIH", 1, xref_offset, 0)]
    xref_data = zlib.compress(b"".join(rows))
    pdf += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % (
        xref_number,
        count + 3,
        len(xref_data),
    )
    pdf += xref_data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(pdf)


def plain_pdf(*, comment: bytes = b"") -> bytes:
    """A valid one-page PDF with nothing active in it."""
    return classic_pdf(plain_objects(), comment=comment)


def padded_pdf(total: int) -> bytes:
    """A valid PDF of exactly `total` bytes (the padding is a comment line after the header)."""
    padding = total - len(plain_pdf(comment=b""))
    while len(pdf := plain_pdf(comment=b"0" * padding)) != total:  # the startxref offset may gain digits
        padding += total - len(pdf)
    return pdf
