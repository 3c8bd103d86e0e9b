from allauth.account.views import SignupView
from django.db import transaction
from django.views.generic import DetailView, ListView, TemplateView

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


class VacancyListView(ListView):
    template_name = "vacancies/vacancy_list.html"
    context_object_name = "vacancies"
    paginate_by = 20

    def get_queryset(self):
        return Vacancy.objects.open().select_related("company", "role_family").order_by("-published_at", "-pk")


class VacancyDetailView(DetailView):
    template_name = "vacancies/vacancy_detail.html"
    context_object_name = "vacancy"

    def get_queryset(self):
        # Closed and expired vacancies stay readable (marked closed); drafts are not public.
        return Vacancy.objects.filter(
            status__in=[Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED]
        ).select_related("company", "role_family", "industry")
