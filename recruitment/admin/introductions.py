"""Introductions and held declines in the workspace.

- Introductions: a list filtered by recruiter, client and status; each one's page shows the pitch, who saw
  what, and the time spent in each status, with "Ask the candidate now" (for a proposal) and "Withdraw".
  New introductions start from a candidate and a vacancy: `introduction/new/<candidate>/<vacancy>/` (GET
  shows the match and the form; POST introduces), linked from the candidate's ranked vacancies.
- Declines to pass on: the kind declines waiting for their delay; edit the words, or send at once.

Every action goes through `recruitment.services.introductions` / `recruitment.services.declines` with `by=`."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.models import CandidateProfile
from accounts.time_zones import local_time
from recruitment.admin.common import require_permission, rows_for_template
from recruitment.models import Match, PendingOutcome
from recruitment.models.introductions import Introduction
from recruitment.selectors.introductions import status_spans
from recruitment.services.declines import DECLINE_MESSAGE_MAX, PASS_ON_DECLINES, decline_notice_update
from recruitment.services.introductions import (
    CHANGE_INTRODUCTION,
    INTRODUCE,
    PITCH_MAX,
    introduction_ask,
    introduction_propose,
    introduction_refusal,
    introduction_withdraw,
)
from vacancies.admin import log_action
from vacancies.models import Vacancy
from vacancies.services import WorkflowError


class IntroduceForm(forms.Form):
    pitch = forms.CharField(
        label="Pitch (the candidate reads it first, then the client)",
        max_length=PITCH_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write a short pitch."},
    )
    presentation = forms.ChoiceField(
        label="Present the candidate", choices=Introduction.Presentation.choices, widget=forms.RadioSelect
    )
    ask_now = forms.BooleanField(
        label="Ask the candidate now (untick to keep it as a proposal)", required=False, initial=True
    )


class DeclineMessageForm(forms.Form):
    message = forms.CharField(
        label="The message the candidate gets",
        max_length=DECLINE_MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 80}),
        error_messages={"required": "Write the message."},
    )


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = [
        "reference_display",
        "candidate_name",
        "vacancy",
        "client",
        "recruiter",
        "status",
        "status_changed_at",
    ]
    list_select_related = ["candidate__user", "vacancy__company", "recruiter"]
    list_filter = ["status", "presentation", ("recruiter", admin.RelatedOnlyFieldListFilter), "vacancy__company"]
    search_fields = ["candidate__user__email", "candidate__user__last_name", "vacancy__title", "vacancy__company__name"]
    # What recruiters follow; the consent round (which question a signed link answers) is the machinery's.
    fields = [
        *("candidate", "vacancy", "recruiter", "pitch", "presentation", "revealed_at", "status", "status_changed_at"),
        *("asked_at", "reminded_at", "candidate_reason", "candidate_note", "client_reason", "client_note"),
        *("application", "created_at"),
    ]
    readonly_fields = fields
    change_form_template = "recruitment/admin/introduction_change_form.html"
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False  # introductions start from a candidate and a vacancy (introduce_view)

    def get_queryset(self, request):
        # The record's title (Introduction.__str__) names the candidate, the role and the client: the list's joins
        # (which Django leaves out of a queryset that selects already).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("new/<int:candidate_id>/<int:vacancy_id>/", view(self.introduce_view), name="{}_{}_new".format(*info)),
            path("<path:object_id>/ask/", view(self.ask_view), name="{}_{}_ask".format(*info)),
            path("<path:object_id>/withdraw/", view(self.withdraw_view), name="{}_{}_withdraw".format(*info)),
            *super().get_urls(),
        ]

    @admin.display(description="ref", ordering="pk")
    def reference_display(self, obj: Introduction) -> str:
        return obj.reference

    @admin.display(description="candidate", ordering="candidate__user__last_name")
    def candidate_name(self, obj: Introduction) -> str:
        return obj.candidate.user.get_full_name() or obj.candidate.user.email

    @admin.display(description="client", ordering="vacancy__company__name")
    def client(self, obj: Introduction) -> str:
        return obj.vacancy.company.name

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["spans"] = status_spans(obj)
            context["may_change"] = request.user.has_perm(CHANGE_INTRODUCTION)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _back(self, introduction: Introduction) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:recruitment_introduction_change", args=[introduction.pk]))

    def _introduction(self, request, object_id) -> Introduction:
        require_permission(request, CHANGE_INTRODUCTION)
        introduction = self.get_object(request, unquote(object_id))
        if introduction is None:
            raise Http404("No such introduction.")
        return introduction

    def ask_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        introduction = self._introduction(request, object_id)
        try:
            introduction_ask(introduction=introduction, by=request.user)
        except WorkflowError as exc:
            self.message_user(request, f"Not sent: {exc}", messages.ERROR)
        else:
            log_action(self, request, introduction, "Asked the candidate")
            self.message_user(request, "The candidate is asked; the email is on its way.")
        return self._back(introduction)

    def withdraw_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        introduction = self._introduction(request, object_id)
        try:
            introduction_withdraw(introduction=introduction, by=request.user, note=request.POST.get("note", ""))
        except WorkflowError as exc:
            self.message_user(request, f"Not withdrawn: {exc}", messages.ERROR)
        else:
            log_action(self, request, introduction, "Withdrawn")
            self.message_user(request, "Introduction withdrawn.")
        return self._back(introduction)

    def introduce_view(self, request, candidate_id, vacancy_id):
        """GET: the match, the refusal if any, and the form (changes nothing); POST: introduce."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        require_permission(request, INTRODUCE)
        profile = get_object_or_404(CandidateProfile.objects.select_related("user"), pk=candidate_id)
        vacancy = get_object_or_404(Vacancy.objects.select_related("company"), pk=vacancy_id)
        form = IntroduceForm(
            request.POST if request.method == "POST" else None,
            initial={"presentation": Introduction.Presentation.FULL, "ask_now": True},
        )
        if form.is_bound and form.is_valid():
            try:
                sent = introduction_propose(candidate=profile, vacancy=vacancy, by=request.user, **form.cleaned_data)
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                asked = form.cleaned_data["ask_now"]
                log_action(
                    self, request, sent.introduction, "Proposed; the candidate is asked" if asked else "Proposed"
                )
                self.message_user(
                    request,
                    "Introduction proposed; the candidate is asked for consent."
                    if asked
                    else "Introduction saved as a proposal: ask the candidate when ready.",
                )
                return self._back(sent.introduction)
        match = Match.objects.filter(candidate=profile, vacancy=vacancy).first()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Introduce {profile.user.get_full_name() or profile.user.email} to {vacancy.company.name}",
            "opts": self.opts,
            "profile": profile,
            "vacancy": vacancy,
            "form": form,
            "refusal": introduction_refusal(profile=profile, vacancy=vacancy),
            "rows": rows_for_template([match]) if match else [],
        }
        return TemplateResponse(
            request, "recruitment/admin/introduce.html", context, status=400 if form.is_bound else 200
        )


