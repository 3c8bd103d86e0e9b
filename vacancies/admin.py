"""Companies, vacancies and applications in the recruiters' workspace.

Every state change goes through `vacancies.services` (publish, reject, move stage), so the admin
obeys the same rules and writes the same history as the web views. The recruitment app extends
the vacancy and application admins with matches and notes (vacancies never imports recruitment)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from accounts.fields import ID_MAX
from accounts.models import CandidateProfile
from vacancies import services
from vacancies.models import Application, ApplicationStageChange, Company, EmployerProfile, Vacancy, VacancyStatusChange
from vacancies.validators import validate_logo

Status = Vacancy.Status
Stage = Application.Stage

STATUS_TONE = {
    Status.PUBLISHED: "ok",
    Status.PENDING_REVIEW: "warn",
    Status.REJECTED: "bad",
}
STAGE_TONE = {Stage.HIRED: "ok", Stage.OFFER: "ok", Stage.REJECTED: "bad", Stage.WITHDRAWN: "bad"}


def status_badge(label: str, tone: str = "") -> str:
    return format_html('<span class="agency-status {}">{}</span>', tone, label)


def report_outcome(modeladmin, request, *, done: int, verb: str, errors: list[tuple[object, str]]) -> None:
    """One success message for what worked, one error message per item the rules refused."""
    if done:
        noun = modeladmin.model._meta.verbose_name if done == 1 else modeladmin.model._meta.verbose_name_plural
        modeladmin.message_user(request, f"{capfirst(verb)} {done} {noun}.", messages.SUCCESS)
    for obj, message in errors:
        modeladmin.message_user(request, f"{obj}: {message}", messages.ERROR)


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


# --- Vacancies ---------------------------------------------------------------------


class AuditTrailInline(admin.TabularInline):
    """A read-only history (who changed what, when): nobody adds, edits or deletes its rows here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description="by")
    def by_name(self, obj) -> str:
        # Plain text: the user admin a link would lead to is not the recruiters'.
        return str(obj.by) if obj.by_id else "System"


class VacancyStatusChangeInline(AuditTrailInline):
    model = VacancyStatusChange
    fields = ["from_status", "to_status", "by_name", "note", "at"]
    readonly_fields = fields
    verbose_name = "status change"
    verbose_name_plural = "status history"


