"""Employer pages: sign-up, dashboard, company, vacancy editor, applicants."""

from allauth.account.views import SignupView
from django.db import transaction
from django.views.generic import TemplateView

from accounts.mixins import EmployerRequiredMixin
from vacancies.forms import EmployerSignupForm
from vacancies.models import Vacancy


class EmployerSignupView(SignupView):
    template_name = "vacancies/employer_signup.html"

    def get_form_class(self):
        return EmployerSignupForm

    @transaction.atomic
    def form_valid(self, form):
        return super().form_valid(form)


class EmployerDashboardView(EmployerRequiredMixin, TemplateView):
    template_name = "vacancies/employer/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        employer = self.request.user.employer_profile
        context["company"] = employer.company
        context["vacancies"] = Vacancy.objects.for_company(employer.company).order_by("-created_at")
        return context
