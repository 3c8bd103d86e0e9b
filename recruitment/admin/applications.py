"""Applications in the workspace, recruitment side: notes."""

from __future__ import annotations

from django.contrib import admin

from accounts.models import CandidateProfile
from recruitment.admin.common import NoteInlineMixin, save_notes
from recruitment.models import RecruiterNote
from vacancies.admin import ApplicationAdmin
from vacancies.models import Application


class ApplicationNoteInline(NoteInlineMixin, admin.StackedInline):
    fk_name = "application"


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