class RequiredSkillInline(admin.TabularInline):
    model = Vacancy.required_skills.through  # RequiredSkill
    fields = ["skill", "importance"]
    autocomplete_fields = ["skill"]
    extra = 0
    verbose_name_plural = "required skills (must-have or important)"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the employer",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        strip=True,
        help_text="Sent to the employer and shown on the vacancy, so they can fix it and submit it again.",
    )


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
class VacancyAdmin(admin.ModelAdmin):
    form = VacancyAdminForm
    list_display = [
        "title",
        "company",
        "status_display",
        "remote_policy",
        "salary_band",
        "application_count",
        "submitted_at",
        "published_at",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
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
        (None, {"fields": ["title", "slug", "company", "role_family", "seniority", "employment_type"]}),
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


# --- Applications ------------------------------------------------------------------


class ApplicationStageChangeInline(AuditTrailInline):
    model = ApplicationStageChange
    fields = ["from_stage", "to_stage", "by_name", "note", "at"]
    readonly_fields = fields
    verbose_name = "stage change"
    verbose_name_plural = "stage history"


class OpenVacancyFilter(admin.SimpleListFilter):
    """Applications of one vacancy. The list offers the busiest open vacancies (a long list helps
    nobody); any vacancy can be chosen by its link from the pipeline or the vacancy page."""

    title = "open vacancy"
    parameter_name = "vacancy__id__exact"
    LIMIT = 25

    def lookups(self, request, model_admin):
        busiest = (
            Vacancy.objects.open()
            .select_related("company")
            .annotate(n_active=Count("applications", filter=~Q(applications__stage__in=Application.FINAL_STAGES)))
            .filter(n_active__gt=0)
            .order_by("-n_active", "title", "pk")[: self.LIMIT]
        )
        choices = [(str(v.pk), f"{v.title} ({v.company.name})") for v in busiest]
        chosen_id = self.vacancy_id()
        if chosen_id is not None and str(chosen_id) not in {pk for pk, _ in choices}:
            chosen = Vacancy.objects.select_related("company").filter(pk=chosen_id).first()
            if chosen:
                choices.append((str(chosen_id), f"{chosen.title} ({chosen.company.name})"))
        return sorted(choices, key=lambda choice: choice[1].lower())

    def vacancy_id(self) -> int | None:
        """The chosen vacancy's id; None for anything that is not one (ASCII digits, in a database id's range)."""
        value = self.value() or ""
        if not value.isascii() or not value.isdigit() or int(value) > ID_MAX:
            return None
        return int(value)

    def queryset(self, request, queryset):
        chosen_id = self.vacancy_id()
        if chosen_id is not None:
            return queryset.filter(vacancy_id=chosen_id)
        return queryset


# The permission-checked download of an application's CV (built with the candidates' pages).
APPLICATION_CV_URLS = ["vacancies:application_cv"]


def application_cv_url(application: Application) -> str | None:
    if not application.cv:
        return None
    for url_name in APPLICATION_CV_URLS:
        try:
            return reverse(url_name, args=[application.pk])
        except NoReverseMatch:
            continue
    return None


def _move_action(stage: str, description: str):
    def action(modeladmin, request, queryset):
        done, errors = 0, []
        for application in queryset.select_related("vacancy__company", "candidate"):
            try:
                services.application_move(application=application, stage=stage, by=request.user)
                done += 1
            except services.WorkflowError as exc:
                errors.append((application, str(exc)))
        report_outcome(modeladmin, request, done=done, verb=f"moved to {Stage(stage).label.lower()}:", errors=errors)

    action.__name__ = f"move_to_{stage}"
    return admin.action(description=description, permissions=["change"])(action)


MOVE_ACTIONS = [
    _move_action(Stage.SCREENING, "Move to screening"),
    _move_action(Stage.SHORTLISTED, "Move to shortlist"),
    _move_action(Stage.INTERVIEW, "Move to interview"),
    _move_action(Stage.OFFER, "Move to offer"),
    _move_action(Stage.HIRED, "Mark as hired"),
    _move_action(Stage.REJECTED, "Decline"),
]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate_display", "vacancy_title", "company", "stage_display", "days_in_stage", "created_at"]
    list_display_links = ["candidate_display"]
    list_filter = [
        "stage",
        OpenVacancyFilter,
        ("vacancy__company", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    ]
    search_fields = ["candidate__email", "candidate__first_name", "candidate__last_name", "vacancy__title"]
    list_select_related = ["candidate", "vacancy__company"]
    readonly_fields = [
        "candidate_link",
        "vacancy",
        "stage",
        "stage_changed_at",
        "cover_letter",
        "cv_display",
        "anonymised_at",
        "created_at",
    ]
    fields = readonly_fields
    inlines = [ApplicationStageChangeInline]
    actions = MOVE_ACTIONS
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # candidates apply on the site; the admin only moves applications along

    @admin.display(description="candidate", ordering="candidate__last_name")
    def candidate_display(self, obj: Application) -> str:
        if obj.candidate is None:
            return "Deleted candidate"
        return format_html(
            '{}<span class="agency-sub">{}</span>',
            obj.candidate.get_full_name() or obj.candidate.email,
            obj.candidate.email,
        )

    @admin.display(description="candidate")
    def candidate_link(self, obj: Application) -> str:
        """Name and email, linked to the candidate's profile (the user admin is not the recruiters')."""
        if obj.candidate is None:
            return "Deleted candidate"
        profile = CandidateProfile.objects.filter(user_id=obj.candidate_id).only("pk").first()
        label = f"{obj.candidate.get_full_name() or obj.candidate.email} <{obj.candidate.email}>"
        if profile is None:
            return label
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:accounts_candidateprofile_change", args=[profile.pk]), label
        )

    @admin.display(description="vacancy", ordering="vacancy__title")
    def vacancy_title(self, obj: Application) -> str:
        return obj.vacancy.title

    @admin.display(description="CV sent")
    def cv_display(self, obj: Application) -> str:
        # The file is private: link to the permission-checked download view when it exists.
        if not obj.cv:
            return "-"
        name = obj.cv_original_name or "CV"
        url = application_cv_url(obj)
        return format_html('<a href="{}">Download {}</a>', url, name) if url else name

    @admin.display(description="company", ordering="vacancy__company__name")
    def company(self, obj: Application) -> str:
        return obj.vacancy.company.name

    @admin.display(description="stage", ordering="stage")
    def stage_display(self, obj: Application) -> str:
        return status_badge(obj.get_stage_display(), STAGE_TONE.get(obj.stage, ""))

    @admin.display(description="days in stage", ordering="stage_changed_at")
    def days_in_stage(self, obj: Application) -> int:
        return (timezone.now() - obj.stage_changed_at).days
