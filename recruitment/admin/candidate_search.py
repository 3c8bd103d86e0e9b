"""Candidate search in the workspace (`candidates/search/`): skills (any or all), target roles, years, the
salary floor in euros across currencies, countries, remote preference and openness, plus free text; and the
recruiter's saved searches, each run again or deleted with a POST.

The search page only reads (GET); saving, running (which stamps the search's last run) and deleting are
POSTs to their own URLs, through `recruitment.services.searches`. Someone else's saved search is a 404."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from accounts.models import CandidateProfile
from accounts.rules import SEE_CANDIDATES_PERMISSION
from recruitment.admin.common import require_permission
from recruitment.admin.forms import form_errors
from recruitment.admin.search_forms import CandidateSearchForm, SaveSearchForm
from recruitment.models import SavedSearch
from recruitment.services.searches import (
    DELETE_SAVED_SEARCH,
    SAVE_SEARCH,
    VIEW_SAVED_SEARCHES,
    saved_search_create,
    saved_search_delete,
    saved_search_run,
)
from vacancies.admin import log_action
from vacancies.services import WorkflowError

RESULTS_PER_PAGE = 50
SEARCH_URL = "admin:accounts_candidateprofile_search"


def search_url(query: str = "") -> str:
    return reverse(SEARCH_URL) + (f"?{query}" if query else "")


class CandidateSearchMixin:
    """The search pages of the candidates' admin (mixed into RecruiterCandidateAdmin)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        extra = [
            path("search/", view(self.search_view), name="{}_{}_search".format(*info)),
            path("search/save/", view(self.search_save_view), name="{}_{}_search_save".format(*info)),
            path(
                "search/saved/<int:search_id>/run/",
                view(self.saved_search_run_view),
                name="{}_{}_saved_search_run".format(*info),
            ),
            path(
                "search/saved/<int:search_id>/delete/",
                view(self.saved_search_delete_view),
                name="{}_{}_saved_search_delete".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def search_view(self, request):
        require_permission(request, SEE_CANDIDATES_PERMISSION)
        searching = CandidateSearchForm.is_search(request.GET)
        form = CandidateSearchForm(request.GET if searching else None)
        page = None
        if searching and form.is_valid():
            results = (
                CandidateProfile.objects.search(**form.search_arguments())
                .select_related("user")
                .prefetch_related("role_families", "skills")
                .order_by("-updated_at", "-pk")
            )
            page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        may_view_saved = request.user.has_perm(VIEW_SAVED_SEARCHES)
        context = {
            **self.admin_site.each_context(request),
            "title": "Search candidates",
            "opts": self.opts,
            "form": form,
            "searching": searching,
            "page_obj": page,
            "query_string": request.GET.urlencode() if page is not None else "",
            "query_without_page": _without_page(request),
            "save_form": SaveSearchForm(),
            "may_save": page is not None and request.user.has_perm(SAVE_SEARCH),
            "may_view_saved": may_view_saved,
            "may_delete_saved": request.user.has_perm(DELETE_SAVED_SEARCH),
            "saved_searches": list(SavedSearch.objects.owned_by(request.user)) if may_view_saved else [],
            "media": self.media + form.media,
        }
        status = 400 if searching and not form.is_valid() else 200
        return TemplateResponse(request, "recruitment/admin/candidate_search.html", context, status=status)

    def search_save_view(self, request):
        """POST: save the search in the query string under the name posted."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        require_permission(request, SAVE_SEARCH)
        search_form = CandidateSearchForm(request.GET)
        name_form = SaveSearchForm(request.POST)
        back = search_url(request.GET.urlencode())
        if not search_form.is_valid() or not name_form.is_valid():
            problems = form_errors(name_form) if not name_form.is_valid() else "fix the search first."
            self.message_user(request, f"Search not saved: {problems}", messages.ERROR)
            return HttpResponseRedirect(back)
        try:
            saved = saved_search_create(
                by=request.user, name=name_form.cleaned_data["name"], criteria=search_form.criteria()
            )
        except WorkflowError as exc:
            self.message_user(request, f"Search not saved: {exc}", messages.ERROR)
            return HttpResponseRedirect(back)
        log_action(self, request, saved, "Search saved")
        self.message_user(request, f"Saved the search “{saved.name}”.")
        return HttpResponseRedirect(search_url(urlencode(search_form.criteria(), doseq=True)))

    def _own_search(self, request, search_id: int, permission: str) -> SavedSearch:
        require_permission(request, permission)
        search = SavedSearch.objects.owned_by(request.user).filter(pk=search_id).first()
        if search is None:
            raise Http404("No such saved search.")
        return search

    def saved_search_run_view(self, request, search_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        search = self._own_search(request, search_id, VIEW_SAVED_SEARCHES)
        try:
            query = saved_search_run(by=request.user, search=search)
        except WorkflowError as exc:
            self.message_user(request, f"Search not run: {exc}", messages.ERROR)
            return HttpResponseRedirect(search_url())
        return HttpResponseRedirect(search_url(query))

    def saved_search_delete_view(self, request, search_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        search = self._own_search(request, search_id, DELETE_SAVED_SEARCH)
        try:
            saved_search_delete(by=request.user, search=search)
        except WorkflowError as exc:
            self.message_user(request, f"Search not deleted: {exc}", messages.ERROR)
        else:
            self.message_user(request, f"Deleted the saved search “{search.name}”.")
        return HttpResponseRedirect(search_url())


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
