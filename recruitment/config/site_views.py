"""The site-wide pages that belong to no one app: home, the dashboard redirect and the health check."""

from __future__ import annotations

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from accounts.models import RoleFamily
from vacancies import board_cache
from vacancies.models import Vacancy
from vacancies.visitor_pages import kept_for_visitors


@method_decorator(kept_for_visitors(lambda request: "home"), name="dispatch")
class HomeView(TemplateView):
    """The home page. Its figures (roles with open counts, latest openings) are the same for every visitor: they
    are rendered once per board version (vacancies.board_cache: it moves when the public board changes), and a
    visitor who is not logged in gets the whole page as kept (vacancies.visitor_pages)."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key, html = board_cache.get("home", "home")
        if html is None:
            html = render_to_string("includes/home_openings.html", self.openings(), request=self.request)
            board_cache.put(key, html)
        context["openings_html"] = mark_safe(html)  # noqa: S308 - our own template's output
        return context

    @staticmethod
    def openings() -> dict:
        open_vacancies = Vacancy.objects.open()
        return {
            "latest": list(open_vacancies.select_related("company", "role_family").order_by("-published_at")[:6]),
            # The roles we place that have openings now, each with its number of open roles (one query).
            "role_families": list(
                RoleFamily.objects.annotate(
                    open_count=Count("vacancies", filter=Q(vacancies__in=open_vacancies))
                ).filter(open_count__gt=0)
            ),
        }


@login_required
def dashboard(request):
    """One address that sends each role to its own dashboard."""
    return redirect(request.user.get_dashboard_url())


# --- /healthz: 200 when the database and Redis answer, 503 otherwise (for load balancers) ---


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


def _redis() -> str:
    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
        return "ok"
    except Exception as exc:
        return f"error: {type(exc).__name__}"


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database(), "redis": _redis()}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
