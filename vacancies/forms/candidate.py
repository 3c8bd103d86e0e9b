"""The candidate's apply form."""

from __future__ import annotations

from django import forms

from accounts.models import CandidateProfile
from accounts.validators import validate_cv_file


class ApplyForm(forms.Form):
    PROFILE_CV = "profile"
    UPLOAD_CV = "upload"

    cover_letter = forms.CharField(
        label="Cover letter (optional)",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 10_000}),
        help_text="A few lines on why this role, and what you would do in your first months. Up to 10,000 characters.",
    )
    cv_source = forms.ChoiceField(label="Which CV should we send?", widget=forms.RadioSelect)
    cv_file = forms.FileField(
        label="Upload a CV for this application",
        required=False,
        help_text="PDF or Word (.docx), up to 5 MB. Your profile CV stays as it is.",
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        error_messages={"empty": "The file is empty. Choose the file that contains your CV."},
    )

    def __init__(self, *args, profile: CandidateProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        choices = []
        if profile.cv:
            name = profile.cv_original_name or "your CV"
            choices.append((self.PROFILE_CV, f"The CV on my profile ({name})"))
        choices.append((self.UPLOAD_CV, "Upload a different CV for this application"))
        self.fields["cv_source"].choices = choices
        self.fields["cv_source"].initial = choices[0][0]

    def clean_cv_file(self):
        upload = self.cleaned_data.get("cv_file")
        if upload:
            validate_cv_file(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("cv_source") == self.UPLOAD_CV and not cleaned.get("cv_file") and "cv_file" not in self.errors:
            self.add_error("cv_file", "Choose the CV file to send with this application.")
        return cleaned

    @property
    def upload(self):
        if self.cleaned_data.get("cv_source") == self.UPLOAD_CV:
            return self.cleaned_data.get("cv_file")
        return None
