"""The workspace's small forms: move an application, add a note, invite a candidate."""

from __future__ import annotations

from django import forms

from recruitment.contacts import LOGGABLE_KINDS, MESSAGE_MAX, NOTE_MAX
from recruitment.models import ContactLogEntry
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
