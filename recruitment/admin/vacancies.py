"""Vacancies in the workspace, recruitment side: the best ranked candidates on the vacancy's page (all of them on
a page of their own, recruitment/admin/ranked.py) and "recompute matches"."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html

from recruitment.admin.common import MATCHES_SHOWN, rows_for_template
from recruitment.admin.ranked import RankedCandidatesMixin
from recruitment.matching import vacancy_match
from recruitment.selectors.matches import matches_for_vacancy
from vacancies.admin import VacancyAdmin, log_action
from vacancies.models import Vacancy

# Ranking a vacancy scores every candidate who passes its hard filters (about 2 s at 100k).
RECOMPUTE_AT_ONCE = 20


class RecruiterVacancyAdmin(RankedCandidatesMixin, VacancyAdmin):
    actions = [*VacancyAdmin.actions, "recompute_matches"]
    list_display = [*VacancyAdmin.list_display, "ranked_link"]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if self.may_see_ranked(request) else [name for name in shown if name != "ranked_link"]

    @admin.display(description="candidates")
    def ranked_link(self, obj: Vacancy) -> str:
        url = reverse("admin:vacancies_vacancy_ranked", args=[obj.pk], current_app=self.admin_site.name)
        return format_html('<a href="{}">Ranked</a>', url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            matches = list(matches_for_vacancy(vacancy=obj, limit=MATCHES_SHOWN))
            total = len(matches) if len(matches) < MATCHES_SHOWN else matches_for_vacancy(vacancy=obj).count()
            context["agency_sections"] = [
                {
                    "title": "Ranked candidates",
                    "html": render_to_string(
                        "recruitment/admin/vacancy_matches.html",
                        {
                            "rows": rows_for_template(matches),
                            "vacancy": obj,
                            "shown": MATCHES_SHOWN,
                            "total": total,
                            "ranked_url": reverse("admin:vacancies_vacancy_ranked", args=[obj.pk]),
                        },
                    ),
                }
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        extra = [
            path(
                "<path:object_id>/recompute-matches/",
                self.admin_site.admin_view(self.recompute_view),
                name="{}_{}_recompute".format(*info),
            )
        ]
        return extra + self.ranked_urls() + super().get_urls()

    def recompute_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        vacancy = self.get_object(request, unquote(object_id))
        if vacancy is None:
            raise Http404("No such vacancy.")
        if not self.has_change_permission(request, vacancy):
            raise PermissionDenied
        self._recompute(request, [vacancy])
        return HttpResponseRedirect(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]))

    @admin.action(description="Recompute matches of selected vacancies", permissions=["change"])
    def recompute_matches(self, request, queryset):
        vacancies = list(queryset[: RECOMPUTE_AT_ONCE + 1])
        if len(vacancies) > RECOMPUTE_AT_ONCE:
            self.message_user(
                request,
                f"Select at most {RECOMPUTE_AT_ONCE} vacancies at a time: each one ranks every candidate.",
                messages.ERROR,
            )
            return
        self._recompute(request, vacancies)

    def _recompute(self, request, vacancies: list[Vacancy]) -> None:
        for vacancy in vacancies:
            matches = vacancy_match(vacancy=vacancy)
            log_action(self, request, vacancy, "Matches recomputed")
            if vacancy.is_open:
                self.message_user(request, f"{vacancy}: {len(matches)} candidate match(es) computed.", messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    f"{vacancy}: only open, published vacancies are matched; its matches were cleared.",
                    messages.WARNING,
                )
