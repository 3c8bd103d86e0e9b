"""The candidate's pages of the recruitment app: roles matched to them (`/me/matches/`), their data
(`/me/data/`: see what is stored, download it all, delete the account) and the one-click unsubscribe
reached from emails without logging in (RFC 8058)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView, TemplateView

from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile
from accounts.personal_data import Policy
from recruitment.emails.alerts import candidate_alerts_unsubscribe
from recruitment.forms.privacy import AccountDeleteForm
from recruitment.selectors.fit import applied_vacancy_ids
from recruitment.selectors.matches import matches_for_candidate
from recruitment.services import privacy
from recruitment.signed_links import mask_email, user_for_unsubscribe_token
from vacancies.models import Application


class MatchListView(CandidateRequiredMixin, ListView):
    """Every open role matched to the candidate, best first, with the reasons."""

    template_name = "recruitment/match_list.html"
    context_object_name = "matches"
    paginate_by = 20

    def get_queryset(self):
        return matches_for_candidate(profile=self.request.user.candidate_profile)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applied_ids"] = applied_vacancy_ids(
            user=self.request.user, vacancy_ids=[match.vacancy_id for match in context["matches"]]
        )
        return context


# --- My data ------------------------------------------------------------------------


class MyDataView(CandidateRequiredMixin, TemplateView):
    template_name = "recruitment/privacy/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["profile"] = CandidateProfile.objects.filter(user=user).first()
        # One line per registered section of their data (accounts.personal_data): what the export holds.
        context["stored"] = privacy.candidate_data_summary(user=user)
        context["counts"] = {section["name"]: section["count"] for section in context["stored"]}
        return context


class DataExportView(CandidateRequiredMixin, View):
    """A zip of everything stored about the person asking (there is no way to ask for someone else's)."""

    def get(self, request):
        archive = privacy.candidate_data_export(user=request.user, by=request.user)
        filename = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
        response = FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class AccountDeleteView(CandidateRequiredMixin, FormView):
    form_class = AccountDeleteForm
    template_name = "recruitment/privacy/delete_confirm.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["application_count"] = Application.objects.for_candidate(self.request.user).count()
        # What stays after deletion, and why (the sections that are not simply deleted with the person).
        context["kept"] = [
            section
            for section in privacy.candidate_data_summary(user=self.request.user)
            if section["policy"] != Policy.DELETED and section["count"]
        ]
        return context

    def form_valid(self, form):
        user = self.request.user
        privacy.candidate_account_delete(user=user, by=user)
        logout(self.request)
        messages.success(
            self.request,
            "Your account is deleted. Your profile and CVs are gone; past applications are kept only as "
            "anonymous statistics.",
        )
        return redirect("home")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# --- One-click unsubscribe, from any alert or digest ------------------------------------


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """GET shows what the link does and changes nothing (mail scanners follow links); POST, from the
    page's button or from the mail client's one-click unsubscribe, turns match alerts off.

    CSRF-exempt because mail providers POST without cookies; the signed token is the credential."""

    def dispatch(self, request, *args, token: str, **kwargs):
        self.user = user_for_unsubscribe_token(token)
        if self.user is None:
            raise Http404("This unsubscribe link is not valid.")
        self.profile = CandidateProfile.objects.filter(user=self.user).first()
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra) -> dict:
        return {"masked_email": mask_email(self.user.email), "profile": self.profile, **extra}

    def get(self, request, *args, **kwargs):
        already_off = self.profile is None or self.profile.alert_frequency == CandidateProfile.AlertFrequency.OFF
        return render(request, "recruitment/unsubscribe.html", self.context(already_off=already_off))

    def post(self, request, *args, **kwargs):
        if self.profile is not None:
            candidate_alerts_unsubscribe(profile=self.profile)
        return render(request, "recruitment/unsubscribe_done.html", self.context())
