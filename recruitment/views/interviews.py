"""Interview pages: the candidate picks a slot (signed email link or dashboard), asks for other times or
cancels; the client proposes slots, reschedules, cancels and gives feedback; both download the .ics.

Who sees what: a candidate their own interviews only, a client those of their company's applications;
everyone else 404. GET never changes anything; every change is a POST with a CSRF token, through
`recruitment.services.interviews`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from accounts.mixins import CandidateRequiredMixin
from accounts.time_zones import zone_named
from recruitment.calendar import interview_ics
from recruitment.emails.interviews import everyone
from recruitment.forms.interviews import FeedbackForm, NoteForm, PickForm, ProposeForm, RescheduleForm, SlotsForm
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.services import interviews as services
from recruitment.signed_links import read_interview_token
from vacancies.models import Application
from vacancies.services import WorkflowError
from vacancies.views.employer import CompanyMixin

RELATED = ("application__vacancy__company", "application__candidate")


def _zone(request):
    user = request.user
    return user.zone if user.is_authenticated else zone_named("")


def _candidate_zone(request, interview: Interview):
    """The candidate's pages are in the candidate's zone, from the signed link too (nobody is logged in)."""
    candidate = interview.application.candidate
    return candidate.zone if candidate is not None else _zone(request)


def _done(request, message: str) -> None:
    messages.success(request, message)


def ics_response(interview: Interview) -> HttpResponse:
    if interview.starts_at is None or interview.status not in (Interview.Status.CONFIRMED, Interview.Status.DONE):
        raise Http404("No confirmed time yet.")
    body = interview_ics(interview, attendees=[user.email for user in everyone(interview) if user.email])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


# --- The candidate -------------------------------------------------------------------------------


class _CandidateInterviewMixin:
    template_name = "recruitment/interviews/candidate.html"
    may_cancel = False

    def interview_and_proposal(self, request, **kwargs) -> tuple[Interview, int]:
        raise NotImplementedError

    def link_proposal(self, proposal: int) -> int | None:
        """The proposal a signed link was issued for (its every action checks it); None when signed in."""
        return proposal

    def render_page(self, request, interview, proposal, *, pick=None, note=None, status=200):
        slots = list(InterviewSlot.objects.filter(interview=interview, current=True))
        zone = _candidate_zone(request, interview)
        context = {
            "interview": interview,
            "vacancy": interview.application.vacancy,
            "picking": interview.status == Interview.Status.PROPOSED and interview.proposal == proposal,
            "pick_form": pick or PickForm(slots=slots, zone=zone),
            "note_form": note or NoteForm(),
            "zone": zone,
            "may_cancel": self.may_cancel and interview.is_open,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        interview, proposal = self.interview_and_proposal(request, **kwargs)
        return self.render_page(request, interview, proposal)

    def post(self, request, **kwargs):
        interview, proposal = self.interview_and_proposal(request, **kwargs)
        action = request.POST.get("action")
        try:
            if action == "pick":
                slots = InterviewSlot.objects.filter(interview=interview, current=True)
                form = PickForm(request.POST, slots=slots, zone=_candidate_zone(request, interview))
                if not form.is_valid():
                    return self.render_page(request, interview, proposal, pick=form, status=400)
                services.interview_pick(interview=interview, slot_id=form.cleaned_data["slot"], proposal=proposal)
                _done(request, "Confirmed: the calendar invitation is on its way.")
            elif action in ("other_times", "cancel"):
                form = NoteForm(request.POST)
                if not form.is_valid():
                    return self.render_page(request, interview, proposal, note=form, status=400)
                if action == "cancel" and self.may_cancel:
                    services.interview_cancel(interview=interview, by=request.user, reason=form.cleaned_data["note"])
                    _done(request, "The interview is cancelled; everyone is told.")
                else:
                    services.interview_ask_other_times(
                        interview=interview, note=form.cleaned_data["note"], proposal=self.link_proposal(proposal)
                    )
                    _done(request, "We have asked for other times; you will get new ones by email.")
            else:
                return self.render_page(request, interview, proposal, status=400)
        except WorkflowError as exc:
            messages.error(request, str(exc))
        return HttpResponseRedirect(request.path)


@method_decorator(never_cache, name="dispatch")
class PickLinkView(_CandidateInterviewMixin, View):
    """/interviews/<token>/: the slots of one proposal, from the email, without logging in."""

    def interview_and_proposal(self, request, **kwargs):
        read = read_interview_token(kwargs["token"])
        if read is None:
            raise Http404("This link is not valid or has expired.")
        interview = Interview.objects.select_related(*RELATED).filter(pk=read[0]).first()
        if interview is None:
            raise Http404("This interview no longer exists.")
        return interview, read[1]


@method_decorator(never_cache, name="dispatch")
class MyInterviewView(CandidateRequiredMixin, _CandidateInterviewMixin, View):
    """/me/interviews/<pk>/: the candidate's own interview (pick, other times, cancel, calendar)."""

    may_cancel = True

    def interview_and_proposal(self, request, **kwargs):
        interview = get_object_or_404(
            Interview.objects.select_related(*RELATED), pk=kwargs["pk"], application__candidate=request.user
        )
        return interview, interview.proposal

    def link_proposal(self, proposal: int) -> int | None:
        return None


