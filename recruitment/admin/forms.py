"""The workspace's small forms: move an application, add a note, invite a candidate, filter and select
ranked candidates."""

from __future__ import annotations

from django import forms
from django_countries import countries

from accounts.choices import RemotePreference
from accounts.fields import ID_MAX
from recruitment.models import ContactLogEntry
from recruitment.selectors.ranking import CONTACT_STATES, DEFAULT_SORT, NOT_CONTACTED, SORTS
from recruitment.services.contacts import LOGGABLE_KINDS, MESSAGE_MAX, NOTE_MAX
from vacancies.models import Application
from vacancies.services import STAGE_TRANSITIONS


class StageMoveForm(forms.Form):
    """The stages an application may go to next (`vacancies.services.STAGE_TRANSITIONS`), and a note."""

    stage = forms.ChoiceField(label="Move to")
    note = forms.CharField(
        label="Note (kept in the stage history)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = STAGE_TRANSITIONS.get(application.stage, set())
        self.fields["stage"].choices = [(s.value, s.label) for s in Application.Stage if s.value in allowed]
        self.fields["stage"].widget.attrs["id"] = "id_move_stage"
        self.fields["note"].widget.attrs["id"] = "id_move_note"


class NoteForm(forms.Form):
    body = forms.CharField(
        label="New note",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "id": "id_note_body"}),
        error_messages={"required": "Write the note first."},
    )


class InvitationForm(forms.Form):
    message = forms.CharField(
        label="A line from you (optional, in the email)",
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ContactLogForm(forms.Form):
    kind = forms.ChoiceField(
        label="Contact",
        choices=[(k, ContactLogEntry.Kind(k).label) for k in LOGGABLE_KINDS],
        widget=forms.Select(attrs={"id": "id_contact_kind"}),
    )
    summary = forms.CharField(
        label="What was said",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "id": "id_contact_summary"}),
    )


def form_errors(form: forms.Form) -> str:
    """A form's errors as one sentence for a message."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# --- The ranked candidates of a vacancy -------------------------------------------------------

BULK_MAX = 50
FLOOR_EUR_MAX = 10_000_000


class RankedFilterForm(forms.Form):
    """The ranked-candidates page's filters and sort (GET). An invalid value is reported and ignored."""

    min_score = forms.IntegerField(label="Minimum score", required=False, min_value=0, max_value=100)
    country = forms.ChoiceField(label="Country", required=False)
    city = forms.CharField(label="City contains", required=False, max_length=100)
    remote = forms.ChoiceField(
        label="Remote preference", required=False, choices=[("", "Any"), *RemotePreference.choices]
    )
    max_floor_eur = forms.IntegerField(
        label="Salary floor at most (EUR)",
        required=False,
        min_value=0,
        max_value=FLOOR_EUR_MAX,
        help_text="Floors in other currencies are converted at the reference rates; no floor given counts as fitting.",
    )
    state = forms.ChoiceField(
        label="Contact",
        required=False,
        choices=[("", "Everyone"), (NOT_CONTACTED, "Not yet contacted"), *((s.key, s.label) for s in CONTACT_STATES)],
    )
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[(key, label) for key, (label, _order) in SORTS.items()]
    )

    def __init__(self, *args, countries_shown: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        field.choices = [("", "Any"), *countries]  # any country is a valid filter...
        if countries_shown is not None:  # ...the list offers those of the ranked candidates (and the chosen one)
            chosen = self.data.get("country") if self.is_bound else None
            shown = {code for code in countries_shown if code in countries} | ({chosen} & set(dict(countries)))
            field.widget.choices = [("", "Any"), *sorted(((c, countries.name(c)) for c in shown), key=lambda x: x[1])]

    def filters(self) -> dict:
        """The valid filters (keyword arguments of `recruitment.selectors.ranking.ranked_candidates`); invalid ones
        are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        data.setdefault("sort", DEFAULT_SORT)
        return data


class CandidateIdsField(forms.Field):
    """Candidate profile ids from checkboxes: whole numbers within a database id's range, at most BULK_MAX,
    duplicates dropped (order kept)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in self.empty_values:
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        ids: list[int] = []
        for item in values:
            text = str(item).strip()
            if not (text.isascii() and text.isdigit() and len(text) <= len(str(ID_MAX)) and int(text) <= ID_MAX):
                raise forms.ValidationError("Choose candidates from the list.", code="invalid")
            if int(text) not in ids:
                ids.append(int(text))
        return ids

    def validate(self, value):
        super().validate(value)
        if len(value) > BULK_MAX:
            raise forms.ValidationError(f"Select at most {BULK_MAX} candidates at a time.", code="too_many")


class BulkSelectionForm(forms.Form):
    candidate = CandidateIdsField(error_messages={"required": "Select at least one candidate."})
