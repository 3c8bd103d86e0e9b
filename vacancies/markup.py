"""Employer-written text to safe HTML: Markdown, then an allow-list sanitiser (nh3). Raw HTML never survives."""

from __future__ import annotations

import contextlib
import html as html_module
import re

import markdown
import nh3
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from accounts.text import strip_control

# What Markdown itself produces (never <b> or <i>: it writes <strong> and <em>).
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h3", "h4", "h5",
    "blockquote", "code", "pre", "hr", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Employers often write a list straight under a line ("What you bring:\n- ..."); Markdown needs a blank line.
_LIST_AFTER_TEXT = re.compile(r"(?m)^(?P<line>[^\n]*\S[^\n]*)\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t]+\S)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+\.)[ \t]+\S")
# HTML typed into the text (a tag or a comment) is removed before Markdown runs, as the forms' help says:
# only Markdown formats. Markdown's own <https://...> and <name@example.com> links are kept.
_RAW_HTML = re.compile(r"<!--.*?-->|</?(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![^<>]*@)[a-zA-Z][^<>]*>", re.S)
# Headings in a description sit under the page's own h1/h2.
_HEADING_SHIFT = {"<h1>": "<h3>", "</h1>": "</h3>", "<h2>": "<h3>", "</h2>": "</h3>", "<h6>": "<h5>", "</h6>": "</h5>"}


def _separate_lists(text: str) -> str:
    def repl(match: re.Match) -> str:
        line = match.group("line")
        return f"{line}\n" if _LIST_ITEM.match(line) else f"{line}\n\n"

    return _LIST_AFTER_TEXT.sub(repl, text)


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML restricted to a small set of tags; scripts, styles, event handlers and iframes go."""
    source = _RAW_HTML.sub("", strip_control(text or ""))
    html = markdown.markdown(_separate_lists(source), extensions=["sane_lists"], output_format="html")
    for old, new in _HEADING_SHIFT.items():
        html = html.replace(old, new)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 with an allow-list just above


def html_to_text(html: str, *, limit: int | None = None) -> str:
    """Rendered HTML to one line of plain text, cut at a word boundary."""
    plain = strip_control(html_module.unescape(nh3.clean(html, tags=set())))
    plain = re.sub(r"\s+", " ", plain).strip()
    if limit and len(plain) > limit:
        plain = plain[: limit - 1].rsplit(" ", 1)[0] + "…"
    return plain


def plain_text(text: str, *, limit: int | None = None) -> str:
    """Markdown as plain text (for feeds and meta descriptions)."""
    return html_to_text(render_markdown(text), limit=limit)


def vacancy_description_html(vacancy) -> SafeString:
    """The vacancy's rendered description, cached per version of the vacancy (its updated_at)."""
    stamp = vacancy.updated_at.timestamp() if vacancy.updated_at else 0
    key = f"vacancies:description:v2:{vacancy.pk}:{stamp}"  # v2: raw HTML removed before Markdown
    try:
        cached = cache.get(key)
    except Exception:  # the cache is an optimisation; never fail a page over it
        cached = None
    if cached is not None:
        return mark_safe(cached)  # noqa: S308 - stored by this function after sanitising
    html = render_markdown(vacancy.description)
    with contextlib.suppress(Exception):  # rendering without the cache is the fallback
        cache.set(key, str(html), 24 * 3600)
    return html
