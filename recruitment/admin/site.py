"""The agency's admin site (the recruiters' workspace): who may enter, its login, its extra page (the pipeline),
its times in each recruiter's zone.

The site replaces django.contrib.admin's default one (see recruitment.apps.AgencyAdminConfig),
so every `@admin.register` in the project lands here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import update_wrapper

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.fields import ID_MAX, ID_MIN
from accounts.rules import user_is_recruiter
from recruitment.admin import reports as report_pages
from recruitment.admin.times import with_zoned_times
from recruitment.selectors import pipeline

PIPELINE_PERMISSION = "vacancies.view_application"


class AgencyAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} · Recruiter workspace"
    site_title = f"{settings.SITE_NAME} recruiters"
    index_title = "Recruiter workspace"
    # The lists are wide (candidates, applications): the header's workspace links replace the sidebar.
    enable_nav_sidebar = False

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin shows its date-times in the recruiter's zone, the zone named (recruitment.admin.times)."""
        super().register(model_or_iterable, with_zoned_times(admin_class or admin.ModelAdmin), **options)

    def has_permission(self, request) -> bool:
        """Only recruiters (and superusers) enter; an employer or a candidate flagged staff by
        mistake still cannot."""
        return user_is_recruiter(request.user)

    def login(self, request, extra_context=None):
        """The admin has no login form of its own: it goes through allauth's (rate limits, enumeration
        prevention, logging). A logged-in non-staff user gets a plain 403 rather than a login loop."""
        if request.user.is_authenticated:
            if request.user.is_active and request.user.is_staff:
                target = request.GET.get("next")
                safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
                return redirect(target if safe else "admin:index")
            raise PermissionDenied("The recruiter workspace is for agency staff.")
        return redirect_to_login(request.get_full_path(), login_url=reverse("account_login"))

    def admin_view(self, view, cacheable=False):
        """Staff who are not recruiters (an employer flagged staff by mistake) get a 403, not a
        redirect to a login they have already passed."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            user = request.user
            if user.is_authenticated and user.is_active and user.is_staff and not self.has_permission(request):
                raise PermissionDenied("The recruiter workspace is for the agency's recruiters.")
            unusable = unusable_parameters(request.GET)
            if unusable:
                # A value no database can take (a number beyond any id, a NUL character) would crash the
                # query: drop it.
                kept = request.GET.copy()
                for name in unusable:
                    kept.pop(name)
                return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}")
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def index(self, request, extra_context=None):
        """The home page, its "Today's work" tiles with how much waits in each queue."""
        counts = pipeline.todays_work_counts() if request.user.has_perm("vacancies.view_application") else {}
        return super().index(request, {"counts": counts, **(extra_context or {})})

    def get_urls(self):
        extra = [
            path("pipeline/", self.admin_view(self.pipeline_view), name="pipeline"),
            path("reports/", self.admin_view(self.reports_view), name="reports"),
        ]
        return extra + super().get_urls()

    def get_app_list(self, request, app_label=None):
        """Show the pipeline page beside the recruitment models (index and sidebar)."""
        app_list = super().get_app_list(request, app_label)
        if not request.user.has_perm(PIPELINE_PERMISSION):
            return app_list
        for app in app_list:
            if app["app_label"] == "recruitment" and request.user.has_perm(report_pages.VIEW_PERMISSION):
                app["models"].insert(
                    0,
                    {
                        "name": "Revenue reports",
                        "object_name": "Reports",
                        "perms": {"view": True},
                        "admin_url": reverse("admin:reports", current_app=self.name),
                        "add_url": None,
                        "view_only": True,
                    },
                )
            if app["app_label"] == "recruitment":
                app["models"].insert(
                    0,
                    {
                        "name": "Pipeline and funnel",
                        "object_name": "Pipeline",
                        "perms": {"view": True},
                        "admin_url": reverse("admin:pipeline", current_app=self.name),
                        "add_url": None,
                        "view_only": True,
                    },
                )
        return app_list

    def pipeline_view(self, request):
        if not request.user.has_perm(PIPELINE_PERMISSION):
            raise PermissionDenied
        chosen = "start" in request.GET or "end" in request.GET
        form = PeriodForm(request.GET if chosen else None)
        funnel = chart = None
        if not chosen or form.is_valid():
            start, end = form.period()
            funnel = pipeline.funnel(start=start, end=end)
            chart = FunnelChart.build(funnel)
        paginator = Paginator(pipeline.open_vacancies_for_pipeline(), 25)
        page = paginator.get_page(request.GET.get("page"))
        context = {
            **self.each_context(request),
            "title": "Pipeline and funnel",
            "form": form,
            "funnel": funnel,
            "chart": chart,
            "page_obj": page,
            "rows": pipeline.vacancy_pipelines(vacancies=list(page.object_list)),
            "stages": [(s, pipeline.Stage(s).label) for s in pipeline.TABLE_STAGES],
            "waiting_stages": pipeline.WAITING_STAGES,
            "query_without_page": _query_without(request, "page"),
        }
        return TemplateResponse(request, "recruitment/admin/pipeline.html", context)

    def reports_view(self, request):
        """Revenue by client, recruiter and currency, placements per quarter, time to hire, guarantees
        ending; `?export=<table>` downloads one table as CSV."""
        if not request.user.has_perm(report_pages.VIEW_PERMISSION):
            raise PermissionDenied
        chosen = "start" in request.GET or "end" in request.GET
        form = report_pages.ReportPeriodForm(request.GET if chosen else None)
        valid = not chosen or form.is_valid()
        start, end = form.period()
        today = timezone.localdate()
        table = request.GET.get("export")
        if table is not None:
            response = report_pages.export(table, start=start, end=end, today=today) if valid else None
            if response is not None:
                return response
            form.is_valid()  # the errors show on the page
        context = {
            **self.each_context(request),
            "title": "Revenue reports",
            "form": form,
            "valid": valid,
            "bad_export": table is not None,
            **(report_pages.report_context(start=start, end=end, today=today) if valid else {}),
        }
        ok = valid and table is None
        return TemplateResponse(request, "recruitment/admin/reports.html", context, status=200 if ok else 400)


_INTEGERS = re.compile(r"-?[0-9]+(,-?[0-9]+)*")


def _fits_an_id(number: str) -> bool:
    # Longer than any id's digits is out of range (and too long for int() to read safely).
    return len(number.lstrip("-")) <= len(str(ID_MAX)) and ID_MIN <= int(number) <= ID_MAX


def unusable_parameters(params) -> list[str]:
    """Query parameters no database can take: any holding a NUL character (PostgreSQL refuses it in a
    string), and changelist filters ("field__lookup") holding an integer outside a database id's range."""
    unusable = []
    for name, values in params.lists():
        for value in values:
            out_of_range = "__" in name and _INTEGERS.fullmatch(value) and not all(map(_fits_an_id, value.split(",")))
            if "\x00" in name or "\x00" in value or out_of_range:
                unusable.append(name)
                break
    return unusable


