"""Candidate pages: applying (`/vacancies/<slug>/apply/`) and their own applications (`/me/applications/`).
Someone else's application is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView, ListView

from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile
from vacancies import selectors, services
from vacancies.forms.candidate import ApplyForm
from vacancies.models import Application, ApplicationStageChange, Vacancy


class ApplyView(CandidateRequiredMixin, FormView):
    """`/vacancies/<slug>/apply/`: anonymous visitors log in and come back here (`?next=`)."""

    form_class = ApplyForm
    template_name = "vacancies/apply.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.vacancy = get_object_or_404(
            Vacancy.objects.filter(status__in=selectors.PUBLIC_STATUSES).select_related("company", "role_family"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def refusal(self):
        """A redirect with a polite message when this candidate cannot apply at all; None when they can."""
        user = self.request.user
        existing = Application.objects.filter(candidate=user, vacancy=self.vacancy).first()
        if existing:
            messages.info(self.request, "You have already applied to this vacancy; here is your application.")
            return redirect(existing.get_absolute_url())
        if not self.vacancy.is_open:
            messages.warning(self.request, "This vacancy is closed and no longer takes applications.")
            return redirect(self.vacancy.get_absolute_url())
        return None

    def get(self, request, *args, **kwargs):
        return self.refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.refusal() or super().post(request, *args, **kwargs)

    @property
    def profile(self) -> CandidateProfile:
        if not hasattr(self, "_profile"):
            self._profile, _ = CandidateProfile.objects.select_related("user").get_or_create(user=self.request.user)
        return self._profile

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["profile"] = self.profile
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vacancy"] = self.vacancy
        context["profile"] = self.profile
        context["verified"] = self.request.user.has_verified_email()
        # The CV can come with the application itself; everything else has to be on the profile.
        context["missing"] = [m for m in self.profile.missing_for_applying() if m != "a CV"]
        return context

    def form_valid(self, form):
        try:
            application = services.application_submit(
                candidate=self.request.user,
                vacancy=self.vacancy,
                cover_letter=form.cleaned_data["cover_letter"],
                cv_file=form.upload,
            )
        except services.AlreadyApplied as exc:
            messages.info(self.request, str(exc))
            existing = Application.objects.filter(candidate=self.request.user, vacancy=self.vacancy).first()
            return redirect(existing.get_absolute_url() if existing else self.vacancy.get_absolute_url())
        except services.WorkflowError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except ValidationError as exc:
            form.add_error("cv_file" if form.upload else None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Your application to {self.vacancy.company.name} is in. We will email you when it moves on.",
        )
        return redirect(application.get_absolute_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- The candidate's own applications ------------------------------------------------


class OwnApplicationsMixin(CandidateRequiredMixin):
    def get_queryset(self):
        return Application.objects.for_candidate(self.request.user).select_related(
            "vacancy", "vacancy__company", "vacancy__role_family"
        )


class ApplicationListView(OwnApplicationsMixin, ListView):
    template_name = "vacancies/applications/application_list.html"
    context_object_name = "applications"
    paginate_by = 20

    def get_queryset(self):
        history = ApplicationStageChange.objects.only("application_id", "to_stage", "at").order_by("at", "pk")
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("stage_changes", queryset=history))
            .order_by("-created_at", "-pk")
        )


class ApplicationDetailView(OwnApplicationsMixin, DetailView):
    template_name = "vacancies/applications/application_detail.html"
    context_object_name = "application"

    def get_queryset(self):
        history = ApplicationStageChange.objects.order_by("at", "pk")
        return super().get_queryset().prefetch_related(Prefetch("stage_changes", queryset=history))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context["can_withdraw"] = application.stage not in Application.FINAL_STAGES  # never while a decline is held
        context["pipeline"] = _pipeline_steps(application)
        return context


class ApplicationWithdrawView(OwnApplicationsMixin, DetailView):
    """GET asks to confirm; POST withdraws (through the service, which records it in the timeline)."""

    template_name = "vacancies/applications/application_withdraw.html"
    context_object_name = "application"

    def post(self, request, *args, **kwargs):
        application = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            services.application_withdraw(application=application, by=request.user)
        except services.WorkflowError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"You withdrew your application to {application.vacancy.company.name}.")
        return redirect(application.get_absolute_url())


def _pipeline_steps(application: Application) -> list[dict]:
    """The usual pipeline with each step marked done / current / ahead, for the progress display."""
    reached = {change.to_stage for change in application.stage_changes.all()}
    steps = []
    for stage in Application.PIPELINE:
        if stage == application.candidate_stage:
            state = "current"
        elif stage in reached:
            state = "done"
        else:
            state = "ahead"
        steps.append({"stage": stage, "label": Application.Stage(stage).label, "state": state})
    return steps
