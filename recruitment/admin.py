"""The recruiters' workspace, recruitment side: the notification outbox, matches and notes, and
the parts of the vacancy, application and candidate pages that need them (ranked matches with
their explained breakdown, "recompute matches", recruiter notes, the CV link).

The base admins live with their models (accounts/admin.py, vacancies/admin/: filters, search,
workflow actions); this module registers extended versions in their place, because only the
recruitment app may know about matches and notes."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from accounts.admin import CandidateProfileAdmin
from accounts.models import CandidateProfile
from recruitment import tasks
from recruitment.matching import vacancy_match
from recruitment.models import Match, Notification, RecruiterNote
from recruitment.outbox import notification_retry
from recruitment.selectors import matches_for_candidate, matches_for_vacancy
from vacancies.admin import ApplicationAdmin, VacancyAdmin, application_cv_url, report_outcome, status_badge
from vacancies.models import Application, Vacancy
from vacancies.services import WorkflowError

MATCHES_SHOWN = 25
# Ranking a vacancy scores every candidate who passes its hard filters (about 2 s at 100k).
RECOMPUTE_AT_ONCE = 20
CRITERION_STATUSES = ("met", "partial", "missed")

NOTIFICATION_TONE = {
    Notification.Status.SENT: "ok",
    Notification.Status.DIGESTED: "ok",
    Notification.Status.PENDING: "warn",
    Notification.Status.SENDING: "warn",
    Notification.Status.HELD: "warn",
    Notification.Status.FAILED: "bad",
}


def score_tone(score: int) -> str:
    return "high" if score >= 70 else "mid" if score >= 45 else "low"


def _rows_for_template(matches) -> list[dict]:
    rows = []
    for rank, match in enumerate(matches, start=1):
        criteria = [
            {
                "label": item.get("label") or item.get("criterion") or item.get("key", ""),
                "status": item.get("status") if item.get("status") in CRITERION_STATUSES else "missed",
                "points": item.get("points", 0),
                "max_points": item.get("max_points", 0),
                "reason": item.get("reason", ""),
            }
            for item in (match.breakdown or [])
            if isinstance(item, dict)
        ]
        rows.append({"rank": rank, "match": match, "tone": score_tone(match.score), "criteria": criteria})
    return rows


# --- Vacancies: ranked candidates and "recompute matches" ---------------------------


class RecruiterVacancyAdmin(VacancyAdmin):
    actions = [*VacancyAdmin.actions, "recompute_matches"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            matches = list(matches_for_vacancy(vacancy=obj, limit=MATCHES_SHOWN))
            context["agency_sections"] = [
                {
                    "title": "Ranked candidates",
                    "html": render_to_string(
                        "recruitment/admin/vacancy_matches.html",
                        {
                            "rows": _rows_for_template(matches),
                            "vacancy": obj,
                            "shown": MATCHES_SHOWN,
                            "all_url": reverse("admin:recruitment_match_changelist") + f"?vacancy__id__exact={obj.pk}",
                        },
                    ),
                }
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        extra = [
            path(
                "<path:object_id>/recompute-matches/",
                self.admin_site.admin_view(self.recompute_view),
                name="{}_{}_recompute".format(*info),
            )
        ]
        return extra + super().get_urls()

    def recompute_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        vacancy = self.get_object(request, unquote(object_id))
        if vacancy is None:
            raise Http404("No such vacancy.")
        if not self.has_change_permission(request, vacancy):
            raise PermissionDenied
        self._recompute(request, [vacancy])
        return HttpResponseRedirect(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]))

    @admin.action(description="Recompute matches of selected vacancies", permissions=["change"])
    def recompute_matches(self, request, queryset):
        vacancies = list(queryset[: RECOMPUTE_AT_ONCE + 1])
        if len(vacancies) > RECOMPUTE_AT_ONCE:
            self.message_user(
                request,
                f"Select at most {RECOMPUTE_AT_ONCE} vacancies at a time: each one ranks every candidate.",
                messages.ERROR,
            )
            return
        self._recompute(request, vacancies)

    def _recompute(self, request, vacancies: list[Vacancy]) -> None:
        for vacancy in vacancies:
            matches = vacancy_match(vacancy=vacancy)
            if vacancy.is_open:
                self.message_user(request, f"{vacancy}: {len(matches)} candidate match(es) computed.", messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    f"{vacancy}: only open, published vacancies are matched; its matches were cleared.",
                    messages.WARNING,
                )


# --- Notes -------------------------------------------------------------------------


class NoteInlineMixin:
    """Existing notes are read-only history; new ones are written by the person logged in."""

    model = RecruiterNote
    extra = 1
    can_delete = False
    fields = ["body", "written_by", "created_at"]
    readonly_fields = ["written_by", "created_at"]
    verbose_name = "recruiter note"
    verbose_name_plural = "recruiter notes"

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "application__vacancy", "application__candidate")

    @admin.display(description="author")
    def written_by(self, obj: RecruiterNote) -> str:
        # Plain text: recruiters have no access to the user admin a link would lead to.
        return str(obj.author) if obj.author_id else "-"


class CandidateNoteInline(NoteInlineMixin, admin.TabularInline):
    fk_name = "candidate"
    fields = ["body", "written_by", "created_at", "application"]
    readonly_fields = ["written_by", "created_at", "application"]


class ApplicationNoteInline(NoteInlineMixin, admin.StackedInline):
    fk_name = "application"


def save_notes(request, formset, *, candidate: CandidateProfile | None = None) -> None:
    for note in formset.save(commit=False):
        if note.pk is None:
            note.author = request.user
            if candidate is not None:
                note.candidate = candidate
        note.full_clean()
        note.save()
    formset.save_m2m()


# --- Applications: notes -----------------------------------------------------------


class RecruiterApplicationAdmin(ApplicationAdmin):
    inlines = [*ApplicationAdmin.inlines, ApplicationNoteInline]

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if obj is None or self._profile(obj) is None:
            # An anonymised application has no candidate to attach a note to.
            instances = [i for i in instances if not isinstance(i, ApplicationNoteInline)]
        return instances

    @staticmethod
    def _profile(application: Application) -> CandidateProfile | None:
        if application.candidate_id is None:
            return None
        return CandidateProfile.objects.filter(user_id=application.candidate_id).first()

    def save_formset(self, request, form, formset, change):
        if formset.model is RecruiterNote:
            save_notes(request, formset, candidate=self._profile(form.instance))
        else:
            super().save_formset(request, form, formset, change)


# --- Candidates: applications, ranked vacancies, notes, CV ---------------------------

# The recruiters' download of a profile's CV (the CVs sent with applications are linked per application).
PROFILE_CV_URL_NAME = "candidate_cv"


def cv_url(profile: CandidateProfile) -> str:
    return reverse(PROFILE_CV_URL_NAME, kwargs={"pk": profile.pk})


class RecruiterCandidateAdmin(CandidateProfileAdmin):
    inlines = [CandidateNoteInline]
    change_form_template = "admin/agency_change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            applications = [
                (application, application_cv_url(application))
                for application in Application.objects.filter(candidate_id=obj.user_id)
                .select_related("vacancy__company")
                .order_by("-created_at")
            ]
            matches = list(matches_for_candidate(profile=obj, limit=MATCHES_SHOWN))
            context["agency_sections"] = [
                {
                    "title": "Applications",
                    "html": render_to_string(
                        "recruitment/admin/candidate_applications.html", {"applications": applications}
                    ),
                },
                {
                    "title": "Ranked open vacancies",
                    "html": render_to_string(
                        "recruitment/admin/candidate_matches.html",
                        {"rows": _rows_for_template(matches), "shown": MATCHES_SHOWN},
                    ),
                },
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # Recruiters only add notes here; the profile itself is the candidate's and stays untouched.
        if request.user.is_superuser or not change:
            super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is RecruiterNote:
            save_notes(request, formset, candidate=form.instance)
        else:
            super().save_formset(request, form, formset, change)

    @admin.display(description="CV")
    def cv_summary(self, obj: CandidateProfile) -> str:
        summary = super().cv_summary(obj)
        url = cv_url(obj) if obj.cv else None
        if url is None:
            return summary
        return format_html('<a href="{}">Download</a> {}', url, summary)


admin.site.unregister(Vacancy)
admin.site.register(Vacancy, RecruiterVacancyAdmin)
admin.site.unregister(Application)
admin.site.register(Application, RecruiterApplicationAdmin)
admin.site.unregister(CandidateProfile)
admin.site.register(CandidateProfile, RecruiterCandidateAdmin)


# --- The recruitment app's own models ------------------------------------------------


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Matches are computed, never edited: read-only, and only the engine deletes them."""

    list_display = ["candidate_name", "vacancy", "score_display", "computed_at"]
    list_select_related = ["candidate__user", "vacancy__company"]
    list_filter = ["vacancy__role_family", "vacancy__status"]
    search_fields = ["candidate__user__email", "candidate__user__last_name", "vacancy__title"]
    readonly_fields = ["candidate", "vacancy", "score", "breakdown", "computed_at"]
    ordering = ["-score", "pk"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def lookup_allowed(self, lookup, value, request=None):
        # "All matches" links from a vacancy or a candidate page.
        if lookup in {"vacancy__id__exact", "candidate__id__exact"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description="candidate", ordering="candidate__user__last_name")
    def candidate_name(self, obj: Match) -> str:
        return obj.candidate.user.get_full_name() or obj.candidate.user.email

    @admin.display(description="score", ordering="score")
    def score_display(self, obj: Match) -> str:
        return format_html('<span class="agency-score {}">{}</span>', score_tone(obj.score), obj.score)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "to_email", "status_display", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["status", "kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["to_email", "dedupe_key"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["retry_failed"]
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The outbox is written by the system: a row's page is read-only; the change
        # permission only unlocks the retry action on the list.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # audit history

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Notification) -> str:
        return status_badge(obj.get_status_display(), NOTIFICATION_TONE.get(obj.status, ""))

    @admin.display(description="last error")
    def short_error(self, obj: Notification) -> str:
        return Truncator(obj.last_error).chars(80) if obj.last_error else "-"

    @admin.action(description="Retry failed notifications", permissions=["change"])
    def retry_failed(self, request, queryset):
        selected = queryset.count()
        failed = list(queryset.failed())
        skipped = selected - len(failed)
        done, errors = 0, []
        for notification in failed:
            try:
                notification_retry(notification=notification, by=request.user)
                tasks.notifications_deliver_task.delay_on_commit([notification.pk])
                done += 1
            except WorkflowError as exc:
                errors.append((notification, str(exc)))
        report_outcome(self, request, done=done, verb="queued again", errors=errors)
        if skipped:
            self.message_user(
                request, f"{skipped} selected notification(s) had not failed and were left alone.", messages.WARNING
            )


@admin.register(RecruiterNote)
class RecruiterNoteAdmin(admin.ModelAdmin):
    list_display = ["candidate", "short_body", "application", "author", "created_at"]
    list_select_related = ["candidate__user", "author", "application__vacancy", "application__candidate"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    search_fields = ["body", "candidate__user__email", "candidate__user__last_name"]
    raw_id_fields = ["candidate", "application"]
    readonly_fields = ["author", "created_at"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        # A note is a dated record; only its author may correct it.
        if obj is not None and obj.author_id != request.user.pk and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="note")
    def short_body(self, obj: RecruiterNote) -> str:
        return Truncator(obj.body).chars(80)
