"""Public pages: the vacancy board (`/vacancies/`) and a vacancy's page."""

from __future__ import annotations

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from accounts.receivers import SALARY_CURRENCY_SESSION_KEY
from vacancies import board_cache, selectors
from vacancies.jsonld import job_posting_script
from vacancies.markup import html_to_text, vacancy_description_html
from vacancies.models import Vacancy


class VacancyListView(TemplateView):
    """`/vacancies/`: open vacancies, newest first, 20 a page, filters and sort in the query string.

    The rendered results are cached (see `board_cache`): a warm board costs no database query."""

    template_name = "vacancies/vacancy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        query = selectors.board_query(request.GET)
        if "currency" not in query and request.session.get(SALARY_CURRENCY_SESSION_KEY):
            query["currency"] = request.session[SALARY_CURRENCY_SESSION_KEY]  # the candidate's own, where known
        search = query.urlencode()
        user = request.user
        audience = "anonymous" if not user.is_authenticated else ("candidate" if user.is_candidate else "other")
        # Page numbers are normalised before they become cache keys: junk is page 1, and past the end is the
        # last page (known once this search has been rendered), so random ?page= values share a few entries.
        page_number = selectors.board_page_number(request.GET.get("page"))
        last_page_key, last_page = board_cache.get(search, "last-page")
        if last_page:
            page_number = min(page_number, last_page)
        key, board = board_cache.get(f"{search}&page={page_number}", audience)
        if board is None:
            board = self.render_board(query, page_number)
            if board["page"] != page_number:  # past the end: stored under the page it shows
                key, _ = board_cache.get(f"{search}&page={board['page']}", audience)
            board_cache.put(key, board)
            board_cache.put(last_page_key, board["pages"])
        context["board"] = board
        return context

    def render_board(self, query, page_number) -> dict:
        filterset, page = selectors.vacancy_board(params=query, page=page_number)
        active = []
        for name, label, shown in filterset.active_filters:
            remaining = query.copy()
            remaining.pop(name, None)
            active.append({"label": label, "value": shown, "remove_url": f"?{remaining.urlencode()}"})
        html = render_to_string(
            "vacancies/includes/board.html",
            {
                "filter": filterset,
                "form": filterset.form,
                "page_obj": page,
                "vacancies": page.object_list,
                "active_filters": active,
                "page_query": f"?{query.urlencode()}&page=" if query else "?page=",
            },
            request=self.request,
        )
        board = {
            "page": page.number,
            "pages": page.paginator.num_pages,
            "total": page.paginator.count,
            "filtered": bool(active),
        }
        board["html"] = mark_safe(html)  # noqa: S308 - our own template's output, escaped where it shows user text
        return board


class VacancyDetailView(TemplateView):
    """`/vacancies/<slug>/`: readable while published, closed or expired (marked closed, noindex)."""

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
        description = vacancy_description_html(vacancy)
        context.update(
            vacancy=vacancy,
            is_open=vacancy.is_open,
            description_html=description,
            job_posting_script=job_posting_script(vacancy, description_html=description),
            meta_description=html_to_text(description, limit=160),
            application=selectors.application_for(user=self.request.user, vacancy=vacancy),
        )
        return context
