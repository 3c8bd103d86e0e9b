"""The demo candidates' CVs: a minimal one-page PDF writer, and the CV laid out with it."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from django_countries import countries

from recruitment.demo.world import DemoCandidate

# One line of a page: (font, F1 regular or F2 bold; size in points; text). An empty text is vertical space.
Line = tuple[str, int, str]


def candidate_cv_pdf(c: DemoCandidate, *, skills: Sequence[str], industries: Sequence[str]) -> bytes:
    """The candidate's CV: name, headline, contact line, profile, experience, skills."""
    place = f"{c.city}, {countries.name(c.country)}"
    lines: list[Line] = [
        ("F2", 20, f"{c.first} {c.last}"),
        ("F1", 12, c.headline),
        ("F1", 9, f"{place}  |  {c.email}  |  {c.linkedin_url.removeprefix('https://www.')}"),
        ("", 10, ""),
        ("F2", 12, "Profile"),
        *_wrapped("F1", 10, c.summary),
        ("", 10, ""),
        ("F2", 12, "Experience"),
    ]
    for entry in c.career:
        period_and_role, _, detail = entry.partition(". ")
        lines.extend(_wrapped("F2", 10, period_and_role.rstrip(".")))
        if detail:
            lines.extend(_wrapped("F1", 10, detail))
        lines.append(("", 5, ""))
    lines += [
        ("", 5, ""),
        ("F2", 12, "Skills"),
        *_wrapped("F1", 10, ", ".join(skills)),
        ("", 10, ""),
        ("F2", 12, "Industries"),
        *_wrapped("F1", 10, ", ".join(industries)),
        ("", 10, ""),
        ("F1", 9, f"{c.years} years of product experience. Notice period: {c.notice_weeks} weeks."),
    ]
    return text_pdf(lines, title=f"{c.first} {c.last} - CV")


def _wrapped(font: str, size: int, text: str) -> list[Line]:
    width = int(480 / (size * 0.52))  # Helvetica is about half an em wide per character
    return [(font, size, line) for line in textwrap.wrap(text, width)]


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", errors="replace") + b")"


def text_pdf(lines: Sequence[Line], *, title: str) -> bytes:
    """A minimal, valid one-page A4 PDF: lines of (font F1 regular or F2 bold, size, text), top down.
    An empty text is vertical space. Standard Helvetica fonts, WinAnsi encoding, nothing embedded."""
    ops, y = [], 800.0
    for font, size, text in lines:
        if text:
            ops.append(b"BT /%s %d Tf 56 %.1f Td %s Tj ET" % (font.encode(), size, y, _pdf_string(text)))
            y -= size * 1.4
        else:
            y -= size * 1.2
    stream = b"\n".join(ops)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title %s /Producer (Northstar demo data) >>" % _pdf_string(title),
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, len(objects), xref)
    return bytes(pdf + b"%%EOF\n")
