from django import forms

from accounts.forms import NamedSignupForm
from vacancies import services


class EmployerSignupForm(NamedSignupForm):
    """`/employers/signup/`: creates an employer, their company and the link between them."""

    company_name = forms.CharField(max_length=120, label="Company name")
    job_title = forms.CharField(max_length=120, required=False, label="Your job title")

    field_order = ["first_name", "last_name", "job_title", "company_name", "email", "password1", "password2"]

    def clean_company_name(self):
        name = self.cleaned_data["company_name"].strip()
        if not name:
            raise forms.ValidationError("Enter your company's name.")
        return name

    def signup(self, request, user):
        services.employer_register(
            user=user, company_name=self.cleaned_data["company_name"], job_title=self.cleaned_data.get("job_title", "")
        )
