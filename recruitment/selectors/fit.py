"""A candidate's own fit where they browse: the board's cards and a vacancy's page.

The board's cards are shared by every visitor (cached); these reads fill in the visitor's own part after, in a
fixed number of queries. Scores are the stored Match rows (the same the alerts and the workspace use); a
vacancy page with no stored match scores the pair on the fly with the one scoring function."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from accounts.models import CandidateProfile
from recruitment.matching.loading import score
from recruitment.models import Match
from vacancies.models import Application, Vacancy


@dataclass(frozen=True)
class CardFit:
    score: int | None = None
    applied: bool = False


def is_strong_fit(score: int | None) -> bool:
    """Whether a score may be called a fit in words ("Why you fit"): at or above the alert threshold. Below it,
    the product says "How you compare" and lets the reasons speak."""
    return score is not None and score >= settings.MATCH_ALERT_THRESHOLD


def board_fit(*, user, vacancy_ids: list[int]) -> dict[int, CardFit]:
    """{vacancy id: CardFit} for a logged-in candidate (two queries: their matches and their applications
    among these vacancies); {} for anyone else, without a query."""
    if not (getattr(user, "is_candidate", False) and vacancy_ids):
        return {}
    scores = dict(
        Match.objects.filter(candidate__user_id=user.pk, vacancy_id__in=vacancy_ids).values_list("vacancy_id", "score")
    )
    applied = set(
        Application.objects.filter(candidate_id=user.pk, vacancy_id__in=vacancy_ids).values_list(
            "vacancy_id", flat=True
        )
    )
    return {pk: CardFit(scores.get(pk), pk in applied) for pk in vacancy_ids if pk in scores or pk in applied}


def applied_vacancy_ids(*, user, vacancy_ids: list[int]) -> set[int]:
    """Which of these vacancies the candidate applied to (one query; none for an empty list)."""
    if not vacancy_ids:
        return set()
    return set(
        Application.objects.filter(candidate_id=user.pk, vacancy_id__in=vacancy_ids).values_list(
            "vacancy_id", flat=True
        )
    )


@dataclass(frozen=True)
class VacancyFit:
    """What a vacancy page tells a candidate about their fit: matched (at or above the alert threshold) or not,
    and why."""

    score: int
    matched: bool
    breakdown: list[dict] = field(default_factory=list)
    exclusion_reason: str = ""
    must_have_misses: list[str] = field(default_factory=list)


def vacancy_fit(*, user, vacancy: Vacancy) -> VacancyFit | None:
    """The candidate's stored match with this vacancy; without one (below the stored minimum, excluded, or
    not computed yet) the pair scored now. None for anyone but a candidate with a profile."""
    if not getattr(user, "is_candidate", False):
        return None
    threshold = settings.MATCH_ALERT_THRESHOLD
    match = Match.objects.filter(candidate__user_id=user.pk, vacancy=vacancy).first()
    if match is not None:
        misses = [item["must_have"] for item in match.breakdown if item.get("must_have")]
        return VacancyFit(match.score, match.score >= threshold, match.breakdown, "", misses)
    profile = CandidateProfile.objects.filter(user_id=user.pk).first()
    if profile is None:
        return None
    result = score(profile, vacancy)
    return VacancyFit(
        result.score,
        not result.excluded and result.score >= threshold,
        result.breakdown(),
        result.exclusion_reason,
        result.must_have_misses,
    )
