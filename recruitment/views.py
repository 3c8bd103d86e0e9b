from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.generic import TemplateView

from vacancies.models import Vacancy


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest"] = (
            Vacancy.objects.open().select_related("company", "role_family").order_by("-published_at")[:6]
        )
        return context


@login_required
def dashboard(request):
    """One address that sends each role to its own dashboard."""
    return redirect(request.user.get_dashboard_url())
