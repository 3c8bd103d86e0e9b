"""A PDF's structure, parsed and walked: is it a plain document, or does it carry active content?

The raw-byte scan in accounts.validators cannot see inside compressed object streams (PDF 1.5+ stores
most dictionaries there, Flate-compressed), so the file is parsed with pypdf in strict mode and every
object the cross-reference data lists, in the file body and inside object streams, is inspected.

Refused: JavaScript anywhere, actions that run something (Launch, SubmitForm, ImportData, GoToR/GoToE,
Rendition, RichMediaExecute ...), any /AA (actions run on events), an /OpenAction that is more than
"go to a page", embedded files and file attachments, rich media, XFA forms, encryption (an encrypted
object stream cannot be inspected), and anything that does not parse.

The work is bounded by the input, never by a clock: the file is at most CV_MAX_BYTES, each decoded
stream and all object streams together have a decompressed-size budget, the number of objects and of
walked values is capped, and every object's offset is checked before pypdf reads it (so a lying
cross-reference table cannot make pypdf search the whole file once per object).
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf._configuration import apply_configuration
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

# Budgets. A CV from Word, Google Docs or LaTeX has tens to a few thousand objects.
MAX_OBJECTS = 20_000
MAX_VALUES = 500_000  # names, numbers, strings, arrays and dictionaries walked, over all objects
MAX_STREAM_DECODED_BYTES = 8 * 1024 * 1024  # one decoded stream (object streams, the xref stream)
MAX_OBJECT_STREAMS_DECODED_BYTES = 16 * 1024 * 1024  # all object streams together
MAX_NESTING = 64

# Action types (/S) that do more than move within the document or open a link the reader clicks.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/ResetForm",
    "/GoToR",
    "/GoToE",
    "/Rendition",
    "/RichMediaExecute",
    "/Sound",
    "/Movie",
}
# Keys that hold scripts, event actions, embedded files or XFA forms.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/XFA", "/RichMediaContent"}
# Object and annotation types that carry files or media.
ACTIVE_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen", "/3D"}

_OBJECT_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")


class PdfRefused(Exception):
    """Why the PDF is refused: `code` is "pdf_active" (active content) or "pdf_unreadable"."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code


def scan_pdf(content: bytes) -> None:
    """Raise PdfRefused unless `content` parses (strictly) as a PDF without active content."""
    try:
        with apply_configuration(
            maximum_declared_stream_length=len(content),
            zlib_maximum_output_length=MAX_STREAM_DECODED_BYTES,
            lzw_maximum_output_length=MAX_STREAM_DECODED_BYTES,
            run_length_maximum_output_length=MAX_STREAM_DECODED_BYTES,
            brotli_maximum_output_length=MAX_STREAM_DECODED_BYTES,
            array_based_stream_maximum_output_length=MAX_STREAM_DECODED_BYTES,
            stream_decoding_work_maximum_length=4 * MAX_STREAM_DECODED_BYTES,
            jbig2dec_binary=None,
        ):
            _Walk(content).run()
    except PdfRefused:
        raise
    except Exception as exc:  # pypdf raises many types (and asserts in strict mode) on broken input
        raise PdfRefused("pdf_unreadable", f"{type(exc).__name__}: {exc}"[:300]) from exc


class _Walk:
    def __init__(self, content: bytes):
        self.content = content
        self.reader = PdfReader(io.BytesIO(content), strict=True, xref_stream_maximum_entries=MAX_OBJECTS)
        self.values = 0

    def run(self) -> None:
        reader = self.reader
        if reader.is_encrypted:
            raise PdfRefused("pdf_encrypted", "encrypted")
        references = self._references()
        self._decode_object_streams()
        self._check(reader.trailer)
        for reference in references:
            self._check(reader.get_object(reference))
        root = reader.trailer.get("/Root")
        root = root.get_object() if root is not None else None
        if not isinstance(root, DictionaryObject):
            raise PdfRefused("pdf_unreadable", "no document catalog")
        if "/OpenAction" in root:
            self._check_open_action(root["/OpenAction"])

    def _references(self) -> list[IndirectObject]:
        """Every object the cross-reference data lists: in the file body (offsets checked) and in object streams."""
        reader, references = self.reader, []
        for generation, entries in reader.xref.items():
            free = reader.xref_free_entry.get(generation, {})
            for number, offset in entries.items():
                if free.get(number) or number == 0:
                    continue
                header = _OBJECT_HEADER.match(self.content, offset) if 0 <= offset < len(self.content) else None
                if header is None or (int(header[1]), int(header[2])) != (number, generation):
                    raise PdfRefused("pdf_unreadable", f"object {number} {generation} is not at its offset")
                references.append(IndirectObject(number, generation, reader))
        references += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
        if len(references) > MAX_OBJECTS:
            raise PdfRefused("pdf_unreadable", f"more than {MAX_OBJECTS} objects")
        return references

    def _decode_object_streams(self) -> None:
        """Decode each object stream once, within the budget, before pypdf reads objects out of them."""
        total = 0
        for number in sorted({stream for stream, _index in self.reader.xref_objStm.values()}):
            stream = self.reader.get_object(number)
            if not isinstance(stream, StreamObject) or stream.get("/Type") != "/ObjStm":
                raise PdfRefused("pdf_unreadable", f"object {number} is not an object stream")
            total += len(stream.get_data())
            if total > MAX_OBJECT_STREAMS_DECODED_BYTES:
                raise PdfRefused("pdf_unreadable", "object streams too large")

    def _check(self, obj) -> None:
        """Every dictionary inside `obj` (a stream's dictionary included; references are not followed:
        each referenced object is checked on its own)."""
        stack = [(obj, 0)]
        while stack:
            value, depth = stack.pop()
            self.values += 1
            if self.values > MAX_VALUES or depth > MAX_NESTING:
                raise PdfRefused("pdf_unreadable", "too many or too deeply nested values")
            if isinstance(value, DictionaryObject):
                self._check_dictionary(value)
                stack.extend((item, depth + 1) for item in dict.values(value))
            elif isinstance(value, ArrayObject):
                stack.extend((item, depth + 1) for item in list.__iter__(value))

    def _check_dictionary(self, d: DictionaryObject) -> None:
        keys = set(dict.keys(d))
        found = keys & ACTIVE_KEYS
        if found:
            raise PdfRefused("pdf_active", f"key {sorted(found)[0]}")
        for key in ("/Type", "/Subtype"):
            kind = dict.get(d, key)
            if isinstance(kind, NameObject) and kind in ACTIVE_TYPES:
                raise PdfRefused("pdf_active", f"{key} {kind}")
        action = dict.get(d, "/S")
        if isinstance(action, NameObject) and action in ACTIVE_ACTIONS:
            raise PdfRefused("pdf_active", f"action {action}")

    def _check_open_action(self, action) -> None:
        """Opening the document may show a page (a destination array or one GoTo action), nothing else."""
        action = action.get_object() if isinstance(action, IndirectObject) else action
        if isinstance(action, ArrayObject):
            return
        if isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo" and "/Next" not in action:
            return
        raise PdfRefused("pdf_active", "OpenAction")
