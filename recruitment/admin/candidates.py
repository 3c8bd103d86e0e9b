"""Candidates in the workspace: their applications, ranked vacancies, notes and CV."""

from __future__ import annotations

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html

from accounts.admin import CandidateProfileAdmin
from accounts.models import CandidateProfile
from recruitment.admin.common import MATCHES_SHOWN, NoteInlineMixin, rows_for_template, save_notes
from recruitment.models import RecruiterNote
from recruitment.selectors import matches_for_candidate
from vacancies.admin import application_cv_url
from vacancies.models import Application


class CandidateNoteInline(NoteInlineMixin, admin.TabularInline):
    fk_name = "candidate"
    fields = ["body", "written_by", "created_at", "application"]
    readonly_fields = ["written_by", "created_at", "application"]


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
                        {"rows": rows_for_template(matches), "shown": MATCHES_SHOWN},
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
