"""Companies (and their employer users), requests to join a company and colleagues' invitations in the
recruiters' workspace."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from vacancies import services
from vacancies.admin.common import log_action
from vacancies.models import Company, CompanyInvite, CompanyJoinRequest, EmployerProfile
from vacancies.validators import validate_logo

# --- Companies ---------------------------------------------------------------------


class EmployerInline(admin.TabularInline):
    model = EmployerProfile
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "job_title", "is_company_admin"]


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
        return ["slug", "open_join_requests"] if obj else []  # links to a company stay stable

    @admin.display(description="Open requests to join")
    def open_join_requests(self, obj):
        """Sign-ups that named this company: add the person under Employers once the company agrees, then
        mark the request handled in "Requests to join"."""
        requests = obj.join_requests.open().select_related("user").order_by("pk")
        return ", ".join(f"{r.user.get_full_name() or r.user.email} <{r.user.email}>" for r in requests) or "-"

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


# --- Requests to join and invitations ---------------------------------------------


@admin.register(CompanyJoinRequest)
class CompanyJoinRequestAdmin(admin.ModelAdmin):
    """Sign-ups that named a company already on file: they were told to ask for an invitation."""

    list_display = ["user", "user__email", "company", "job_title", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "company"]
    search_fields = ["user__email", "company__name"]
    fields = ["user", "company", "job_title", "created_at", "resolved_at"]
    readonly_fields = fields
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Mark the selected requests handled", permissions=["change"])
    def mark_resolved(self, request, queryset):
        handled = list(queryset.open())
        count = queryset.filter(pk__in=[r.pk for r in handled]).update(resolved_at=timezone.now())
        for join_request in handled:
            log_action(self, request, join_request, "Marked handled")
        self.message_user(request, f"{count} request{'s' if count != 1 else ''} marked handled.")


@admin.register(CompanyInvite)
class CompanyInviteAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_select_related = ["company", "invited_by"]
    search_fields = ["email", "company__name"]
    fields = ["company", "email", "invited_by", "created_at", "expires_at", "accepted_at", "accepted_by", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
