"""The candidate's own data: deleting their account (the export needs no form)."""

from __future__ import annotations

from django import forms


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand that my profile, CVs and account are deleted for good and cannot be restored.",
        error_messages={"required": "Tick the box to confirm that you want to delete your account."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your account was not deleted.")
        return password
