"""The answers to an introduction: the candidate's (may we introduce you?) and the client's."""

from __future__ import annotations

from django import forms

from recruitment.models.introductions import Introduction
from recruitment.services.introductions import ANSWER_INTERESTED, ANSWER_NOT_A_FIT, ANSWER_REVEAL, NOTE_MAX


class IntroductionAnswerForm(forms.Form):
    """The candidate's yes or no to an introduction (or to revealing their name)."""

    ACCEPT, DECLINE = "accept", "decline"

    answer = forms.ChoiceField(
        label="Your answer",
        choices=[(ACCEPT, "Yes, go ahead"), (DECLINE, "No, thank you")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no."},
    )
    reason = forms.ChoiceField(
        label="If not, why? (helps us find a better fit)",
        choices=[("", "Choose a reason"), *Introduction.CandidateReason.choices],
        required=False,
    )
    note = forms.CharField(
        label="Anything to add (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == self.DECLINE and not data.get("reason"):
            self.add_error("reason", "Choose a reason: it helps us find a better fit.")
        return data


class ClientAnswerForm(forms.Form):
    """The client's answer to an introduction: Interested, Not a fit (with a reason) or Ask to reveal."""

    answer = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ANSWER_INTERESTED, "Interested: start the application at Screening"),
            (ANSWER_REVEAL, "Ask to reveal who the candidate is"),
            (ANSWER_NOT_A_FIT, "Not a fit"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose an answer."},
    )
    reason = forms.ChoiceField(
        label="If not a fit, why? (for the recruiter)",
        choices=[("", "Choose a reason"), *Introduction.ClientReason.choices],
        required=False,
    )
    note = forms.CharField(
        label="A note for the recruiter (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, introduction: Introduction, **kwargs):
        super().__init__(*args, **kwargs)
        anonymised = introduction.is_anonymised
        labels = dict(self.fields["answer"].choices)
        if anonymised:
            # Interested in one step: the candidate is asked to reveal, and their yes opens the application.
            labels[ANSWER_INTERESTED] = "Interested: ask them to reveal, and start the application when they agree"
            labels[ANSWER_REVEAL] = "Ask to reveal who they are first (no application yet)"
        self.fields["answer"].choices = [
            (value, label) for value, label in labels.items() if value != ANSWER_REVEAL or anonymised
        ]

    def clean(self):
        data = super().clean()
        if data.get("answer") == ANSWER_NOT_A_FIT and not data.get("reason"):
            self.add_error("reason", "Choose a reason: the recruiter needs it.")
        return data
