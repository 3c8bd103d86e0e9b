from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import FormView, TemplateView, UpdateView

from accounts import services
from accounts.files import private_file_response
from accounts.forms import CandidateProfileForm, TimeZoneForm
from accounts.mixins import CandidateRequiredMixin
from accounts.models import CandidateProfile
from accounts.receivers import remember_salary_currency
from accounts.rules import may_see_every_candidate
from accounts.security_log import log_cv_download
from accounts.selectors import profile_completeness
from accounts.time_zones import canonical_zone, zone_description


def _own_profile(user) -> CandidateProfile:
    profile, _ = CandidateProfile.objects.select_related("user").get_or_create(user=user)
    return profile


class CandidateDashboardView(CandidateRequiredMixin, TemplateView):
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = _own_profile(self.request.user)
        context["profile"] = profile
        context["completeness"] = profile_completeness(profile)
        context["missing"] = context["completeness"].missing_for_applying
        context["applications"] = self.request.user.applications.select_related("vacancy__company").order_by(
            "-created_at"
        )[:5]
        return context


class ProfileUpdateView(CandidateRequiredMixin, UpdateView):
    """`/me/profile/`: the candidate's own profile (there is no other profile to ask for) and their CV.

    One form, one save: a chosen CV is checked with the rest and stored with it; when anything is refused
    nothing is saved and the page comes back with what was typed. `next` (a same-site address, such as the
    apply page that sent the candidate here) is where saving takes them."""

    form_class = CandidateProfileForm
    template_name = "accounts/profile_form.html"
    context_object_name = "profile"

    def get_object(self, queryset=None):
        profile = _own_profile(self.request.user)
        return (
            CandidateProfile.objects.select_related("user")
            .prefetch_related("role_families", "skills", "industries")
            .get(pk=profile.pk)
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def next_url(self) -> str:
        """The same-site address to return to after saving, or ""."""
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        allowed = url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return target if allowed else ""

    def get_success_url(self):
        if self.next_url():
            return self.next_url()
        if self.request.POST.get("action") == "upload_cv":
            return reverse("accounts:profile") + "#cv"
        return reverse("accounts:profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # After a refused submission the form has written its (unsaved) values onto self.object; show the saved state.
        saved = self.get_object() if context["form"].is_bound else self.object
        context["profile"] = saved
        context["completeness"] = profile_completeness(saved)
        context["next_url"] = self.next_url()
        return context

    def form_valid(self, form):
        upload = form.cleaned_data.get("cv")
        step = "profile"
        try:
            # Both or neither: a CV the storage refuses leaves the profile as it was.
            with transaction.atomic():
                services.candidate_profile_update(
                    profile=form.instance,
                    by=self.request.user,
                    data=form.profile_data(),
                    m2m=form.m2m_data(),
                    consent=form.cleaned_data["consent"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    extra_alert_role_families=form.cleaned_data["extra_alert_role_families"],
                )
                if upload:
                    step = "cv"
                    services.candidate_cv_replace(profile=form.instance, upload=upload, by=self.request.user)
        except ValidationError as exc:
            form.add_error("cv" if step == "cv" else None, exc)
            return self.form_invalid(form)
        remember_salary_currency(self.request, form.instance)  # the board's minimum salary follows it
        if upload:
            messages.success(self.request, "Your profile and your CV are saved. New applications will use this CV.")
        else:
            messages.success(self.request, "Your profile is saved.")
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        if "cv" in form.errors:
            messages.error(self.request, "Your CV was not uploaded: " + " ".join(form.errors["cv"]))
        messages.error(self.request, "Your profile was not saved: some answers need another look (see below).")
        if self.request.FILES.get("cv") and "cv" not in form.errors:
            form.add_error("cv", "Choose your CV again: it is not kept while other answers need another look.")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CandidateCvDownloadView(View):
    """A candidate's profile CV for the agency's recruiters (linked from the recruiter workspace).
    Anyone else gets 404, whatever the id; logged-out visitors are asked to log in first."""

    def get(self, request, pk: int):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        profile = CandidateProfile.objects.filter(pk=pk).first() if may_see_every_candidate(request.user) else None
        if profile is None or not profile.cv:
            raise Http404("No such CV.")
        response = private_file_response(profile.cv, download_name=profile.cv_original_name or "cv")
        log_cv_download(request, kind="profile", object_id=profile.pk, owner_id=profile.user_id)
        return response


class CvDownloadView(CandidateRequiredMixin, View):
    """The candidate's own profile CV, as an attachment."""

    def get(self, request):
        profile = CandidateProfile.objects.filter(user=request.user).first()
        if profile is None or not profile.cv:
            raise Http404("You have not uploaded a CV.")
        response = private_file_response(profile.cv, download_name=profile.cv_original_name or "cv")
        log_cv_download(request, kind="profile", object_id=profile.pk, owner_id=profile.user_id)
        return response


class TimeZoneView(LoginRequiredMixin, FormView):
    """Account settings: the zone this person's times are shown in (pages and emails)."""

    template_name = "accounts/time_zone.html"
    form_class = TimeZoneForm

    def get_initial(self):
        return {"time_zone": canonical_zone(self.request.user.time_zone)}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": self.request.user.time_zone}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "zone": self.request.user.zone}

    def form_valid(self, form):
        services.user_time_zone_set(user=self.request.user, time_zone=form.cleaned_data["time_zone"])
        zone = zone_description(self.request.user.zone)
        messages.success(self.request, f"Time zone saved: times are now shown in {zone}.")
        return redirect("account_settings:time_zone")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
