"""The vacancy board's filters. Every value lives in the query string, so a search can be shared."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from accounts.choices import Currency, Seniority
from accounts.models import Industry, RoleFamily
from accounts.money import REFERENCE_CURRENCY, to_eur
from vacancies.locations import country_codes, exact_country
from vacancies.models import RemotePolicy

MAX_KEYWORDS = 6
MAX_LOCATION_PARTS = 3


def role_family_choices() -> list[tuple[str, str]]:
    return list(RoleFamily.objects.active().values_list("slug", "name"))


def industry_choices() -> list[tuple[str, str]]:
    return list(Industry.objects.active().values_list("slug", "name"))


def board_vocabularies() -> dict[str, list[tuple[str, str]]]:
    """The choices of the board's vocabulary filters (one query each)."""
    return {"role_family": role_family_choices(), "industry": industry_choices()}


class SortChoices:
    NEWEST = "newest"
    SALARY = "salary"
    choices = [(NEWEST, "Newest first"), (SALARY, "Highest salary first")]


class VacancyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_keyword",
        label="Keyword",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "Title, company or words in the description", "type": "search"}),
    )
    role_family = django_filters.ChoiceFilter(
        field_name="role_family__slug", choices=role_family_choices, label="Role", empty_label="Any role"
    )
    seniority = django_filters.ChoiceFilter(choices=Seniority.choices, label="Seniority", empty_label="Any seniority")
    remote = django_filters.ChoiceFilter(
        field_name="remote_policy", choices=RemotePolicy.choices, label="Remote policy", empty_label="Any"
    )
    location = django_filters.CharFilter(
        method="filter_location",
        label="Location",
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "City or country"}),
    )
    min_salary = django_filters.NumberFilter(
        method="filter_min_salary",
        label="Minimum salary",
        min_value=0,
        max_value=5_000_000,
        widget=forms.NumberInput(attrs={"placeholder": "e.g. 150000", "step": 5000, "min": 0}),
        help_text="Roles whose band reaches at least this much per year, in the currency beside it.",
    )
    # The minimum salary's currency: bands in other currencies are compared at accounts.money's rates.
    currency = django_filters.ChoiceFilter(
        method="filter_currency", choices=Currency.choices, label="Currency", empty_label=None
    )
    industry = django_filters.ChoiceFilter(
        field_name="industry__slug", choices=industry_choices, label="Industry", empty_label="Any industry"
    )
    sort = django_filters.ChoiceFilter(
        method="filter_sort", choices=SortChoices.choices, label="Sort by", empty_label=None
    )

    # Filters that narrow the results (sort does not), for "clear filters" and empty states.
    NARROWING = ("q", "role_family", "seniority", "remote", "location", "min_salary", "industry")

    def __init__(self, *args, vocabularies: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Read each vocabulary once per request (a callable would be re-read on every use of the choices), or
        # take them from the caller (the board caches them: see vacancies.board_cache).
        vocabularies = vocabularies or board_vocabularies()
        self.filters["role_family"].extra["choices"] = vocabularies["role_family"]
        self.filters["industry"].extra["choices"] = vocabularies["industry"]
        self.form.fields["min_salary"].error_messages.update(
            {
                "invalid": "Enter the salary as a whole number, for example 150000.",
                "min_value": "The salary cannot be negative.",
                "max_value": "Enter at most 5,000,000.",
            }
        )
        self.form.fields["min_salary"].widget.attrs.setdefault("inputmode", "numeric")

    def filter_keyword(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split()[:MAX_KEYWORDS]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(company__name__icontains=word) | Q(description__icontains=word)
            )
        return queryset

    def filter_location(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A city or a country (its name or part of it, ISO code or everyday name: "UK", "USA", "Holland"),
        or "remote"; "London, UK" asks for both."""
        for part in [part.strip() for part in value.split(",")][:MAX_LOCATION_PARTS]:
            if part:
                queryset = queryset.filter(self.location_condition(part))
        return queryset

    @staticmethod
    def location_condition(value: str) -> Q:
        exact = exact_country(value)
        if exact:
            # A code or an everyday name means that country (and a city of exactly that name, if any).
            condition = Q(country=exact) | Q(city__iexact=value)
        else:
            condition = Q(city__icontains=value) | Q(country__in=country_codes(value))
        if value.lower() == "remote":
            condition |= Q(remote_policy=RemotePolicy.REMOTE)
        return condition

    def filter_min_salary(self, queryset: QuerySet, name: str, value) -> QuerySet:
        currency = self.form.cleaned_data.get("currency") or REFERENCE_CURRENCY
        return queryset.filter(salary_max_eur__gte=to_eur(float(value), currency))

    def filter_currency(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset  # only qualifies the minimum salary

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == SortChoices.SALARY:
            # Across currencies, by the band in euros (a SEK band's big number does not put it first).
            return queryset.order_by("-salary_max_eur", "-salary_min_eur", "-published_at", "-pk")
        return queryset.order_by("-published_at", "-pk")

    @property
    def active_filters(self) -> list[tuple[str, str, str]]:
        """(name, label, shown value) of each valid narrowing filter in use."""
        if not self.is_bound:
            return []
        cleaned = getattr(self.form, "cleaned_data", {})
        used = []
        for name in self.NARROWING:
            value = cleaned.get(name)
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            shown = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
            if name == "min_salary":
                shown = f"{cleaned.get('currency') or REFERENCE_CURRENCY} {int(value):,}+"
            used.append((name, field.label, str(shown)))
        return used
