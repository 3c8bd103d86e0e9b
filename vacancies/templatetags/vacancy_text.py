from django import template

from vacancies.markup import render_markdown

register = template.Library()


@register.filter(name="markdown_safe")
def markdown_safe(text: str):
    """Render employer-written Markdown through the sanitiser (never raw HTML)."""
    return render_markdown(text)


@register.filter(name="salary")
def salary(amount) -> str:
    """120000 -> 120,000 (thousands separated, no decimals)."""
    try:
        return f"{int(amount):,}"
    except (TypeError, ValueError):
        return ""
