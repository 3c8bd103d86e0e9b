"""My data (/me/data/): see what is stored, download it all, delete the account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile
from recruitment import privacy
from recruitment.models import Match, Notification, RecruiterNote
from vacancies.models import Application


class MyDataView(CandidateRequiredMixin, TemplateView):
    template_name = "recruitment/privacy/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        profile = CandidateProfile.objects.filter(user=user).first()
        context["profile"] = profile
        context["counts"] = {
            "applications": Application.objects.for_candidate(user).count(),
            "matches": Match.objects.filter(candidate=profile).count() if profile else 0,
            "notifications": Notification.objects.filter(recipient=user).count(),
            "notes": RecruiterNote.objects.filter(candidate=profile).count() if profile else 0,
        }
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


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To make sure it is you.",
    )
    confirm = forms.BooleanField(
        label="I understand that my profile, CVs and account are deleted for good and cannot be restored.",
        error_messages={"required": "Tick the box to confirm that you want to delete your account."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your account was not deleted.")
        return password


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
