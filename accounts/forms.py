import json
import re

from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.db import transaction

from accounts import services
from accounts.choices import Seniority
from accounts.fields import BoundedModelMultipleChoiceField
from accounts.models import CandidateProfile, Industry, RoleFamily, Skill
from accounts.time_zones import site_zone_choice_label, zone_aliases, zone_choices
from accounts.validators import canonical_linkedin_url, validate_cv_file


class TimeZoneField(forms.ChoiceField):
    """A canonical IANA zone (grouped by region, the person's own first) or "" for the site's.

    With `from_browser`, the page's script (static/js/time-zone.js) fills in the browser's zone while the
    field is still blank; the aliases a browser may report ("Asia/Calcutta") map to their canonical zone."""

    def __init__(self, *, current: str = "", from_browser: bool = False, **kwargs):
        kwargs.setdefault("label", "Your time zone")
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        # Computed when a form is rendered or checked: the site's zone is the settings' at that moment.
        self.choices = lambda: zone_choices(first=current, blank=site_zone_choice_label())
        if from_browser:
            self.widget.attrs["data-browser-zone"] = ""
            self.widget.attrs["data-zone-aliases"] = json.dumps(zone_aliases(), sort_keys=True)


class NamedSignupForm(SignupForm):
    """allauth's sign-up form plus the person's name and time zone."""

    first_name = forms.CharField(
        max_length=150, label="First name", widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=150, label="Last name", widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    time_zone = TimeZoneField(
        from_browser=True,
        help_text="Interview times on the site and in our emails are shown in this zone (your browser's, when it "
        "tells us): change it if it is not where you are.",
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2", "time_zone"]

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def custom_signup(self, request, user):
        services.user_time_zone_set(user=user, time_zone=self.cleaned_data.get("time_zone", ""))
        super().custom_signup(request, user)


class CandidateSignupForm(NamedSignupForm):
    """`/accounts/signup/`: creates a candidate with an empty profile."""

    @transaction.atomic
    def save(self, request):
        return super().save(request)

    def signup(self, request, user):
        services.candidate_register(user=user)


# --- Candidate profile ------------------------------------------------------------

_SALARY_SEPARATORS = re.compile(r"[\s,.'_]")


class SalaryField(forms.IntegerField):
    """A yearly salary: digits, optionally with thousands separators (120,000 / 120 000)."""

    default_error_messages = {
        "invalid": "Enter the salary as a whole number, for example 120000.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = _SALARY_SEPARATORS.sub("", value)
            if value and not value.removeprefix("-").isdigit():
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


CV_ACCEPT = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class CvField(forms.FileField):
    """A CV: PDF or DOCX, checked by its content (`validate_cv_file`) when one is chosen."""

    default_error_messages = {"required": "Choose the file with your CV.", "empty": "The file is empty."}

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your CV")
        kwargs.setdefault("help_text", "PDF or Word (.docx), up to 5 MB.")
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": CV_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            validate_cv_file(upload)
        return upload


class CandidateProfileForm(forms.ModelForm):
    """What a candidate edits at /me/profile/, the CV included: one form, one save."""

    first_name = forms.CharField(max_length=150, label="First name")
    last_name = forms.CharField(max_length=150, label="Last name")
    role_families = BoundedModelMultipleChoiceField(
        queryset=RoleFamily.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles you are looking for",
    )
    skills = BoundedModelMultipleChoiceField(
        queryset=Skill.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Skills",
    )
    extra_alert_role_families = BoundedModelMultipleChoiceField(
        queryset=RoleFamily.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also alert me for these roles",
        help_text="Only roles you are looking for (ticked above).",
    )
    industries = BoundedModelMultipleChoiceField(
        queryset=Industry.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Industries you know",
    )
    years_experience = forms.IntegerField(
        label="Years of product experience",
        required=False,
        min_value=0,
        max_value=50,
        error_messages={
            "invalid": "Enter a whole number of years, for example 12.",
            "min_value": "Years of experience cannot be negative.",
            "max_value": "Enter at most 50 years.",
        },
    )
    salary_floor = SalaryField(
        label="Minimum yearly salary",
        required=False,
        min_value=0,
        max_value=5_000_000,
        help_text="Gross, per year. We only show you roles whose band reaches it.",
        error_messages={
            "min_value": "The salary cannot be negative.",
            "max_value": "Enter at most 5,000,000.",
        },
    )
    notice_period_weeks = forms.IntegerField(
        label="Notice period (weeks)",
        required=False,
        min_value=0,
        max_value=52,
        error_messages={
            "invalid": "Enter the notice period as a whole number of weeks.",
            "min_value": "The notice period cannot be negative.",
            "max_value": "Enter at most 52 weeks.",
        },
    )
    # A CharField, not a URLField: the address is checked and rebuilt by canonical_linkedin_url alone,
    # never first "tidied" by Python's URL parser (which drops tabs and reads backslashes unlike a browser).
    linkedin_url = forms.CharField(
        label="LinkedIn profile URL",
        required=False,
        max_length=200,
        help_text="For example https://www.linkedin.com/in/your-name",
        widget=forms.URLInput(attrs={"placeholder": "https://www.linkedin.com/in/…"}),
    )
    # A new CV (optional): stored by `candidate_cv_replace` in the same save as the profile.
    # The page shows it beside the form (`form` attribute), under the current CV.
    cv = CvField(required=False, widget=forms.FileInput(attrs={"accept": CV_ACCEPT, "form": "profile-form"}))
    consent = forms.BooleanField(
        required=False,
        label="I agree that the agency may contact me about roles and share my profile with employers I apply to.",
        help_text="You can withdraw this at any time by unticking the box.",
    )

    class Meta:
        model = CandidateProfile
        # The template lays the fields out; these are the ones the candidate edits.
        fields = [*services.PROFILE_FIELDS, *CandidateProfile.VOCABULARY_FIELDS, "extra_alert_role_families"]
        labels = {
            "headline": "Headline",
            "current_title": "Current title",
            "seniority": "Your seniority",
            "city": "City",
            "country": "Country",
            "remote_preference": "Where you want to work",
            "willing_to_relocate": "I am willing to relocate",
            "salary_currency": "Currency",
            "open_to_opportunities": "I am open to new opportunities",
            "alert_frequency": "Email me matching roles",
        }
        help_texts = {
            "headline": "One line employers read first, e.g. “CPO who scaled two B2B SaaS platforms”.",
        }
        widgets = {
            "headline": forms.TextInput(attrs={"maxlength": 160}),
            "remote_preference": forms.RadioSelect,
            "alert_frequency": forms.RadioSelect,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["consent"].initial = self.instance.has_consented
        self.fields["seniority"].choices = [("", "Choose your level"), *Seniority.choices]
        default = RoleFamily.objects.active().alerted_by_default()
        self.alerted_by_default = [family.name for family in default]
        self.fields["extra_alert_role_families"].queryset = RoleFamily.objects.active().exclude(
            pk__in=default.values("pk")
        )
        self.fields["alert_frequency"].help_text = (
            f"Alerts cover {' and '.join(self.alerted_by_default) or 'no'} openings that match you well"
            f" (a score of {settings.MATCH_ALERT_THRESHOLD} or more); add other roles you are looking for below."
        )
        self.fields["salary_currency"].error_messages["invalid_choice"] = (
            "Choose one of the listed currencies (%(value)s is not one we support)."
        )
        self.order_fields(["first_name", "last_name", *self.Meta.fields, "consent"])

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_headline(self):
        return self.cleaned_data["headline"].strip()

    def clean_current_title(self):
        return self.cleaned_data["current_title"].strip()

    def clean_city(self):
        return self.cleaned_data["city"].strip()

    def clean_linkedin_url(self):
        return canonical_linkedin_url(self.cleaned_data["linkedin_url"])

    def clean(self):
        cleaned = super().clean()
        targets = set(cleaned.get("role_families") or [])
        outside = [family.name for family in cleaned.get("extra_alert_role_families") or [] if family not in targets]
        if outside and "role_families" not in self.errors:
            self.add_error(
                "extra_alert_role_families",
                f"Pick only roles you are looking for; tick them above first: {', '.join(sorted(outside))}.",
            )
        return cleaned

    def profile_data(self) -> dict:
        """The model fields for `candidate_profile_update`."""
        return {name: self.cleaned_data[name] for name in services.PROFILE_FIELDS}

    def m2m_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in services.MATCHING_M2M}


class TimeZoneForm(forms.Form):
    """Account settings: the zone this person's times are shown in; `current` is theirs, offered first."""

    def __init__(self, *args, current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = TimeZoneField(
            current=current,
            label="Show times in",
            help_text="Interview times and other times in emails and pages are shown in this zone; the times "
            "you type in are read in it.",
        )
