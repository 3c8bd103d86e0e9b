"""Companies (and their employer users) in the recruiters' workspace."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile

from vacancies import services
from vacancies.models import Company, EmployerProfile
from vacancies.validators import validate_logo

# --- Companies ---------------------------------------------------------------------


class EmployerInline(admin.TabularInline):
    model = EmployerProfile
    extra = 0
    autocomplete_fields = ["user"]


class CompanyAdminForm(forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Company
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin chooses what is shown

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            validate_logo(logo)  # by content, like the employers' form; the service re-encodes it
        return logo


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    form = CompanyAdminForm
    list_display = ["name", "industry", "size", "website", "created_at"]
    list_filter = ["industry", "size"]
    list_select_related = ["industry"]
    search_fields = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmployerInline]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []  # links to a company stay stable

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else self.prepopulated_fields

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("logo")
        new_logo = upload if isinstance(upload, UploadedFile) else None
        if not change:
            obj.logo = ""
            super().save_model(request, obj, form, change)
            if new_logo is None:
                return
        services.company_update(company=obj, by=request.user, logo=new_logo, remove_logo=upload is False)
