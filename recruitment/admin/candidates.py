"""Candidates in the workspace: their applications, ranked vacancies with "invite to apply", the contact
timeline (contacts, emails, notes) with "log a contact", notes and the CV.

Invitations and logged contacts are POSTs to their own admin URLs (`<id>/invite/<vacancy id>/`,
`<id>/contacts/`) that check the permission they need and call `recruitment.services.contacts`; the invitation's
email is an outbox row, enqueued on commit."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.admin import CandidateProfileAdmin
from accounts.models import CandidateProfile
from recruitment.admin.candidate_search import CandidateSearchMixin
from recruitment.admin.common import MATCHES_SHOWN, NoteInlineMixin, require_permission, rows_for_template, save_notes
from recruitment.admin.forms import ContactLogForm, InvitationForm, form_errors
from recruitment.models import ContactLogEntry, Match, RecruiterNote
from recruitment.models.introductions import Introduction
from recruitment.selectors.matches import contact_timeline, invited_and_applied, matches_for_candidate
from recruitment.services.contacts import (
    LOG_CONTACT,
    SEND_INVITATION,
    contact_log_add,
    invitation_refusal,
    invitation_send,
)
from recruitment.services.introductions import INTRODUCE
from vacancies.admin import application_cv_url, log_action
from vacancies.models import Application, Vacancy
from vacancies.services import WorkflowError

TIMELINE_SHOWN = 50


class CandidateNoteInline(NoteInlineMixin, admin.TabularInline):
    fk_name = "candidate"
    fields = ["body", "written_by", "created_at", "application"]
    readonly_fields = ["written_by", "created_at", "application"]


# The recruiters' download of a profile's CV (the CVs sent with applications are linked per application).
PROFILE_CV_URL_NAME = "candidate_cv"


def cv_url(profile: CandidateProfile) -> str:
    return reverse(PROFILE_CV_URL_NAME, kwargs={"pk": profile.pk})


def invitation_states(profile: CandidateProfile, rows: list[dict]) -> None:
    """Mark each ranked row as applied, invited (with the date) or open to an invitation."""
    invited, applied = invited_and_applied(profile=profile, vacancy_ids=[row["match"].vacancy_id for row in rows])
    introduced = {
        introduction.vacancy_id: introduction
        for introduction in Introduction.objects.filter(
            candidate=profile, vacancy_id__in=[row["match"].vacancy_id for row in rows]
        )
    }
    for row in rows:
        vacancy_id = row["match"].vacancy_id
        row["applied"] = vacancy_id in applied
        row["invited_at"] = invited.get(vacancy_id)
        row["introduction"] = introduced.get(vacancy_id)


class RecruiterCandidateAdmin(CandidateSearchMixin, CandidateProfileAdmin):
    inlines = [CandidateNoteInline]
    change_form_template = "recruitment/admin/candidate_change_form.html"
    # The changelist links to the candidate search (recruitment.admin.candidate_search).
    change_list_template = "recruitment/admin/candidate_change_list.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        extra = [
            path(
                "<path:object_id>/invite/<int:vacancy_id>/",
                self.admin_site.admin_view(self.invite_view),
                name="{}_{}_invite".format(*info),
            ),
            path(
                "<path:object_id>/contacts/",
                self.admin_site.admin_view(self.contact_view),
                name="{}_{}_contact".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            applications = [
                (application, application_cv_url(application))
                for application in Application.objects.filter(candidate_id=obj.user_id)
                .select_related("vacancy__company")
                .order_by("-created_at")
            ]
            rows = rows_for_template(list(matches_for_candidate(profile=obj, limit=MATCHES_SHOWN)))
            invitation_states(obj, rows)
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
                        {
                            "rows": rows,
                            "shown": MATCHES_SHOWN,
                            "profile": obj,
                            "may_invite": request.user.has_perm(SEND_INVITATION),
                            "may_introduce": request.user.has_perm(INTRODUCE),
                        },
                    ),
                },
            ]
            context["timeline"] = contact_timeline(profile=obj, limit=TIMELINE_SHOWN)
            context["timeline_shown"] = TIMELINE_SHOWN
            context["may_log_contact"] = request.user.has_perm(LOG_CONTACT)
            context["contact_form"] = ContactLogForm()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _profile(self, request, object_id: str, permission: str) -> CandidateProfile:
        require_permission(request, permission)
        profile = self.get_object(request, unquote(object_id))
        if profile is None:
            raise Http404("No such candidate.")
        return profile

    def _back_to(self, profile: CandidateProfile, anchor: str = "") -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:accounts_candidateprofile_change", args=[profile.pk]) + anchor)

    def invite_view(self, request, object_id, vacancy_id):
        """GET: the match and a message box (changes nothing); POST: send the invitation."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        profile = self._profile(request, object_id, SEND_INVITATION)
        vacancy = get_object_or_404(Vacancy.objects.select_related("company"), pk=vacancy_id)
        form = InvitationForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                invitation_send(
                    candidate=profile, vacancy=vacancy, by=request.user, message=form.cleaned_data["message"]
                )
            except WorkflowError as exc:
                self.message_user(request, f"Not invited: {exc}", messages.ERROR)
            else:
                log_action(self, request, profile, f"Invited to apply to {vacancy.role_at_client}")
                self.message_user(request, f"Invited to apply to “{vacancy.title}”; the email is on its way.")
            return self._back_to(profile, "#contacts")
        match = Match.objects.filter(candidate=profile, vacancy=vacancy).first()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Invite {profile.user.get_full_name() or profile.user.email} to apply",
            "opts": self.opts,
            "original": profile,
            "vacancy": vacancy,
            "form": form,
            "refusal": invitation_refusal(profile=profile, vacancy=vacancy),
            "rows": rows_for_template([match]) if match else [],
        }
        return TemplateResponse(
            request, "recruitment/admin/invite_confirm.html", context, status=400 if form.is_bound else 200
        )

    def contact_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        profile = self._profile(request, object_id, LOG_CONTACT)
        form = ContactLogForm(request.POST)
        if not form.is_valid():
            self.message_user(request, f"Contact not logged: {form_errors(form)}", messages.ERROR)
            return self._back_to(profile, "#contacts")
        try:
            contact_log_add(
                candidate=profile, kind=form.cleaned_data["kind"], summary=form.cleaned_data["summary"], by=request.user
            )
        except WorkflowError as exc:
            self.message_user(request, f"Contact not logged: {exc}", messages.ERROR)
        else:
            kind = ContactLogEntry.Kind(form.cleaned_data["kind"]).label.lower()
            log_action(self, request, profile, f"Contact logged ({kind})")
            self.message_user(request, "Contact logged.")
        return self._back_to(profile, "#contacts")

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
