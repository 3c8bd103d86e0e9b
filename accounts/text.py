"""Text that leaves the site (pages, the Atom feed, JSON-LD, emails, calendar files) without control characters.

XML 1.0 forbids most of them (one in a vacancy made the whole feed answer 500), iCalendar forbids them, mail
clients show them as boxes. Tab, newline and carriage return stay; every other C0 and C1 control, and DEL, go."""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_control(text: str) -> str:
    """`text` without control characters (tab, newline and carriage return kept)."""
    return CONTROL_CHARACTERS.sub("", text) if text else text


def has_control(text: str) -> bool:
    return bool(text) and CONTROL_CHARACTERS.search(text) is not None
