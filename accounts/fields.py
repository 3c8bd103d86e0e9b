"""Form fields shared by the apps' forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

# The range of a database id (BigAutoField); SQLite refuses anything outside it with OverflowError.
ID_MIN, ID_MAX = -(2**63), 2**63 - 1


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id in which an id outside the database's integer range is an
    invalid choice (a form error), not a crash: Django hands such ids to an `__in` query that SQLite
    cannot bind."""

    def clean(self, value):
        if isinstance(value, (list, tuple)) and (self.to_field_name or "pk") == "pk":
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # not a number at all: the parent class reports it
                if not ID_MIN <= number <= ID_MAX:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super().clean(value)
