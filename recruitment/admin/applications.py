"""Applications in the workspace, recruitment side: act on the record from its own page.

Above the (read-only) application form: move the stage with a note, the candidate's notes with a box to
add one in place, and the candidate's match explanation for this vacancy. Each action is a POST to its own
admin URL (`<id>/move/`, `<id>/notes/`) that checks the permission it needs and calls the service
(`vacancies.services.application_move`, `recruitment.services.contacts.recruiter_note_add`), then comes back here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse

from accounts.models import CandidateProfile
from recruitment.admin.common import require_permission, rows_for_template
from recruitment.admin.forms import NoteForm, StageMoveForm, form_errors
from recruitment.models import Match, RecruiterNote
from recruitment.models.interviews import Interview
from recruitment.models.placements import Placement
from recruitment.services.contacts import ADD_NOTE, recruiter_note_add
from recruitment.services.interviews import ARRANGE as ARRANGE_INTERVIEWS
from recruitment.services.interviews import INTERVIEW_STAGES, stage_after_advance
from vacancies import services
from vacancies.admin import ApplicationAdmin
from vacancies.admin.common import log_action, short_date
from vacancies.models import Application, Vacancy

NOTES_SHOWN = 20


class RecruiterApplicationAdmin(ApplicationAdmin):
    change_form_template = "recruitment/admin/application_change_form.html"

    def extra_feedback_rows(self, obj: Application) -> list[tuple[str, str, str]]:
        """The client's feedback on each interview, beside what it wrote on the applicants page."""
        done = Interview.objects.filter(application=obj, status=Interview.Status.DONE).order_by("updated_at", "pk")
        return [
            (
                f"{interview.get_round_display()}: {interview.get_outcome_display() or 'no outcome'}"
                + (f" · {interview.feedback}" if interview.feedback else ""),
                "The client",
                short_date(interview.updated_at),
            )
            for interview in done
        ]

    @staticmethod
    def _profile(application: Application) -> CandidateProfile | None:
        if application.candidate_id is None:
            return None
        return CandidateProfile.objects.filter(user_id=application.candidate_id).first()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        extra = [
            path(
                "<path:object_id>/move/",
                self.admin_site.admin_view(self.move_view),
                name="{}_{}_move".format(*info),
            ),
            path(
                "<path:object_id>/notes/",
                self.admin_site.admin_view(self.note_view),
                name="{}_{}_note".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["workspace"] = self.workspace_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workspace_context(self, request, application: Application) -> dict:
        profile = self._profile(application)
        notes = []
        match = None
        if profile is not None:
            notes = list(
                RecruiterNote.objects.filter(candidate=profile)
                .select_related("author", "application__vacancy")
                .order_by("-created_at", "-pk")[:NOTES_SHOWN]
            )
            match = Match.objects.filter(candidate=profile, vacancy_id=application.vacancy_id).first()
        move_form = StageMoveForm(application=application)
        interviews = list(Interview.objects.filter(application=application).order_by("-created_at", "-pk")[:10])
        may_move = self.has_change_permission(request, application) and bool(move_form.fields["stage"].choices)
        last_done = next((i for i in interviews if i.status == Interview.Status.DONE), None)
        advance_to = None
        if may_move and last_done is not None and last_done.outcome == Interview.Outcome.ADVANCE:
            advance_to = stage_after_advance(application)
        return {
            "may_move": may_move,
            "move_form": move_form,
            "may_note": profile is not None and request.user.has_perm(ADD_NOTE),
            "note_form": NoteForm(),
            "notes": notes,
            "notes_shown": NOTES_SHOWN,
            "profile": profile,
            "match_rows": rows_for_template([match]) if match else [],
            "interviews": interviews,
            "advance_to": advance_to,
            "advance_label": Application.Stage(advance_to).label if advance_to else "",
            "advanced_by": last_done if advance_to else None,
            "may_arrange": request.user.has_perm(ARRANGE_INTERVIEWS) and application.stage in INTERVIEW_STAGES,
        }

    def _application(self, request, object_id: str, permission: str) -> Application:
        require_permission(request, permission)
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404("No such application.")
        return application

    def _back_to(self, application: Application) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:vacancies_application_change", args=[application.pk]))

    def move_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self._application(request, object_id, services.CHANGE_APPLICATION)
        form = StageMoveForm(request.POST, application=application)
        if not form.is_valid():
            self.message_user(request, f"Not moved: {form_errors(form)}", messages.ERROR)
            return self._back_to(application)
        stage = form.cleaned_data["stage"]
        try:
            services.application_move(
                application=application, stage=stage, by=request.user, note=form.cleaned_data["note"]
            )
        except services.WorkflowError as exc:
            self.message_user(request, f"Not moved: {exc}", messages.ERROR)
        else:
            label = Application.Stage(stage).label.lower()
            log_action(self, request, application, f"Moved to {label}")
            self.message_user(request, f"Moved to {label}; the candidate is told.", messages.SUCCESS)
            if stage == Application.Stage.HIRED:
                self._after_hire(request, application)
        return self._back_to(application)

    def _after_hire(self, request, application: Application) -> None:
        """Say what the hire did: the vacancy closed (or how many openings are left) and the placement opened."""
        vacancy = Vacancy.objects.get(pk=application.vacancy_id)
        if vacancy.status == Vacancy.Status.CLOSED:
            said = f"“{vacancy.title}” is closed as filled; the others in its pipeline hear it through you."
        else:
            hired = Application.objects.filter(vacancy=vacancy, stage=Application.Stage.HIRED).count()
            said = f"“{vacancy.title}” stays open: {hired} of its {vacancy.openings} openings are hired."
        placement = Placement.objects.filter(application_id=application.pk).first()
        if placement is not None:
            said += " The placement is open: record the start date and salary, and see their other live work there."
        self.message_user(request, said, messages.INFO)

    def note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        application = self._application(request, object_id, ADD_NOTE)
        profile = self._profile(application)
        if profile is None:
            self.message_user(request, "This application is anonymised: there is no one to note.", messages.ERROR)
            return self._back_to(application)
        form = NoteForm(request.POST)
        if not form.is_valid():
            self.message_user(request, f"Note not saved: {form_errors(form)}", messages.ERROR)
            return self._back_to(application)
        try:
            recruiter_note_add(
                candidate=profile, application=application, body=form.cleaned_data["body"], by=request.user
            )
        except services.WorkflowError as exc:
            self.message_user(request, f"Note not saved: {exc}", messages.ERROR)
        else:
            log_action(self, request, application, "Note added")
            self.message_user(request, "Note added.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:vacancies_application_change", args=[application.pk]) + "#notes")
