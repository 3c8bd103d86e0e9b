"""A vacancy's public page from cached parts: the rendered description, its JSON-LD, its meta description and
its skills are the same for every visitor, so they are cached by the vacancy's id and update time (and its
company's, and the day: the JSON-LD is left out once the closing date passes). A warm page costs the one query
that finds the vacancy; the visitor's own parts (their application, their fit) are read per request. For a
visitor who is not logged in there are none: the whole body below the header is cached."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from vacancies import board_cache, selectors
from vacancies.jsonld import job_posting_script
from vacancies.markup import html_to_text, vacancy_description_html
from vacancies.models import Vacancy


def _render(vacancy: Vacancy) -> dict[str, str]:
    prefetch_related_objects([vacancy], *selectors.vacancy_page_prefetches())
    description = vacancy_description_html(vacancy)
    return {
        "description_html": str(description),
        "job_posting_script": str(job_posting_script(vacancy, description_html=description)),
        "meta_description": html_to_text(description, limit=160),
        "skills_html": render_to_string("vacancies/includes/vacancy_skills.html", {"vacancy": vacancy}),
    }


def _key(vacancy: Vacancy) -> str | None:
    cards_version = board_cache.cards_version()
    if cards_version is None:
        return None
    return (
        f"vacancies:page:{cards_version}:{vacancy.pk}:{vacancy.updated_at.timestamp():.6f}:"
        f"{vacancy.company.updated_at.timestamp():.6f}:{timezone.localdate().isoformat()}"
    )


def anonymous_body(*, request, context: dict) -> SafeString:
    """The whole page body as a visitor who is not logged in sees it (no application, no fit: the same for
    every such visitor), cached with the shared parts."""
    key = _key(context["vacancy"])
    body_key = f"{key}:anonymous-body" if key else None
    html = board_cache.get_many([body_key]).get(body_key) if body_key else None
    if html is None:
        html = render_to_string("vacancies/includes/vacancy_body.html", context, request=request)
        if body_key:
            board_cache.put_many({body_key: html})
    return mark_safe(html)  # noqa: S308 - our own template's output


def shared_parts(vacancy: Vacancy) -> dict:
    """The page's parts every visitor sees, from the cache or rendered (two queries for the skills)."""
    key = _key(vacancy)
    if key is not None:
        parts = board_cache.get_many([key]).get(key)
        if parts is not None:
            return _marked(parts)
    parts = _render(vacancy)
    if key:
        board_cache.put_many({key: parts})
    return _marked(parts)


def _marked(parts: dict[str, str]) -> dict:
    # Our own templates' and sanitiser's output (the description through nh3, the JSON-LD with <>& escaped).
    marked = {name: mark_safe(value) for name, value in parts.items() if name != "meta_description"}  # noqa: S308
    return {**marked, "meta_description": parts["meta_description"]}
