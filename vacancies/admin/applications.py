"""Applications in the recruiters' workspace: moving stages, the vacancy filter, stage history, the CV link."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.fields import ID_MAX
from accounts.models import CandidateProfile
from vacancies import services
from vacancies.admin.common import (
    STAGE_TONE,
    AuditTrailInline,
    Stage,
    log_action,
    report_outcome,
    short_date,
    status_badge,
)
from vacancies.models import Application, ApplicationStageChange, Vacancy

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
                log_action(modeladmin, request, application, f"Moved to {Stage(stage).label.lower()}")
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
    search_fields = [
        "candidate__email",
        "candidate__first_name",
        "candidate__last_name",
        "vacancy__title",
        "vacancy__company__name",
    ]
    list_select_related = ["candidate", "vacancy__company"]
    readonly_fields = [
        "candidate_link",
        "vacancy",
        "stage",
        "stage_changed_at",
        "cover_letter",
        "cv_display",
        "employer_feedback_display",
        "anonymised_at",
        "created_at",
    ]
    fields = readonly_fields
    inlines = [ApplicationStageChangeInline]
    actions = MOVE_ACTIONS
    # The site's application page is the candidate's own: this page is where recruiters see it.
    view_on_site = False
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # candidates apply on the site; the admin only moves applications along

    def get_queryset(self, request):
        # The record's title (Application.__str__) names the candidate, the role and the client: the list's joins
        # (which Django leaves out of a queryset that selects already).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def extra_feedback_rows(self, obj: Application) -> list[tuple[str, str, str]]:
        """More of what the client said, as (text, who, when): the recruitment app adds its interview feedback."""
        return []

    @admin.display(description="employer's feedback")
    def employer_feedback_display(self, obj: Application) -> str:
        """What the hiring manager told the agency about this applicant (the employer's applicants page, and any
        other place `extra_feedback_rows` adds)."""
        rows = [
            (
                feedback.body,
                (feedback.author.get_full_name() if feedback.author else "") or "The employer",
                short_date(feedback.created_at),
            )
            for feedback in obj.employer_feedback.select_related("author").order_by("created_at", "pk")
        ]
        rows += self.extra_feedback_rows(obj)
        if not rows:
            return "-"
        items = format_html_join("", '<li>{}<span class="agency-sub">{}, {}</span></li>', rows)
        return format_html("<ul>{}</ul>", items)

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
