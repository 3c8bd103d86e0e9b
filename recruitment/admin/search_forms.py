"""The workspace's candidate search form: what a recruiter may search candidates by, checked before any
query runs. Bad values are form errors shown above the results, never a crash.

Its fields are the search page's query parameters and a saved search's criteria
(`SavedSearch.CRITERIA_KEYS`); `search_arguments()` feeds `CandidateProfile.objects.search`."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django_countries import countries

from accounts.choices import RemotePreference
from accounts.fields import BoundedModelMultipleChoiceField
from accounts.models import RoleFamily, Skill
from recruitment.models.searches import NAME_MAX

TEXT_MAX = 200
SKILLS_MAX = 20
COUNTRIES_MAX = 30
YEARS_MAX = 50
SALARY_MAX_EUR = 10_000_000
ANY, ALL = "any", "all"
OPEN_CHOICES = [("", "Either"), ("yes", "Open to opportunities"), ("no", "Not open to opportunities")]


def _at_most(limit: int, what: str):
    def check(values) -> None:
        if values is not None and len(values) > limit:
            raise forms.ValidationError(f"Choose at most {limit} {what}.")

    return check


class CandidateSearchForm(forms.Form):
    q = forms.CharField(label="Name, email, headline or title", required=False, max_length=TEXT_MAX)
    skills = BoundedModelMultipleChoiceField(
        label="Skills",
        queryset=Skill.objects.order_by("name"),
        required=False,
        widget=FilteredSelectMultiple("skills", is_stacked=False),
        validators=[_at_most(SKILLS_MAX, "skills")],
    )
    skills_match = forms.ChoiceField(
        label="Candidates with",
        choices=[(ANY, "any of these skills"), (ALL, "all of these skills")],
        required=False,
        widget=forms.RadioSelect,
    )
    role_families = BoundedModelMultipleChoiceField(
        label="Targets any of these roles",
        queryset=RoleFamily.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The template shows each pair in a fieldset ("Years of experience", "Salary floor in EUR").
    years_min = forms.IntegerField(label="From", required=False, min_value=0, max_value=YEARS_MAX)
    years_max = forms.IntegerField(label="To", required=False, min_value=0, max_value=YEARS_MAX)
    salary_min_eur = forms.IntegerField(label="From", required=False, min_value=0, max_value=SALARY_MAX_EUR)
    salary_max_eur = forms.IntegerField(label="To", required=False, min_value=0, max_value=SALARY_MAX_EUR)
    countries = forms.MultipleChoiceField(
        label="Countries",
        choices=list(countries),
        required=False,
        widget=FilteredSelectMultiple("countries", is_stacked=False),
        validators=[_at_most(COUNTRIES_MAX, "countries")],
    )
    remote = forms.MultipleChoiceField(
        label="Remote preference", choices=RemotePreference.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    open = forms.ChoiceField(label="Open to opportunities", choices=OPEN_CHOICES, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("skills_match"):
            # "Any of these skills" is the default a search (or a saved one) leaves out: show it chosen.
            data = data.copy()
            data["skills_match"] = ANY
        super().__init__(data, *args, **kwargs)

    @classmethod
    def is_search(cls, params) -> bool:
        """Whether a query string holds any search parameter (otherwise the page shows an empty form)."""
        return any(name in params for name in cls.base_fields)

    def clean(self):
        data = super().clean()
        for low, high, what in (("years_min", "years_max", "years"), ("salary_min_eur", "salary_max_eur", "salary")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, f"The highest {what} must be at least the lowest.")
        return data

    def criteria(self) -> dict:
        """The cleaned search as plain values (ids, codes, numbers), without the empty ones: the query string
        of the search page and what a saved search keeps."""
        data = self.cleaned_data
        skills = sorted(skill.pk for skill in data.get("skills") or [])
        values = {
            "q": " ".join((data.get("q") or "").split()),
            "skills": skills,
            "skills_match": ALL if skills and data.get("skills_match") == ALL else "",
            "role_families": sorted(family.pk for family in data.get("role_families") or []),
            "years_min": data.get("years_min"),
            "years_max": data.get("years_max"),
            "salary_min_eur": data.get("salary_min_eur"),
            "salary_max_eur": data.get("salary_max_eur"),
            "countries": sorted(data.get("countries") or []),
            "remote": sorted(data.get("remote") or []),
            "open": data.get("open") or "",
        }
        return {key: value for key, value in values.items() if value not in (None, "", [])}

    def search_arguments(self) -> dict:
        """The keyword arguments of `CandidateProfile.objects.search` for this search."""
        data = self.cleaned_data
        return {
            "text": data.get("q") or "",
            "skills": list(data.get("skills") or []),
            "all_skills": data.get("skills_match") == ALL,
            "role_families": list(data.get("role_families") or []),
            "years_min": data.get("years_min"),
            "years_max": data.get("years_max"),
            "salary_min_eur": data.get("salary_min_eur"),
            "salary_max_eur": data.get("salary_max_eur"),
            "countries": data.get("countries") or [],
            "remote_preferences": data.get("remote") or [],
            "open_to_opportunities": {"yes": True, "no": False}.get(data.get("open") or ""),
        }


class SaveSearchForm(forms.Form):
    name = forms.CharField(label="Save this search as", max_length=NAME_MAX)
