"""Public pages: the vacancy board (`/vacancies/`) and a vacancy's page."""

from __future__ import annotations

from django.http import Http404, QueryDict
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from accounts.receivers import SALARY_CURRENCY_SESSION_KEY
from vacancies import board_pages, selectors, vacancy_page
from vacancies.models import Vacancy
from vacancies.visitor_pages import kept_for_visitors


def board_search(request) -> tuple[QueryDict, int]:
    """The search (the board's own parameters, trimmed, in a fixed order) and the page number it shows: junk is
    page 1, and past the end is the last page once the search has been seen. These make the cache keys."""
    query = selectors.board_query(request.GET)
    if "currency" not in query and request.session.get(SALARY_CURRENCY_SESSION_KEY):
        query["currency"] = request.session[SALARY_CURRENCY_SESSION_KEY]  # the candidate's own, where known
    return query, board_pages.page_to_show(query, selectors.board_page_number(request.GET.get("page")))


def _board_page_name(request) -> str:
    query, page_number = board_search(request)
    return f"board|{query.urlencode()}|{page_number}"


@method_decorator(kept_for_visitors(_board_page_name), name="dispatch")
class VacancyListView(TemplateView):
    """`/vacancies/`: open vacancies, newest first, 20 a page, filters and sort in the query string.

    Built from cached pieces (see `board_pages`): a warm board costs no database query, a new search two; a
    visitor who is not logged in gets the whole page as kept (`visitor_pages`)."""

    template_name = "vacancies/vacancy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query, page_number = board_search(request)
        user = request.user
        audience = "anonymous" if not user.is_authenticated else ("candidate" if user.is_candidate else "other")
        context["board"] = board_pages.board(request=request, query=query, page_number=page_number, audience=audience)
        return context


@method_decorator(kept_for_visitors(lambda request, slug: f"vacancy|{slug}"), name="dispatch")
class VacancyDetailView(TemplateView):
    """`/vacancies/<slug>/`: readable while published, closed or expired (marked closed, noindex). A visitor who
    is not logged in gets the whole page as kept (`visitor_pages`): no query."""

    template_name = "vacancies/vacancy_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            self.vacancy = selectors.public_vacancy(slug=kwargs["slug"])
        except Vacancy.DoesNotExist as exc:
            raise Http404("No such vacancy.") from exc
        response = super().get(request, *args, **kwargs)
        if not self.vacancy.is_open:
            response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vacancy = self.vacancy
        context.update(
            vacancy=vacancy,
            is_open=vacancy.is_open,
            application=selectors.application_for(user=self.request.user, vacancy=vacancy),
            **vacancy_page.shared_parts(vacancy),
        )
        if not self.request.user.is_authenticated:
            context["body_html"] = vacancy_page.anonymous_body(request=self.request, context=context)
        return context
