"""Vacancies in the recruiters' workspace: review (publish, reject), required skills, status history."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html

from vacancies import services
from vacancies.admin.common import (
    STATUS_TONE,
    AuditTrailInline,
    report_outcome,
    short_date,
    status_badge,
)
from vacancies.admin.review import RejectForm, VacancyReviewMixin
from vacancies.models import Vacancy, VacancyRevision, VacancyStatusChange

# --- Vacancies ---------------------------------------------------------------------


class VacancyStatusChangeInline(AuditTrailInline):
    model = VacancyStatusChange
    fields = ["from_status", "to_status", "by_name", "note", "at"]
    readonly_fields = fields
    verbose_name = "status change"
    verbose_name_plural = "status history"


class ChangesWaitingFilter(admin.SimpleListFilter):
    """Live vacancies whose employer sent changes: the other half of the review queue."""

    title = "changes waiting for review"
    parameter_name = "changes_waiting"

    def lookups(self, request, model_admin):
        return [("yes", "Yes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(revisions__status=VacancyRevision.Status.PENDING).distinct()
        return queryset


class RequiredSkillInline(admin.TabularInline):
    model = Vacancy.required_skills.through  # RequiredSkill
    fields = ["skill", "importance"]
    autocomplete_fields = ["skill"]
    extra = 0
    verbose_name_plural = "required skills (must-have or important)"


class VacancyAdminForm(forms.ModelForm):
    class Meta:
        model = Vacancy
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin's fieldsets choose what is shown

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", "The top of the salary band must be at least its bottom.")
        return data


@admin.register(Vacancy)
class VacancyAdmin(VacancyReviewMixin, admin.ModelAdmin):
    form = VacancyAdminForm
    list_display = [
        "title",
        "company",
        "status_display",
        "salary_band",
        "application_count",
        "submitted_on",
        "published_on",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        ChangesWaitingFilter,
        "role_family",
        "remote_policy",
        ("company", admin.RelatedOnlyFieldListFilter),
        "seniority",
        ("published_at", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "company__name", "city"]
    list_select_related = ["company", "role_family"]
    autocomplete_fields = ["company"]
    filter_horizontal = ["nice_to_have_skills"]
    readonly_fields = [
        "status",
        "submitted_at",
        "published_at",
        "closed_at",
        "rejection_reason",
        "close_reason",
        "created_by_name",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "company", "role_family", "seniority", "employment_type", "openings"]}),
        ("Requirements", {"fields": ["min_years", "nice_to_have_skills", "industry"]}),
        (
            "Place and pay",
            {"fields": ["city", "country", "remote_policy", "salary_min", "salary_max", "salary_currency"]},
        ),
        ("Description", {"fields": ["description", "closes_on"]}),
        (
            "Review",
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "close_reason",
                    "created_by_name",
                    "submitted_at",
                    "published_at",
                    "closed_at",
                ]
            },
        ),
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RequiredSkillInline, VacancyStatusChangeInline]
    actions = ["publish_selected", "reject_selected"]
    show_full_result_count = False
    list_per_page = 50

    def get_urls(self):
        return self.review_urls() + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        revision = VacancyRevision.objects.pending().filter(vacancy=obj).first() if obj is not None else None
        context["pending_revision"] = revision
        context["revision_changes"] = services.revision_changes(revision) if revision else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_applications=Count("applications"))

    @admin.display(description="created by")
    def created_by_name(self, obj: Vacancy) -> str:
        return str(obj.created_by) if obj.created_by_id else "-"

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Vacancy) -> str:
        return status_badge(obj.get_status_display(), STATUS_TONE.get(obj.status, ""))

    @admin.display(description="salary band", ordering="salary_max")
    def salary_band(self, obj: Vacancy) -> str:
        band = f"{obj.salary_min / 1000:,.0f}k-{obj.salary_max / 1000:,.0f}k {obj.salary_currency}"
        return format_html('<span class="agency-nowrap">{}</span>', band)

    @admin.display(description="submitted", ordering="submitted_at")
    def submitted_on(self, obj: Vacancy) -> str:
        return short_date(obj.submitted_at)

    @admin.display(description="published", ordering="published_at")
    def published_on(self, obj: Vacancy) -> str:
        return short_date(obj.published_at)

    @admin.display(description="applications", ordering="n_applications")
    def application_count(self, obj: Vacancy) -> int:
        return obj.n_applications

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # A new vacancy starts as a draft with its first history row, like an employer's.
            services.vacancy_save(vacancy=obj, by=request.user)

    @admin.action(description="Publish selected vacancies", permissions=["change"])
    def publish_selected(self, request, queryset):
        done, errors = 0, []
        for vacancy in queryset.select_related("company"):
            try:
                services.vacancy_publish(vacancy=vacancy, by=request.user)
                done += 1
            except services.WorkflowError as exc:
                errors.append((vacancy, str(exc)))
        report_outcome(self, request, done=done, verb="published", errors=errors)

    @admin.action(description="Reject selected vacancies (asks for a reason)", permissions=["change"])
    def reject_selected(self, request, queryset):
        form = RejectForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done, errors = 0, []
            for vacancy in queryset.select_related("company"):
                try:
                    services.vacancy_reject(vacancy=vacancy, by=request.user, reason=form.cleaned_data["reason"])
                    done += 1
                except services.WorkflowError as exc:
                    errors.append((vacancy, str(exc)))
            report_outcome(self, request, done=done, verb="rejected", errors=errors)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject vacancies",
            "opts": self.model._meta,
            "form": form,
            "vacancies": queryset.select_related("company"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "action_name": "reject_selected",
        }
        return TemplateResponse(request, "admin/vacancies/vacancy/reject_confirmation.html", context)
