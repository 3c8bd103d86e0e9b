"""Public pages: the vacancy board and vacancy pages."""

from django.views.generic import DetailView, ListView

from vacancies.models import Vacancy


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
