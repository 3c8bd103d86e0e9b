"""The public board assembled from cached pieces (see `board_cache` for what is cached and when it changes).

A request for a search costs:
- warm: no query; the frame (form, count, pagination, card keys) and the cards come from the cache;
- a new search: the page of rows, and the count unless another sort or page of the same filters was seen (1-2
  queries); the vocabularies, the filter form (when another page of the search was seen) and the cards (when
  another search showed them) still come from the cache.
Cards are shared by every visitor: what is the visitor's own (their score, "Applied") is filled in after, at
the `FIT_MARK` in each card (recruitment's `board_cards` template tag)."""

from __future__ import annotations

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from vacancies import board_cache, selectors
from vacancies.filters import board_vocabularies
from vacancies.models import Vacancy

CARDS_MARK = "<!--cards-->"
FIT_MARK = "<!--fit-->"


def _safe(html: str) -> SafeString:
    return mark_safe(html)  # noqa: S308 - our own templates' output, escaped where it shows user text


def vocabularies(cards_version: str | None) -> dict:
    if cards_version is None:
        return board_vocabularies()
    key = f"vacancies:vocab:{cards_version}"
    found = board_cache.get_many([key]).get(key)
    if found is None:
        found = board_vocabularies()
        board_cache.put_many({key: found})
    return found


def card_html(vacancy: Vacancy) -> str:
    return render_to_string("vacancies/includes/board_card.html", {"vacancy": vacancy})


def _card_key(vacancy: Vacancy, cards_version: str) -> str:
    return board_cache.card_key(
        pk=vacancy.pk,
        updated_at=vacancy.updated_at,
        company_updated_at=vacancy.company.updated_at,
        cards_version=cards_version,
    )


def cards(refs: list[tuple[int, str | None]], rows: dict[int, Vacancy] | None = None) -> list[tuple[int, str]]:
    """[(pk, card HTML)] for [(pk, card key)], from the cache, else rendered from `rows` (or one query)."""
    found = board_cache.get_many([key for _pk, key in refs if key])
    missing = [pk for pk, key in refs if key not in found]
    if missing:
        rows = rows or {}
        if any(pk not in rows for pk in missing):
            rows = {**rows, **{row.pk: row for row in selectors.board_cards(pks=missing)}}
        fresh = {}
        for pk, key in refs:
            if key not in found and pk in rows:
                html = card_html(rows[pk])
                found[key or f"uncached:{pk}"] = html
                if key:
                    fresh[key] = html
        board_cache.put_many(fresh, seconds=board_cache.CARD_SECONDS)
    return [(pk, found[key or f"uncached:{pk}"]) for pk, key in refs if (key or f"uncached:{pk}") in found]


def form_html(*, filterset, active: list[dict], search: str, cards_version: str | None) -> str:
    """The filter form for this search. It shows the query and the vocabularies only (no vacancy), so it is
    kept under the cards version: a publish or a close does not make every search render its form again."""
    key = board_cache.key_for(search, "form", cards_version) if cards_version else None
    html = board_cache.get_many([key]).get(key) if key else None
    if html is None:
        html = render_to_string(
            "vacancies/includes/board_form.html", {"form": filterset.form, "active_filters": active}
        )
        if key:
            board_cache.put_many({key: html})
    return html


def render(*, request, query: QueryDict, page_number: int) -> tuple[dict, dict[int, Vacancy]]:
    """A search's frame, and the rows it shows (to render the cards the cache lacks)."""
    cards_version = board_cache.cards_version()
    # Sorting does not change how many match: every sort and page of a set of filters share one count.
    filters = query.copy()
    filters.pop("sort", None)
    count_key, count = board_cache.get(filters.urlencode(), "count")
    filterset, page = selectors.vacancy_board(
        params=query, page=page_number, vocabularies=vocabularies(cards_version), count=count
    )
    if count is None:
        board_cache.put(count_key, page.paginator.count)
    rows = list(page.object_list)
    active = []
    for name, label, shown in filterset.active_filters:
        remaining = query.copy()
        remaining.pop(name, None)
        active.append({"label": label, "value": shown, "remove_url": f"?{remaining.urlencode()}"})
    html = render_to_string(
        "vacancies/includes/board.html",
        {
            "filter": filterset,
            "form_html": _safe(
                form_html(filterset=filterset, active=active, search=query.urlencode(), cards_version=cards_version)
            ),
            "page_obj": page,
            "vacancies": rows,
            "active_filters": active,
            "page_query": f"?{query.urlencode()}&page=" if query else "?page=",
        },
        request=request,
    )
    before, _, after = html.partition(CARDS_MARK)
    board = {
        "page": page.number,
        "pages": page.paginator.num_pages,
        "total": page.paginator.count,
        "filtered": bool(active),
        "before": _safe(before),
        "after": _safe(after),
        "cards": [(row.pk, _card_key(row, cards_version) if cards_version else None) for row in rows],
    }
    return board, {row.pk: row for row in rows}


def page_to_show(query: QueryDict, page_number: int) -> int:
    """Page numbers past the end show the last page (known once this search has been rendered), so random ?page=
    values share a few entries."""
    _key, last_page = board_cache.get(query.urlencode(), "last-page")
    return min(page_number, last_page) if last_page else page_number


def board(*, request, query: QueryDict, page_number: int, audience: str) -> dict:
    """The board for this search and page (see `page_to_show`): frame and cards, cached."""
    search = query.urlencode()
    last_page_key = board_cache.get(search, "last-page")[0]
    key, frame = board_cache.get(f"{search}&page={page_number}", audience)
    rows = None
    if frame is None:
        frame, rows = render(request=request, query=query, page_number=page_number)
        if frame["page"] != page_number:  # past the end: stored under the page it shows
            key, _ = board_cache.get(f"{search}&page={frame['page']}", audience)
        board_cache.put(key, frame)
        board_cache.put(last_page_key, frame["pages"])
    return {**frame, "cards": cards(frame["cards"], rows)}
