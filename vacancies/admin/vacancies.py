"""Vacancies in the recruiters' workspace: review (publish, reject), the vacancy's fields and its must-have,
important and nice-to-have skills, status history.

Saving goes through the services, as the employer's editor does: a new, draft or rejected vacancy through
`vacancy_save`; one under review or live through `vacancy_amend` (in place, its history naming what changed,
a live one matched again). A closed or expired vacancy is a record: its page only shows it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.fields import BoundedModelMultipleChoiceField
from accounts.models import Skill
from accounts.money import amount_text, money_text
from vacancies import selectors, services
from vacancies.admin.common import (
    STATUS_TONE,
    AuditTrailInline,
    log_action,
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


def _skills_field(label: str, help_text: str = "") -> BoundedModelMultipleChoiceField:
    return BoundedModelMultipleChoiceField(
        queryset=Skill.objects.none(),
        required=False,
        label=label,
        help_text=help_text,
        widget=FilteredSelectMultiple(label.lower(), is_stacked=False),
    )


SKILL_FIELDS = {"must_have": "must_have_skills", "important": "important_skills", "nice_to_have": "nice_to_have_skills"}
SKILL_WORDS = {"must_have": "must-have", "important": "important", "nice_to_have": "nice-to-have"}


class VacancyAdminForm(forms.ModelForm):
    """The vacancy's page: its fields and its three lists of skills, which matching reads (a skill in two
    lists counts once, as the services have it: must-have, then important, then nice-to-have)."""

    must_have_skills = _skills_field(
        "Must-have skills", "A candidate without most of these is never alerted, whatever else they bring."
    )
    important_skills = _skills_field("Important skills", "Required, and they count; one missing can be made up for.")
    nice_to_have_skills = _skills_field("Nice-to-have skills")

    class Meta:
        model = Vacancy
        fields = "__all__"  # noqa: DJ007 - the ModelAdmin's fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vacancy = self.instance
        current = Q(pk__in=[])
        if vacancy.pk:
            required = vacancy.required_skills_by_importance()
            self.initial.setdefault("must_have_skills", [skill.pk for skill in required["must_have"]])
            self.initial.setdefault("important_skills", [skill.pk for skill in required["important"]])
            # A skill retired from the vocabulary stays offered where the vacancy already has it.
            current = Q(required_by=vacancy) | Q(nice_to_have_for=vacancy)
        skills = Skill.objects.filter(Q(is_active=True) | current).distinct().order_by("name")
        for name in SKILL_FIELDS.values():
            if name in self.fields:
                self.fields[name].queryset = skills

    def clean_closes_on(self):
        closes_on = self.cleaned_data.get("closes_on")
        if closes_on and closes_on < timezone.localdate():
            raise forms.ValidationError("The closing date cannot be in the past.")
        return closes_on

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low and high and low > high:
            self.add_error("salary_max", "The top of the salary band must be at least its bottom.")
        if self.instance.pk and self.instance.status in services.AMENDABLE_STATUSES:
            refusal = services.vacancy_amend_refusal(vacancy=self.instance)
            if refusal:
                raise forms.ValidationError(refusal)
        return data

    def skills(self) -> dict[str, list[Skill]]:
        return {kind: list(self.cleaned_data.get(name) or []) for kind, name in SKILL_FIELDS.items()}

    def skills_counted_once(self) -> list[str]:
        """The skills given in more than one list, with the one they count in ("Pricing (must-have)")."""
        given = self.skills()
        twice = {skill for skills in given.values() for skill in skills if sum(skill in s for s in given.values()) > 1}
        kept = services.skills_by_precedence(given)
        return sorted(f"{skill.name} ({SKILL_WORDS[kind]})" for kind in kept for skill in kept[kind] if skill in twice)


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
        (
            "Requirements",
            {"fields": ["min_years", "must_have_skills", "important_skills", "nice_to_have_skills", "industry"]},
        ),
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
    inlines = [VacancyStatusChangeInline]
    actions = ["publish_selected", "reject_selected"]
    show_full_result_count = False
    list_per_page = 50

    def get_urls(self):
        return self.review_urls() + super().get_urls()

    # The workflow owns a saved vacancy's company and address (the services keep them as they are).
    FIXED_ONCE_SAVED = ("company", "slug")

    def get_readonly_fields(self, request, obj=None):
        fixed = list(super().get_readonly_fields(request, obj))
        if obj is None:
            return fixed
        if obj.status in services.EDITABLE_STATUSES or obj.status in services.AMENDABLE_STATUSES:
            return [*fixed, *self.FIXED_ONCE_SAVED]
        # Closed or expired: a record nobody changes.
        return [*fixed, *(name for _title, options in self.get_fieldsets(request, obj) for name in options["fields"])]

    def view_on_site(self, obj: Vacancy) -> str:
        """The public page once it has one (live, closed or expired); before that, the staff-only preview."""
        if obj.status in selectors.PUBLIC_STATUSES:
            return obj.get_absolute_url()
        return reverse("admin:vacancies_vacancy_preview", args=[obj.pk])

    def get_prepopulated_fields(self, request, obj=None):
        return super().get_prepopulated_fields(request, obj) if obj is None else {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        revision = VacancyRevision.objects.pending().filter(vacancy=obj).first() if obj is not None else None
        context["pending_revision"] = revision
        context["revision_changes"] = services.revision_changes(revision) if revision else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_applications=Count("applications"))

    # Shown in place of the lists of skills on a page that only shows the vacancy (closed or expired).
    @admin.display(description="must-have skills")
    def must_have_skills(self, obj: Vacancy) -> str:
        return ", ".join(skill.name for skill in obj.required_skills_by_importance()["must_have"]) or "-"

    @admin.display(description="important skills")
    def important_skills(self, obj: Vacancy) -> str:
        return ", ".join(skill.name for skill in obj.required_skills_by_importance()["important"]) or "-"

    @admin.display(description="created by")
    def created_by_name(self, obj: Vacancy) -> str:
        return str(obj.created_by) if obj.created_by_id else "-"

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Vacancy) -> str:
        return status_badge(obj.get_status_display(), STATUS_TONE.get(obj.status, ""))

    @admin.display(description="salary band", ordering="salary_max")
    def salary_band(self, obj: Vacancy) -> str:
        # The band's two ends on two lines, so the list fits a 1280 px screen.
        return format_html(
            '<span class="agency-nowrap">{}-</span><span class="agency-sub agency-nowrap">{}</span>',
            money_text(obj.salary_min, obj.salary_currency),
            amount_text(obj.salary_max),
        )

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
        """Through the services, as the employer's editor: in place with its history when under review or
        live; a new vacancy starts as a draft with its first history row."""
        if change and obj.status in services.AMENDABLE_STATUSES:
            services.vacancy_amend(vacancy=obj, by=request.user, skills=form.skills())
        else:
            services.vacancy_save(vacancy=obj, by=request.user, skills=form.skills())
        counted_once = form.skills_counted_once()
        if counted_once:
            self.message_user(
                request, f"Each skill counts once: {', '.join(counted_once)}.", messages.WARNING, fail_silently=True
            )

    def save_related(self, request, form, formsets, change):
        # The service has set the skills; the form's many-to-many save would set them again, unchecked.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """A refusal the form could not foresee (the vacancy moved on meanwhile) undoes the save and says why."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.WorkflowError as exc:
            self.message_user(request, f"Not saved: {exc}", messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.action(description="Publish selected vacancies", permissions=["change"])
    def publish_selected(self, request, queryset):
        done, errors = 0, []
        for vacancy in queryset.select_related("company"):
            try:
                services.vacancy_publish(vacancy=vacancy, by=request.user)
                log_action(self, request, vacancy, "Published")
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
                    log_action(self, request, vacancy, "Rejected: sent back to the employer")
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