class MyInterviewCalendarView(CandidateRequiredMixin, View):
    def get(self, request, pk: int):
        interview = get_object_or_404(
            Interview.objects.select_related(*RELATED), pk=pk, application__candidate=request.user
        )
        return ics_response(interview)


# --- The client ------------------------------------------------------------------------------------


class ClientInterviewListView(CompanyMixin, ListView):
    template_name = "recruitment/interviews/client_list.html"
    context_object_name = "interviews"
    paginate_by = 25

    def get_queryset(self):
        return (
            Interview.objects.for_company(self.company.pk)
            .select_related("application__vacancy", "application__candidate")
            .order_by("-created_at", "-pk")
        )


class ClientInterviewProposeView(CompanyMixin, View):
    template_name = "recruitment/interviews/propose.html"

    def _application(self, pk: int) -> Application:
        application = (
            Application.objects.filter(vacancy__company_id=self.company.pk, pk=pk)
            .select_related("vacancy", "candidate")
            .first()
        )
        if application is None:
            raise Http404("No such application.")
        return application

    def _render(self, request, application, form, status=200):
        blocked, in_progress = services.cannot_propose_because(application)
        context = {
            "application": application,
            "form": form,
            "company": self.company,
            "blocked": blocked,
            "in_progress": in_progress,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        return self._render(request, self._application(pk), ProposeForm(user=request.user))

    def post(self, request, pk: int):
        application = self._application(pk)
        form = ProposeForm(request.POST, user=request.user)
        if form.is_valid():
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
                _done(request, "Times proposed: the candidate is asked to pick one.")
                return HttpResponseRedirect(reverse("employer_interviews:detail", args=[interview.pk]))
        return self._render(request, application, form, status=400)


class ClientInterviewDetailView(CompanyMixin, View):
    template_name = "recruitment/interviews/client_detail.html"
    FORMS = {"reschedule": RescheduleForm, "repropose": SlotsForm, "cancel": NoteForm, "feedback": FeedbackForm}

    def _interview(self, pk: int) -> Interview:
        interview = Interview.objects.for_company(self.company.pk).select_related(*RELATED).filter(pk=pk).first()
        if interview is None:
            raise Http404("No such interview.")
        return interview

    def _form(self, name, data=None):
        cls = self.FORMS[name]
        return cls(data, user=self.request.user) if cls in (RescheduleForm, SlotsForm) else cls(data)

    def _render(self, request, interview, bound=None, status=200):
        forms = {name: self._form(name) for name in self.FORMS}
        if bound is not None:
            forms[bound[0]] = bound[1]
        context = {
            "company": self.company,
            "interview": interview,
            "vacancy": interview.application.vacancy,
            "slots": InterviewSlot.objects.filter(interview=interview, current=True),
            "forms": forms,
            "zone": _zone(request),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        return self._render(request, self._interview(pk))

    def post(self, request, pk: int):
        interview = self._interview(pk)
        action = request.POST.get("action")
        if action not in self.FORMS:
            return self._render(request, interview, status=400)
        form = self._form(action, request.POST)
        if not form.is_valid():
            return self._render(request, interview, (action, form), status=400)
        data, user = form.cleaned_data, request.user
        try:
            if action == "reschedule":
                services.interview_reschedule(interview=interview, by=user, starts_at=data["starts_at"])
                _done(request, "Rescheduled: everyone gets the updated invitation.")
            elif action == "repropose":
                services.interview_repropose(interview=interview, by=user, slots=data["slots"])
                _done(request, "New times proposed: the candidate is asked to pick one.")
            elif action == "cancel":
                services.interview_cancel(interview=interview, by=user, reason=data["note"])
                _done(request, "The interview is cancelled; everyone is told.")
            else:
                services.interview_feedback(
                    interview=interview, by=user, outcome=data["outcome"], feedback=data["feedback"]
                )
                messages.success(request, "Thank you: your feedback is with the agency.")
        except WorkflowError as exc:
            form.add_error(None, str(exc))
            return self._render(request, interview, (action, form), status=400)
        return HttpResponseRedirect(request.path)


class ClientInterviewCalendarView(CompanyMixin, View):
    def get(self, request, pk: int):
        interview = Interview.objects.for_company(self.company.pk).select_related(*RELATED).filter(pk=pk).first()
        if interview is None:
            raise Http404("No such interview.")
        return ics_response(interview)
