"""A candidate's own applications (/me/applications/). Someone else's application is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView

from accounts.mixins import CandidateRequiredMixin
from vacancies import services
from vacancies.models import Application, ApplicationStageChange


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
        context["can_withdraw"] = application.stage not in Application.FINAL_STAGES
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
        if stage == application.stage:
            state = "current"
        elif stage in reached:
            state = "done"
        else:
            state = "ahead"
        steps.append({"stage": stage, "label": Application.Stage(stage).label, "state": state})
    return steps
