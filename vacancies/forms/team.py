"""Forms of a company's team: joining through an invitation, inviting a colleague."""

from __future__ import annotations

from django import forms

from accounts.forms import NamedSignupForm
from vacancies import services


class EmployerJoinForm(NamedSignupForm):
    """`/employers/join/<token>/`: a new account that joins the invitation's company (the view sets
    `invite`). The address must be the one the invitation went to."""

    job_title = forms.CharField(max_length=120, required=False, label="Your job title")

    field_order = ["first_name", "last_name", "job_title", "email", "password1", "password2"]

    invite = None

    def clean_email(self):
        email = super().clean_email()
        if self.invite is not None and email and email.lower() != self.invite.email.lower():
            raise forms.ValidationError(
                "Use the address the invitation was sent to: "
                f"{self.invite.email}. Ask for a new invitation to use another one."
            )
        return email

    def signup(self, request, user):
        services.employer_join(user=user, invite=self.invite, job_title=self.cleaned_data.get("job_title", ""))


class CompanyInviteForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        label="Colleague's work email",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
