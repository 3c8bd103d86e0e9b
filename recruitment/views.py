from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from accounts.models import RoleFamily
from vacancies.models import Vacancy


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_vacancies = Vacancy.objects.open()
        context["latest"] = open_vacancies.select_related("company", "role_family").order_by("-published_at")[:6]
        # The roles we place, each with its number of open roles (one query).
        context["role_families"] = RoleFamily.objects.annotate(
            open_count=Count("vacancies", filter=Q(vacancies__in=open_vacancies))
        )
        return context


def admin_login(request, extra_context=None):
    """The admin's login goes through allauth (rate limits, enumeration prevention, logging).

    A logged-in non-staff user gets a plain 403 rather than a login loop."""
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(
                request.GET.get("next")
                if url_has_allowed_host_and_scheme(request.GET.get("next"), allowed_hosts={request.get_host()})
                else "admin:index"
            )
        raise PermissionDenied("The recruiter workspace is for agency staff.")
    return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))


@login_required
def dashboard(request):
    """One address that sends each role to its own dashboard."""
    return redirect(request.user.get_dashboard_url())