@admin.register(PendingOutcome)
class PendingOutcomeAdmin(admin.ModelAdmin):
    """The declines a client gave, on their way to the candidates: edit the words or send them at once."""

    list_display = ["to_email", "vacancy", "send_after_display", "edited"]
    list_select_related = ["vacancy__company"]
    ordering = ["send_after", "pk"]
    search_fields = ["to_email", "vacancy__title", "vacancy__company__name"]
    change_form_template = "recruitment/admin/pending_outcome_form.html"
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).scheduled()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="goes out", ordering="send_after")
    def send_after_display(self, obj) -> str:
        return local_time(obj.send_after, style="short") or "-"

    @admin.display(description="edited by")
    def edited(self, obj) -> str:
        return obj.context.get("edited_by", "")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            raise Http404
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied  # this view replaces the admin's own, which checks this first
        row = self.get_object(request, unquote(object_id))
        if row is None:
            raise Http404("This decline has been sent already.")
        if request.method == "POST":
            require_permission(request, PASS_ON_DECLINES)
            form = DeclineMessageForm(request.POST)
            if form.is_valid():
                send_now = "_send_now" in request.POST
                try:
                    decline_notice_update(
                        notification=row, by=request.user, message=form.cleaned_data["message"], send_now=send_now
                    )
                except WorkflowError as exc:
                    form.add_error(None, str(exc))
                else:
                    log_action(self, request, row, "Sent to the candidate" if send_now else "Message edited")
                    self.message_user(request, "Sent to the candidate." if send_now else "Message saved.")
                    return HttpResponseRedirect(reverse("admin:recruitment_pendingoutcome_changelist"))
        else:
            form = DeclineMessageForm(initial={"message": row.context.get("message", "")})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Decline to pass on: {row.to_email}",
            "opts": self.opts,
            "original": row,
            "form": form,
            "may_change": request.user.has_perm(PASS_ON_DECLINES),
        }
        return TemplateResponse(
            request,
            self.change_form_template,
            context,
            status=400 if request.method == "POST" else 200,
        )
