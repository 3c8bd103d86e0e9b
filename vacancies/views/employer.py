"""Employer pages: sign-up, dashboard, company, vacancy editor, applicants.

Thin views: reads go through vacancies.selectors, every change through
vacancies.services. Object pages look objects up in querysets scoped to the employer's
company, so anyone else's vacancy or application answers 404."""

from __future__ import annotations

import copy

from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.utils import ErrorDict
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.generic import CreateView, DetailView, ListView, UpdateView, View

from accounts.mixins import EmployerRequiredMixin
from vacancies import selectors, services
from vacancies.forms.employer import (
    ApplicationFeedbackForm,
    ApplicationMoveForm,
    CompanyForm,
    EmployerSignupForm,
    VacancyCloseForm,
    VacancyForm,
)
from vacancies.forms.team import CompanyInviteForm
from vacancies.markup import render_markdown
from vacancies.models import Application, Company, Vacancy

Stage = Application.Stage


class EmployerSignupView(SignupView):
    template_name = "vacancies/employer_signup.html"

    def get_form_class(self):
        return EmployerSignupForm

    @transaction.atomic
    def form_valid(self, form):
        return super().form_valid(form)


# --- Mixins --------------------------------------------------------------------------


class CompanyMixin(EmployerRequiredMixin):
    """Pages about the employer's own company: anonymous -> login, other roles -> 403; an employer with no
    company (a request to join waiting, or removed from their team) sees what to do instead."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_employer:
            self.company = selectors.employer_company(user=request.user)
            if self.company is None:
                if request.method not in ("GET", "HEAD"):
                    raise PermissionDenied("Your account is not linked to a company yet.")
                context = {"join_request": selectors.open_join_request(user=request.user)}
                return TemplateResponse(request, "vacancies/employer/no_company.html", context)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("company", self.company)
        return super().get_context_data(**kwargs)


class EmployerVacancyMixin(LoginRequiredMixin):
    """Pages about one vacancy: anonymous -> login; anyone not hiring for its company -> 404."""

    context_object_name = "vacancy"

    def get_queryset(self):
        return Vacancy.objects.for_employer(self.request.user).select_related(
            "company", "role_family", "industry", "created_by"
        )

    def get_object(self, queryset=None):
        if queryset is None and getattr(self, "_vacancy", None) is not None:
            return self._vacancy
        vacancy = super().get_object(queryset)
        if queryset is None:
            self._vacancy = vacancy
        return vacancy


def _workflow_refused(request, error: services.WorkflowError) -> None:
    messages.error(request, str(error))


# --- Dashboard and company -----------------------------------------------------------


class EmployerDashboardView(CompanyMixin, ListView):
    template_name = "vacancies/employer/dashboard.html"
    context_object_name = "vacancies"
    paginate_by = 25

    def get_queryset(self):
        return selectors.employer_vacancies(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vacancies"] = selectors.with_pipeline(context["vacancies"])
        context["summary"] = selectors.company_summary(company=self.company)
        return context


class CompanyUpdateView(CompanyMixin, UpdateView):
    template_name = "vacancies/employer/company_form.html"
    form_class = CompanyForm

    def get_object(self, queryset=None):
        # A copy for the form to edit, so the page header keeps the saved name if the form is invalid.
        return Company.objects.select_related("industry").get(pk=self.company.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["team"] = selectors.company_team(company=self.company)
        context["is_company_admin"] = services.user_is_company_admin(self.request.user, self.company.pk)
        if context["is_company_admin"]:
            context["pending_invites"] = selectors.company_pending_invites(company=self.company)
            context["invite_form"] = CompanyInviteForm()
        return context

    def form_valid(self, form):
        try:
            services.company_update(
                company=form.instance,
                by=self.request.user,
                logo=form.cleaned_data.get("logo") or None,
                remove_logo=bool(form.cleaned_data.get("remove_logo")),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.WorkflowError as error:
            _workflow_refused(self.request, error)
            return self.form_invalid(form)
        messages.success(self.request, "Company profile saved.")
        return redirect("employers:company")


# --- Vacancy editor and workflow -----------------------------------------------------


def _save_vacancy(view, form: VacancyForm) -> HttpResponseRedirect | None:
    """Save the form through the service; submit for review when that button was pressed.
    Returns None (and puts the error on the form) when the service refuses."""
    request = view.request
    vacancy = form.instance
    try:
        services.vacancy_save(vacancy=vacancy, by=request.user, skills=form.skills())
    except ValidationError as error:
        form.add_error(None, error)
        return None
    except services.WorkflowError as error:
        _workflow_refused(request, error)
        return redirect(reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk})) if vacancy.pk else None
    if request.POST.get("action") == "submit":
        try:
            services.vacancy_submit(vacancy=vacancy, by=request.user)
        except services.WorkflowError as error:
            messages.warning(request, f"Saved as a draft, but not submitted: {error}")
        else:
            messages.success(request, "Submitted for review. A recruiter will check it before it goes live.")
    else:
        messages.success(request, "Saved. Submit it for review when it is ready.")
    return redirect(reverse("employers:vacancy_detail", kwargs={"pk": vacancy.pk}))


class DescriptionPreviewMixin:
    """The editor's "Preview description" button: the same page again with the description rendered as
    candidates will see it (the one sanitiser, vacancies.markup). Nothing is saved or validated."""

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") != "preview":
            return super().post(request, *args, **kwargs)
        self.object = None if isinstance(self, CreateView) else self.get_object()
        form = self.get_form()
        form._errors = ErrorDict()  # a preview is not a save: no field errors yet
        text = str(request.POST.get("description", ""))[: Vacancy._meta.get_field("description").max_length]
        context = self.get_context_data(form=form, previewing=True, preview_html=render_markdown(text))
        return self.render_to_response(context)


class VacancyCreateView(DescriptionPreviewMixin, CompanyMixin, CreateView):
    template_name = "vacancies/employer/vacancy_form.html"
    form_class = VacancyForm

    def get_initial(self):
        return {"industry": self.company.industry_id}

    def form_valid(self, form):
        form.instance.company = self.company
        return _save_vacancy(self, form) or self.form_invalid(form)


class VacancyUpdateView(DescriptionPreviewMixin, EmployerVacancyMixin, UpdateView):
    """A draft or rejected vacancy is edited in place; a live one through a revision that goes to review
    while the live version stays up (the form starts from the revision waiting, if any)."""

    template_name = "vacancies/employer/vacancy_form.html"
    form_class = VacancyForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            vacancy = self.get_object()
            if not (vacancy.is_editable or vacancy.status == Vacancy.Status.PUBLISHED):
                messages.error(
                    request,
                    f"This vacancy is {vacancy.get_status_display().lower()}: "
                    "only a draft, a rejected or a live vacancy can be edited.",
                )
                return redirect("employers:vacancy_detail", pk=vacancy.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if form.instance.status == Vacancy.Status.PUBLISHED and not form.is_bound:
            selectors.form_from_pending_revision(form)
        return form

    def get_context_data(self, **kwargs):
        kwargs["live"] = self.object.status == Vacancy.Status.PUBLISHED
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        if form.instance.status != Vacancy.Status.PUBLISHED:
            return _save_vacancy(self, form) or self.form_invalid(form)
        try:
            services.vacancy_revision_submit(vacancy=form.instance, by=self.request.user, skills=form.skills())
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, "Your changes are with our recruiters. The live version stays up until they publish them."
        )
        return redirect("employers:vacancy_detail", pk=form.instance.pk)


class VacancyDetailView(EmployerVacancyMixin, DetailView):
    template_name = "vacancies/employer/vacancy_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("skill_requirements__skill", "nice_to_have_skills")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.object
        context["history"] = selectors.vacancy_status_history(vacancy=vacancy)
        context["stage_counts"] = selectors.vacancy_stage_counts(vacancy=vacancy)
        context["applicants_total"] = sum(count for _stage, _label, count in context["stage_counts"])
        context["days_open"] = selectors.days_open(vacancy)
        context.setdefault("close_form", VacancyCloseForm(vacancy=self.object))  # bound after a refused close
        context["revision"] = selectors.latest_revision(vacancy=vacancy)
        if context["revision"] is not None:
            context["revision_changes"] = services.revision_changes(context["revision"])
        return context


class VacancyActionView(EmployerVacancyMixin, View):
    """Base for the POST-only workflow buttons on a vacancy."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        vacancy = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            self.act(vacancy)
        except services.WorkflowError as error:
            _workflow_refused(request, error)
        return redirect("employers:vacancy_detail", pk=vacancy.pk)

    def act(self, vacancy: Vacancy) -> None:
        raise NotImplementedError


