from allauth.account.forms import SignupForm
from django import forms
from django.db import transaction

from accounts import services


class NamedSignupForm(SignupForm):
    """allauth's sign-up form plus the person's name."""

    first_name = forms.CharField(
        max_length=150, label="First name", widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=150, label="Last name", widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()


class CandidateSignupForm(NamedSignupForm):
    """`/accounts/signup/`: creates a candidate with an empty profile."""

    @transaction.atomic
    def save(self, request):
        return super().save(request)

    def signup(self, request, user):
        services.candidate_register(user=user)
