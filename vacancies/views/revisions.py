"""The employer's buttons for changing a vacancy after submitting it: withdraw a submission to draft,
drop changes waiting for review, copy a closed vacancy into a new draft (POST only, 404 for others)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect

from vacancies import services
from vacancies.models import Vacancy, VacancyRevision
from vacancies.views.employer import VacancyActionView, _workflow_refused


class VacancyWithdrawView(VacancyActionView):
    def act(self, vacancy: Vacancy) -> None:
        services.vacancy_withdraw(vacancy=vacancy, by=self.request.user)
        messages.success(self.request, "Withdrawn from review: it is a draft again. Submit it when it is ready.")


class VacancyRevisionWithdrawView(VacancyActionView):
    def act(self, vacancy: Vacancy) -> None:
        revision = get_object_or_404(VacancyRevision.objects.pending(), vacancy=vacancy)
        services.vacancy_revision_withdraw(revision=revision, by=self.request.user)
        messages.success(self.request, "Your changes are withdrawn; the live version is unchanged.")


class VacancyDuplicateView(VacancyActionView):
    def post(self, request, *args, **kwargs):
        vacancy = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            copy = services.vacancy_duplicate(vacancy=vacancy, by=request.user)
        except services.WorkflowError as error:
            _workflow_refused(request, error)
            return redirect("employers:vacancy_detail", pk=vacancy.pk)
        messages.success(request, "A new draft with the same details. Check it, set a closing date and submit it.")
        return redirect("employers:vacancy_edit", pk=copy.pk)
