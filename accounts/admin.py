"""Users, candidate profiles and the shared vocabularies in the admin.

Recruiters read candidate profiles (the candidate owns the data); the recruitment app adds
their applications, ranked matches and recruiter notes to the candidate page."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from accounts.money import money_text


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_staff", "is_active", "date_joined"]
    list_filter = ["role", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name", "role"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]


class YearsBandFilter(admin.SimpleListFilter):
    """Years of product experience in the bands recruiters think in."""

    title = "years of experience"
    parameter_name = "years"
    BANDS = {
        "0-4": (0, 4, "Under 5 years"),
        "5-9": (5, 9, "5-9 years"),
        "10-14": (10, 14, "10-14 years"),
        "15-19": (15, 19, "15-19 years"),
        "20+": (20, None, "20 years or more"),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (_low, _high, label) in self.BANDS.items()] + [("unknown", "Not given")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unknown":
            return queryset.filter(years_experience__isnull=True)
        if value in self.BANDS:
            low, high, _label = self.BANDS[value]
            condition = Q(years_experience__gte=low)
            if high is not None:
                condition &= Q(years_experience__lte=high)
            return queryset.filter(condition)
        return queryset


@admin.register(CandidateProfile)
class CandidateProfileAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "headline",
        "years",
        "seniority",
        "families",
        "place",
        "remote_preference",
        "salary",
        "open_to_opportunities",
    ]
    list_display_links = ["name"]
    list_filter = [
        "role_families",
        "seniority",
        YearsBandFilter,
        "industries",
        "remote_preference",
        "willing_to_relocate",
        "open_to_opportunities",
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name", "headline", "skills__name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["role_families", "skills", "industries"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    ordering = ["-updated_at", "-pk"]
    show_full_result_count = False
    list_per_page = 50
    # The site's profile page is the candidate's own: this page is where recruiters see a candidate.
    view_on_site = False
    fieldsets = [
        (None, {"fields": ["user", "headline", "current_title", "linkedin_url"]}),
        ("Experience", {"fields": ["years_experience", "seniority", *CandidateProfile.VOCABULARY_FIELDS]}),
        ("Place and pay", {"fields": [*CandidateProfile.PLACE_AND_PAY_FIELDS, "notice_period_weeks"]}),
        ("CV", {"fields": ["cv_summary"]}),
        (
            "Contact",
            {"fields": ["open_to_opportunities", "alert_frequency", "consent_given_at", "last_digest_sent_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("role_families")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Recruiters see who the candidate is and how to reach them, not a link to the user admin.
        return [
            (name, {**options, "fields": ["contact" if f == "user" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        """The candidate owns their profile: recruiters read it (and add notes); only a
        superuser may correct it here."""
        if request.user.is_superuser:
            return ["cv_summary"]
        return [name for _name, options in self.get_fieldsets(request, obj) for name in options["fields"]]

    def has_add_permission(self, request):
        return request.user.is_superuser  # profiles are created by candidates signing up

    @admin.display(description="candidate", ordering="user__last_name")
    def name(self, obj: CandidateProfile) -> str:
        return format_html(
            '{}<span class="agency-sub">{}</span>', obj.user.get_full_name() or obj.user.email, obj.user.email
        )

    @admin.display(description="candidate")
    def contact(self, obj: CandidateProfile) -> str:
        return format_html(
            '{} · <a href="mailto:{}">{}</a>', obj.user.get_full_name() or "-", obj.user.email, obj.user.email
        )

    @admin.display(description="CV")
    def cv_summary(self, obj: CandidateProfile) -> str:
        if not obj.cv:
            return "No CV uploaded yet."
        uploaded = f", uploaded {date_format(localtime(obj.cv_uploaded_at))}" if obj.cv_uploaded_at else ""
        return f"{obj.cv_original_name or 'CV on file'}{uploaded}"

    @admin.display(description="years", ordering="years_experience")
    def years(self, obj: CandidateProfile) -> int | None:
        return obj.years_experience

    @admin.display(description="role families")
    def families(self, obj: CandidateProfile) -> str:
        return ", ".join(f.name for f in obj.role_families.all()) or "-"

    @admin.display(description="location", ordering="country")
    def place(self, obj: CandidateProfile) -> str:
        return ", ".join(p for p in (obj.city, obj.country.name if obj.country else "") if p) or "-"

    @admin.display(description="salary floor", ordering="salary_floor")
    def salary(self, obj: CandidateProfile) -> str:
        return money_text(obj.salary_floor, obj.salary_currency) if obj.salary_floor else "-"


@admin.register(RoleFamily)
class RoleFamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "seniority", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Skill, Industry)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
