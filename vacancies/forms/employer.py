"""Forms of the employer pages: sign-up, company, vacancy editor, closing a vacancy, moving an applicant."""

from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from accounts.fields import BoundedModelMultipleChoiceField
from accounts.forms import NamedSignupForm
from accounts.models import Industry, RoleFamily, Skill
from accounts.text import strip_control
from vacancies import services
from vacancies.models import Application, Company, Vacancy
from vacancies.validators import LOGO_MAX_SIDE, validate_logo

# How far ahead a closing date may be: openings are reviewed again when they are re-posted.
MAX_CLOSING_DAYS = 365


class EmployerSignupForm(NamedSignupForm):
    """`/employers/signup/`: creates an employer and their company, of which they are the admin. A company
    that already has an account is not created twice: the person is told to ask a colleague for an
    invitation, or to ask to join (a request the recruiters see)."""

    company_name = forms.CharField(max_length=120, label="Company name")
    job_title = forms.CharField(max_length=120, required=False, label="Your job title")
    ask_to_join = forms.BooleanField(
        required=False,
        label="My company already has an account: ask to join it",
        help_text="Our recruiters see your request; the quickest way in is an invitation from a colleague.",
    )

    field_order = [
        *("first_name", "last_name", "job_title", "company_name", "ask_to_join"),
        *("email", "password1", "password2"),
    ]

    existing_company = None

    def clean_company_name(self):
        name = services.normalised_company_name(self.cleaned_data["company_name"])
        if not name:
            raise forms.ValidationError("Enter your company's name.")
        return name

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("company_name")
        self.existing_company = services.company_named(name) if name else None
        if self.existing_company is not None and not cleaned.get("ask_to_join"):
            self.add_error(
                "company_name",
                f"{self.existing_company.name} already has a company account with us. Ask a colleague there "
                "to invite you from their company page, or tick the box below to ask to join it.",
            )
        return cleaned

    def signup(self, request, user):
        job_title = self.cleaned_data.get("job_title", "")
        if self.existing_company is not None:
            services.company_join_request(user=user, company=self.existing_company, job_title=job_title)
        else:
            services.employer_register(user=user, company_name=self.cleaned_data["company_name"], job_title=job_title)


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class CompanyForm(forms.ModelForm):
    """The company profile. The logo is a separate field: the service stores a re-encoded copy."""

    logo = forms.FileField(
        required=False,
        label="Logo",
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(required=False, label="Remove the current logo")

    class Meta:
        model = Company
        fields = ["name", "website", "industry", "size", "description"]
        formfield_callback = _formfield
        labels = {"name": "Company name", "size": "Company size", "description": "About the company"}
        help_texts = {
            "website": "Starting with https://",
            "description": "What the company does, for whom, and why product leaders should care. Markdown: a "
            'blank line starts a paragraph, "- " a list item, **bold** for emphasis. HTML is removed.',
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = Industry.objects.active()
        self.fields["industry"].empty_label = "Choose an industry"
        self.fields["size"].choices = [("", "Choose a size"), *Company.Size.choices]
        self.fields["logo"].help_text = (
            f"PNG, JPEG or WebP, at most {filesizeformat(settings.LOGO_MAX_BYTES)} and {LOGO_MAX_SIDE} pixels "
            "on each side. A square image works best."
        )
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("website", css_class="col-md-6")),
            Row(Column("industry", css_class="col-md-6"), Column("size", css_class="col-md-6")),
            "description",
            "logo",
            *(["remove_logo"] if "remove_logo" in self.fields else []),
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter the company's name.")
        return name

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            validate_logo(logo)
        return logo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and cleaned.get("remove_logo"):
            self.add_error("remove_logo", "Either upload a new logo or remove the current one, not both.")
        return cleaned


class SkillChoiceField(BoundedModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class VacancyForm(forms.ModelForm):
    """The vacancy editor. Status and dates are not here: the workflow services own them."""

    must_have_skills = SkillChoiceField(
        queryset=Skill.objects.none(),
        required=False,
        label="Must-have skills",
        help_text="Candidates without most of these are never alerted, whatever else they bring.",
    )
    required_skills = SkillChoiceField(
        queryset=Skill.objects.none(),
        required=False,
        label="Important skills",
        help_text="Required, and they count, but a candidate can make up for one missing.",
    )
    nice_to_have_skills = SkillChoiceField(queryset=Skill.objects.none(), required=False, label="Nice-to-have skills")

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "role_family",
            "seniority",
            "min_years",
            "employment_type",
            "openings",
            "industry",
            "city",
            "country",
            "remote_policy",
            "salary_min",
            "salary_max",
            "salary_currency",
            "nice_to_have_skills",
            "description",
            "closes_on",
        ]
        labels = {
            "title": "Job title",
            "min_years": "Minimum years of product experience",
            "salary_min": "Salary from",
            "salary_max": "Salary up to",
            "salary_currency": "Currency",
            "closes_on": "Closing date",
            "remote_policy": "Remote policy",
        }
        help_texts = {
            "title": "As candidates will see it, e.g. “Head of Product, Payments”.",
            "salary_min": "Yearly base salary. Openings with a salary band get far more good applicants.",
            "description": "The role, the team, what success looks like in a year. Markdown: a blank line starts a "
            'paragraph, "- " a list item, **bold** for emphasis. HTML is removed.',
            "closes_on": "Optional. The opening leaves the board after this day.",
            "openings": "How many people you will hire for this role. The last hire closes it as filled.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 12}),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "salary_min": forms.NumberInput(attrs={"min": 1, "step": 1000, "placeholder": "120000"}),
            "salary_max": forms.NumberInput(attrs={"min": 1, "step": 1000, "placeholder": "150000"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        skills = Skill.objects.active().order_by("name")
        self.fields["must_have_skills"].queryset = skills
        self.fields["required_skills"].queryset = skills
        if self.instance.pk and not self.is_bound:
            by_importance = self.instance.required_skills_by_importance()
            self.initial["must_have_skills"] = [skill.pk for skill in by_importance["must_have"]]
            self.initial["required_skills"] = [skill.pk for skill in by_importance["important"]]
        self.fields["nice_to_have_skills"].queryset = skills
        self.fields["role_family"].queryset = RoleFamily.objects.active()
        self.fields["openings"].required = False
        self.fields["openings"].widget.attrs.update({"min": 1, "max": 50})
        self.fields["role_family"].empty_label = "Choose a role family"
        self.fields["industry"].queryset = Industry.objects.active()
        self.fields["industry"].empty_label = "Any / not specific"
        self.fields["seniority"].choices = [("", "Choose a seniority"), *Vacancy._meta.get_field("seniority").choices]
        self.fields["country"].label = "Country"
        countries = [choice for choice in self.fields["country"].choices if choice[0]]
        self.fields["country"].choices = [("", "Choose a country"), *countries]
        self.fields["closes_on"].widget.attrs["min"] = timezone.localdate().isoformat()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                "The role",
                "title",
                Row(Column("role_family", css_class="col-md-6"), Column("seniority", css_class="col-md-6")),
                Row(
                    Column("min_years", css_class="col-md-4"),
                    Column("employment_type", css_class="col-md-4"),
                    Column("openings", css_class="col-md-4"),
                ),
                "industry",
            ),
            Fieldset(
                "Location",
                Row(
                    Column("city", css_class="col-md-4"),
                    Column("country", css_class="col-md-4"),
                    Column("remote_policy", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                "Salary band",
                Row(
                    Column("salary_min", css_class="col-md-5"),
                    Column("salary_max", css_class="col-md-5"),
                    Column("salary_currency", css_class="col-md-2"),
                ),
            ),
            Fieldset(
                "Skills",
                HTML(
                    '<p class="small text-body-secondary">Pick each skill once: a must-have, important or nice '
                    "to have.</p>"
                ),
                Field("must_have_skills", wrapper_class="skill-grid"),
                Field("required_skills", wrapper_class="skill-grid"),
                Field("nice_to_have_skills", wrapper_class="skill-grid"),
            ),
            Fieldset("Description", "description", "closes_on"),
        )

    def clean_openings(self):
        # Left empty, a role hires one person (the model's default).
        value = self.cleaned_data.get("openings")
        return 1 if value is None else value

    def clean_title(self):
        title = strip_control(self.cleaned_data["title"]).strip()
        if not title:
            raise forms.ValidationError("Enter the job title.")
        return title

    def clean_description(self):
        description = strip_control(self.cleaned_data["description"]).strip()
        if not description:
            raise forms.ValidationError("Describe the role.")
        return description

    def clean_closes_on(self):
        closes_on = self.cleaned_data.get("closes_on")
        today = timezone.localdate()
        if closes_on and closes_on < today:
            raise forms.ValidationError("The closing date cannot be in the past.")
        if closes_on and closes_on > today + dt.timedelta(days=MAX_CLOSING_DAYS):
            raise forms.ValidationError("Choose a closing date within a year from today.")
        return closes_on

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The top of the salary band must be at least its bottom.")
        must = set(cleaned.get("must_have_skills") or [])
        important = set(cleaned.get("required_skills") or [])
        nice = set(cleaned.get("nice_to_have_skills") or [])
        for field, skills, taken, where in (
            ("required_skills", important, must, "a must-have"),
            ("nice_to_have_skills", nice, must, "a must-have"),
            ("nice_to_have_skills", nice, important, "important"),
        ):
            if skills & taken:
                names = ", ".join(sorted(skill.name for skill in skills & taken))
                self.add_error(field, f"Already {where}: {names}. Pick each skill once.")
        return cleaned

    def skills(self) -> dict[str, list[Skill]]:
        return {
            "must_have": list(self.cleaned_data.get("must_have_skills") or []),
            "important": list(self.cleaned_data.get("required_skills") or []),
            "nice_to_have": list(self.cleaned_data.get("nice_to_have_skills") or []),
        }


def _applicant_name(application: Application) -> str:
    return (application.candidate.get_full_name() if application.candidate else "") or "Deleted candidate"


class VacancyCloseForm(forms.Form):
    """Why the vacancy closes, and for a filled role who was hired (an active applicant, or someone
    found elsewhere): the hired applicant moves to Hired, the others end with the role."""

    ELSEWHERE = "elsewhere"

    reason = forms.ChoiceField(
        choices=Vacancy.CloseReason.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        label="Why are you closing it?",
        error_messages={
            "required": "Choose whether the role was filled or withdrawn.",
            "invalid_choice": "Choose whether the role was filled or withdrawn.",
        },
    )
    hired = forms.ChoiceField(label="If filled, who was hired?", required=False)
    note = forms.CharField(
        label="Why (kept in the vacancy's history)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, vacancy: Vacancy | None = None, withdrawal_needs_reason: bool = False, **kwargs):
        """`withdrawal_needs_reason`: a withdrawn role must say why (the recruiters' workspace asks)."""
        super().__init__(*args, **kwargs)
        self.withdrawal_needs_reason = withdrawal_needs_reason
        self.applications = {}
        if vacancy is not None:
            active = (
                Application.objects.filter(vacancy=vacancy)
                .exclude(stage__in=Application.FINAL_STAGES)
                .select_related("candidate")
                .order_by("-stage_changed_at")
            )
            self.applications = {str(a.pk): a for a in active}
        self.fields["hired"].choices = [
            ("", "Choose…"),
            *(
                (
                    pk,
                    f"{_applicant_name(a)} ({a.get_stage_display()})",
                )
                for pk, a in self.applications.items()
            ),
            (self.ELSEWHERE, "Someone found elsewhere"),
        ]

    def clean(self):
        data = super().clean()
        # With nobody in its pipeline, a filled role was filled elsewhere: nothing to ask.
        if data.get("reason") == Vacancy.CloseReason.FILLED and self.applications and not data.get("hired"):
            self.add_error("hired", "Tell us who was hired: one of the applicants, or someone found elsewhere.")
        if (
            self.withdrawal_needs_reason
            and data.get("reason") == Vacancy.CloseReason.WITHDRAWN
            and not data.get("note", "").strip()
        ):
            self.add_error("note", "Say why the role is withdrawn: the client and the team will read it.")
        data["hired_application"] = self.applications.get(data.get("hired") or "")
        return data


class ApplicationMoveForm(forms.Form):
    """Shortlist or decline an applicant; declining may carry a note."""

    stage = forms.ChoiceField(
        choices=[
            (Application.Stage.SHORTLISTED, "Shortlist"),
            (Application.Stage.REJECTED, "Decline"),
        ]
    )
    note = forms.CharField(
        required=False,
        max_length=2000,
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Saved with the application's history.",
    )


class ApplicationFeedbackForm(forms.Form):
    body = forms.CharField(
        max_length=2000,
        label="Feedback for the agency",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only our recruiters see this, never the candidate.",
    )
