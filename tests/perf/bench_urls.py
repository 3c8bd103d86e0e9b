"""Perf-only URLconf: the product's URLs plus a bare view that renders 20 rows from one table.

The bare view is the baseline the board is compared with, served by the same gunicorn in the same run.
It exists only here, never in the product."""

from django.http import HttpResponse
from django.template import Context, Template
from django.urls import include, path

from vacancies.models import Vacancy

BARE_TEMPLATE = Template(
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Bare</title></head><body><h1>Rows</h1><ul>"
    "{% for title, city, low, high in rows %}<li>{{ title }} · {{ city }} · {{ low }}-{{ high }}</li>{% endfor %}"
    "</ul></body></html>"
)


def bare_rows(request):
    rows = Vacancy.objects.order_by("-pk").values_list("title", "city", "salary_min", "salary_max")[:20]
    return HttpResponse(BARE_TEMPLATE.render(Context({"rows": list(rows)})))


urlpatterns = [
    path("__bench__/bare/", bare_rows, name="bench_bare"),
    path("", include("recruitment.config.urls")),
]
