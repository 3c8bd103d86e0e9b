from django import template

from accounts.money import floor_against_band
from vacancies.markup import render_markdown
from vacancies.validators import LOGO_FORMATS

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


# The image types a logo upload is re-encoded to (vacancies.validators.sanitised_logo): anything else stored
# under a logo (an old upload, a hand-placed file) is not shown, the letter tile is.
_LOGO_SUFFIXES = tuple(f".{suffix}" for suffix in {*LOGO_FORMATS.values(), "jpeg"})


@register.filter(name="floor_for_client")
def floor_for_client(profile, vacancy) -> str:
    """A candidate's salary floor as the client reads it: within its band, or how far above the top."""
    return floor_against_band(
        profile.salary_floor, profile.salary_currency, vacancy.salary_max, vacancy.salary_currency
    )


@register.filter(name="logo_url")
def logo_url(company) -> str:
    """The public URL of a company's logo, or "" (no logo, or not a safe image type)."""
    logo = getattr(company, "logo", None)
    name = getattr(logo, "name", "") or ""
    if not name.lower().endswith(_LOGO_SUFFIXES):
        return ""
    try:
        return logo.url
    except ValueError:  # a storage that cannot give a URL
        return ""
