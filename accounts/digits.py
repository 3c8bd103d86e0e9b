"""Numbers and times are typed with the digits 0-9, in every form of the site (pages, the workspace, sign-up).

Python reads any Unicode decimal digit as a number (int() of a full-width "120" is 120), and Django's number, date
and time fields accept full-width or Arabic-Indic digits the person never meant (a phone keyboard in another script, a
paste from a spreadsheet), which then show back as different characters. Every Django form field that reads a
number, a date or a time refuses them with a message instead, from one place: `install()` (called once, from
`AccountsConfig.ready()`) wraps those fields' `to_python`, so no form, admin page or third-party form can
forget it. Text fields are untouched: names and notes may hold any script."""

from __future__ import annotations

import functools
import re

from django import forms
from django.core.exceptions import ValidationError

# A decimal digit (Unicode category Nd) other than 0-9.
NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
MESSAGE = "Type numbers with the digits 0 to 9."
FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
)


def refuse_non_ascii_digits(value) -> None:
    texts = value if isinstance(value, (list, tuple)) else [value]
    if any(isinstance(text, str) and NON_ASCII_DIGIT.search(text) for text in texts):
        raise ValidationError(MESSAGE, code="non_ascii_digits")


def _guarded(to_python):
    @functools.wraps(to_python)
    def to_python_ascii_digits(self, value):
        refuse_non_ascii_digits(value)
        return to_python(self, value)

    to_python_ascii_digits.ascii_digits_only = True
    return to_python_ascii_digits


def install() -> None:
    for field in FIELDS:
        if "to_python" in vars(field) and not getattr(field.to_python, "ascii_digits_only", False):
            field.to_python = _guarded(field.to_python)
