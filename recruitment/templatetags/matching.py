"""Template tags that show a candidate's matches (the same stored scores the admin and alerts use)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from recruitment.models.interviews import Interview
from recruitment.models.introductions import Introduction
from recruitment.selectors.fit import applied_vacancy_ids, board_fit, is_strong_fit, vacancy_fit
from recruitment.selectors.introductions import introductions_awaiting
from recruitment.selectors.matches import invitations_for_candidate, matches_for_candidate
from vacancies.board_pages import FIT_MARK

register = template.Library()


@register.filter
def fit_heading(score) -> str:
    """The heading over a candidate's reasons: "Why you fit" only for a strong fit, else "How you compare"."""
    return "Why you fit" if is_strong_fit(score) else "How you compare"


@register.filter
def strong_fit(score) -> bool:
    return is_strong_fit(score)


@register.inclusion_tag("recruitment/includes/matched_for_you.html")
def matched_for_you(user, limit=3):
    profile = getattr(user, "candidate_profile", None) if getattr(user, "is_candidate", False) else None
    matches = list(matches_for_candidate(profile=profile, limit=limit)) if profile else []
    applied = applied_vacancy_ids(user=user, vacancy_ids=[match.vacancy_id for match in matches])
    return {"matches": matches, "profile": profile, "applied_ids": applied}


@register.inclusion_tag("recruitment/includes/invited_for_you.html", takes_context=True)
def invited_for_you(context, user, limit=3):
    """On the candidate's dashboard: the vacancies a recruiter invited them to apply to (open, not applied yet),
    each with why it fits and one click to the apply page."""
    profile = getattr(user, "candidate_profile", None) if getattr(user, "is_candidate", False) else None
    items = invitations_for_candidate(profile=profile, limit=limit) if profile else []
    return {"items": items, "SITE_NAME": context.get("SITE_NAME", "")}


@register.inclusion_tag("recruitment/includes/introductions_for_you.html", takes_context=True)
def introductions_for_you(context, user, limit=5):
    """On the candidate's dashboard: introductions (and requests to reveal) waiting for their answer."""
    profile = getattr(user, "candidate_profile", None) if getattr(user, "is_candidate", False) else None
    items = introductions_awaiting(profile=profile, limit=limit) if profile else []
    return {"items": items, "SITE_NAME": context.get("SITE_NAME", "")}


@register.inclusion_tag("recruitment/includes/interviews_for_you.html")
def interviews_for_you(user, limit=5):
    """On the candidate's dashboard: interviews to pick a time for, and the confirmed ones to come."""
    if not getattr(user, "is_candidate", False):
        return {"items": []}
    items = list(
        Interview.objects.for_candidate(user)
        .open()
        .select_related("application__vacancy__company")
        .order_by("starts_at", "-created_at")[:limit]
    )
    return {"items": items}


@register.inclusion_tag("recruitment/includes/client_introductions.html")
def client_introductions(company):
    """On the employer's dashboard: how many introductions wait for an answer (one query)."""
    waiting = Introduction.objects.for_company(company.pk).filter(status=Introduction.Status.WITH_CLIENT).count()
    return {"waiting": waiting}


@register.inclusion_tag("recruitment/includes/match_explained.html")
def match_explained(user, vacancy):
    """On a vacancy page: why this role matches the logged-in candidate, or why it does not (nothing for
    anyone else)."""
    return {"fit": vacancy_fit(user=user, vacancy=vacancy)}


@register.simple_tag
def board_cards(user, cards):
    """The board's shared cards ([(vacancy id, HTML)]) with the visitor's own fit filled in at each card's
    FIT_MARK: their score and an "Applied" badge (two queries for a candidate, none for anyone else)."""
    fits = board_fit(user=user, vacancy_ids=[pk for pk, _html in cards])
    parts = []
    for pk, html in cards:
        fit = fits.get(pk)
        badges = render_to_string("recruitment/includes/card_fit.html", {"fit": fit}).strip() if fit else ""
        parts.append(html.replace(FIT_MARK, badges, 1))
    return mark_safe("".join(parts))  # noqa: S308 - the cards and badges are our templates' output


@register.filter
def score_display(score) -> str:
    """A match score, the one way pages and emails show it: "77% match"."""
    if score is None or score == "":
        return ""
    return f"{score}% match"


@register.filter
def status_badge(status: str) -> str:
    """The tone of a criterion's points: met is good news (success); partial is neutral (information), not a
    warning (a salary floor inside the band is fine); missed is muted."""
    return {"met": "text-bg-success", "partial": "text-bg-info", "missed": "text-bg-secondary"}.get(
        status, "text-bg-light"
    )
