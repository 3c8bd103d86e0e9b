"""Interviews in the workspace: every round of every application, filtered by status, round and client,
with its slots; recruiters follow them here (the client and the candidate act on their own pages)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from recruitment.admin.common import require_permission
from recruitment.forms.interviews import NoteForm, ProposeForm, RescheduleForm
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.services import interviews as services
from vacancies.admin import log_action
from vacancies.models import Application
from vacancies.services import WorkflowError


class SlotInline(admin.TabularInline):
    model = InterviewSlot
    fields = ["starts_at", "current"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class FeedbackToActOnFilter(admin.SimpleListFilter):
    """Rounds the client said "advance" or "another round" to, whose application still waits for the recruiter."""

    title = "client's feedback to act on"
    parameter_name = "feedback_to_act_on"

    def lookups(self, request, model_admin):
        return [("yes", "Yes")]

    def queryset(self, request, queryset):
        return queryset.feedback_to_act_on() if self.value() == "yes" else queryset


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["candidate_name", "vacancy_title", "client", "round", "status", "starts_at"]
    list_select_related = ["application__candidate", "application__vacancy__company"]
    list_filter = ["status", FeedbackToActOnFilter, "round", "application__vacancy__company"]
    search_fields = [
        "application__candidate__email",
        "application__candidate__last_name",
        "application__vacancy__title",
    ]
    # What recruiters follow; the calendar's UID and SEQUENCE, the proposal count and the reminders' marks
    # are the machinery's.
    fields = [
        *("application", "round", "status", "proposed_by", "starts_at", "duration_minutes"),
        *("video_url", "address", "interviewers", "candidate_note", "cancelled_reason", "outcome", "feedback"),
        "created_at",
    ]
    readonly_fields = fields
    inlines = [SlotInline]
    ordering = ["-created_at"]
    list_per_page = 50
    show_full_result_count = False

    change_form_template = "recruitment/admin/interview_change_form.html"

    def has_add_permission(self, request):
        return False  # rounds start from an application (propose_view)

    def get_queryset(self, request):
        # The record's title (Interview.__str__) names the candidate, the role and the client: the list's joins
        # (which Django leaves out of a queryset that selects already).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("new/<int:application_id>/", view(self.propose_view), name="{}_{}_propose".format(*info)),
            path("<path:object_id>/act/<str:action>/", view(self.act_view), name="{}_{}_act".format(*info)),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_arrange"] = request.user.has_perm(services.ARRANGE)
            context["reschedule_form"] = RescheduleForm(user=request.user, auto_id="id_reschedule_%s")
            context["cancel_form"] = NoteForm(auto_id="id_cancel_%s")
        return super().render_change_form(request, context, add, change, form_url, obj)

    def propose_view(self, request, application_id):
        """GET: the form (changes nothing); POST: propose the slots to the candidate."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        require_permission(request, services.ARRANGE)
        application = get_object_or_404(
            Application.objects.select_related("vacancy__company", "candidate"), pk=application_id
        )
        form = ProposeForm(request.POST if request.method == "POST" else None, user=request.user)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                interview, _rows = services.interview_propose(
                    application=application,
                    by=request.user,
                    slots=data["slots"],
                    round=data["round"],
                    duration_minutes=data["duration_minutes"],
                    video_url=data["video_url"],
                    address=data["address"],
                    interviewers=data["interviewers"],
                )
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                log_action(self, request, interview, "Times proposed")
                self.message_user(request, "Times proposed: the candidate is asked to pick one.")
                return HttpResponseRedirect(reverse("admin:recruitment_interview_change", args=[interview.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Propose interview times",
            "opts": self.opts,
            "application": application,
            "form": form,
        }
        return TemplateResponse(
            request, "recruitment/admin/interview_propose.html", context, status=400 if form.is_bound else 200
        )

    def act_view(self, request, object_id, action):
        """POST: reschedule or cancel a round, through the services."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        require_permission(request, services.ARRANGE)
        interview = self.get_object(request, unquote(object_id))
        if interview is None or action not in ("reschedule", "cancel"):
            raise Http404("No such interview or action.")
        form = RescheduleForm(request.POST, user=request.user) if action == "reschedule" else NoteForm(request.POST)
        if not form.is_valid():
            errors = " ".join(str(e) for errors in form.errors.values() for e in errors)
            self.message_user(request, f"Not done: {errors}", level="error")
        else:
            try:
                if action == "reschedule":
                    services.interview_reschedule(
                        interview=interview, by=request.user, starts_at=form.cleaned_data["starts_at"]
                    )
                else:
                    services.interview_cancel(interview=interview, by=request.user, reason=form.cleaned_data["note"])
            except WorkflowError as exc:
                self.message_user(request, f"Not done: {exc}", level="error")
            else:
                log_action(self, request, interview, "Rescheduled" if action == "reschedule" else "Cancelled")
                self.message_user(request, "Done: everyone gets the updated invitation.")
        return HttpResponseRedirect(reverse("admin:recruitment_interview_change", args=[interview.pk]))

    @admin.display(description="candidate", ordering="application__candidate__last_name")
    def candidate_name(self, obj: Interview) -> str:
        candidate = obj.application.candidate
        return (candidate.get_full_name() or candidate.email) if candidate else "Deleted candidate"

    @admin.display(description="vacancy", ordering="application__vacancy__title")
    def vacancy_title(self, obj: Interview) -> str:
        return obj.application.vacancy.title

    @admin.display(description="client", ordering="application__vacancy__company__name")
    def client(self, obj: Interview) -> str:
        return obj.application.vacancy.company.name