class VacancySubmitView(VacancyActionView):
    def act(self, vacancy: Vacancy) -> None:
        services.vacancy_submit(vacancy=vacancy, by=self.request.user)
        messages.success(self.request, "Submitted for review. A recruiter will check it before it goes live.")


class VacancyCloseView(EmployerVacancyMixin, View):
    """Close a live vacancy; refused (the form or the service), the vacancy's page again with the close form
    as chosen and its errors (status 400), not a redirect that forgets the choice."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        vacancy = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        form = VacancyCloseForm(request.POST, vacancy=vacancy)
        if form.is_valid():
            try:
                services.vacancy_close(
                    vacancy=vacancy,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    hired=form.cleaned_data["hired_application"],
                )
            except services.WorkflowError as error:
                form.add_error(None, str(error))
                _workflow_refused(request, error)  # also where the page shows no close form (not live)
            else:
                messages.success(
                    request, f"Closed as {vacancy.get_close_reason_display().lower()}. It is no longer on the board."
                )
                return redirect("employers:vacancy_detail", pk=vacancy.pk)
        page = copy.copy(request)
        page.method = "GET"  # the vacancy's page as shown, with this form bound
        response = VacancyDetailView.as_view(extra_context={"close_form": form})(page, pk=vacancy.pk)
        response.status_code = 400
        return response


# --- Applicants ----------------------------------------------------------------------


class VacancyApplicantsView(EmployerVacancyMixin, ListView):
    template_name = "vacancies/employer/applicants.html"
    context_object_name = "applications"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.vacancy = get_object_or_404(
                Vacancy.objects.for_employer(request.user).select_related("company"), pk=kwargs["pk"]
            )
            stage = request.GET.get("stage", "")
            self.stage = stage if stage in Stage.values else ""
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # "All" leaves the declined out: they have their own tab.
        return selectors.vacancy_applicants(vacancy=self.vacancy, stage=self.stage or None, declined=bool(self.stage))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["vacancy"] = self.vacancy
        context["stage"] = self.stage
        context["stage_counts"] = selectors.vacancy_stage_counts(vacancy=self.vacancy)
        context["applicants_total"] = sum(
            count for stage, _label, count in context["stage_counts"] if stage != Stage.REJECTED
        )
        context["vacancy_required_skills"] = set(self.vacancy.required_skills.all())
        context["contact_details_shared"] = selectors.contact_details_shared(company_id=self.vacancy.company_id)
        fits = selectors.applicant_fits(vacancy=self.vacancy, applications=context["applications"])
        shortlist_from = {stage for stage, nexts in services.STAGE_TRANSITIONS.items() if Stage.SHORTLISTED in nexts}
        decline_from = {stage for stage, nexts in services.STAGE_TRANSITIONS.items() if Stage.REJECTED in nexts}
        for application in context["applications"]:
            application.fit = fits.get(application.candidate_id)
            application.can_shortlist = application.stage in shortlist_from
            application.can_decline = application.stage in decline_from
        return context


class ApplicationMoveView(LoginRequiredMixin, View):
    """Shortlist or decline one applicant, through the same service recruiters use."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        application = get_object_or_404(
            Application.objects.for_employer(request.user).select_related("candidate", "vacancy"), pk=kwargs["pk"]
        )
        form = ApplicationMoveForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, f"Nothing changed: {errors}")
        else:
            try:
                services.application_move(
                    application=application,
                    stage=form.cleaned_data["stage"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except services.WorkflowError as error:
                _workflow_refused(request, error)
            else:
                who = (application.candidate.get_full_name() if application.candidate else "") or "The applicant"
                verb = "shortlisted" if application.stage == Stage.SHORTLISTED else "declined"
                messages.success(request, f"{who} is {verb}.")
        url = reverse("employers:vacancy_applicants", kwargs={"pk": application.vacancy_id})
        return redirect(f"{url}#application-{application.pk}")


class ApplicationFeedbackView(LoginRequiredMixin, View):
    """Feedback on one applicant for the agency's recruiters (anyone not hiring for the vacancy: 404)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        application = get_object_or_404(Application.objects.for_employer(request.user), pk=kwargs["pk"])
        form = ApplicationFeedbackForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for field_errors in form.errors.values() for e in field_errors)
            messages.error(request, f"Feedback not sent: {errors}")
        else:
            try:
                services.application_feedback_add(
                    application=application, by=request.user, body=form.cleaned_data["body"]
                )
            except services.WorkflowError as error:
                messages.error(request, f"Feedback not sent: {error}")
            else:
                messages.success(request, "Thanks: our recruiters have your feedback.")
        url = reverse("employers:vacancy_applicants", kwargs={"pk": application.vacancy_id})
        return redirect(f"{url}#application-{application.pk}")