def _query_without(request, key: str) -> str:
    params = request.GET.copy()
    params.pop(key, None)
    return params.urlencode()


class PeriodForm(forms.Form):
    """The period of the funnel: applications made between two dates (inclusive)."""

    DEFAULT_DAYS = 90
    MAX_DAYS = 366 * 5

    # <input type="date"> only takes ISO dates, whatever the locale's format.
    start = forms.DateField(label="From", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start, end = self.default_period()
        self.fields["start"].initial = start
        self.fields["end"].initial = end

    @classmethod
    def default_period(cls) -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        return today - dt.timedelta(days=cls.DEFAULT_DAYS - 1), today

    # The funnel counts applications; the agency's history starts well after this, and a date near the
    # calendar's end cannot be turned into the next day's midnight.
    EARLIEST = dt.date(2000, 1, 1)
    LATEST_YEARS_AHEAD = 1

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        latest = timezone.localdate() + dt.timedelta(days=366 * self.LATEST_YEARS_AHEAD)
        for name, day in (("start", start), ("end", end)):
            if day and not self.EARLIEST <= day <= latest:
                self.add_error(name, f"Choose a date between {self.EARLIEST:%-d %b %Y} and {latest:%-d %b %Y}.")
                return data
        if start and end:
            if start > end:
                raise forms.ValidationError("The start date must be on or before the end date.")
            if (end - start).days > self.MAX_DAYS:
                raise forms.ValidationError("Choose a period of at most five years.")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default_period()


@dataclass(frozen=True)
class FunnelBar:
    label: str
    count: int
    pct_of_applied: float
    pct_of_previous: float | None
    y: int
    text_y: int
    width: int
    value_x: int


@dataclass(frozen=True)
class FunnelChart:
    """Geometry of the server-rendered SVG funnel (the template draws it; text is auto-escaped)."""

    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[FunnelBar, ...]

    WIDTH = 720
    LABEL_WIDTH = 120
    VALUE_ROOM = 170
    ROW = 46
    BAR = 30

    @classmethod
    def build(cls, funnel: pipeline.Funnel) -> FunnelChart:
        top = max(funnel.applied, 1)
        span = cls.WIDTH - cls.LABEL_WIDTH - cls.VALUE_ROOM
        bars = []
        for i, step in enumerate(funnel.steps):
            width = round(span * step.count / top) if step.count else 0
            y = 10 + i * cls.ROW
            bars.append(
                FunnelBar(
                    label=step.label,
                    count=step.count,
                    pct_of_applied=step.pct_of_applied,
                    pct_of_previous=step.pct_of_previous,
                    y=y,
                    text_y=y + cls.BAR // 2 + 5,
                    width=max(width, 2),
                    value_x=cls.LABEL_WIDTH + max(width, 2) + 10,
                )
            )
        return cls(
            width=cls.WIDTH,
            height=20 + len(bars) * cls.ROW,
            label_width=cls.LABEL_WIDTH,
            bar_height=cls.BAR,
            bars=tuple(bars),
        )
