"""Reads for the workspace's ranked-candidates page of a vacancy: its stored Match rows filtered and sorted in
SQL (score, country, city, remote preference, salary floor in euros, contact state), and each candidate's
contact states with this vacancy (applied, invited) as badges.

Contact states are data: `CONTACT_STATES` lists each one with the subquery of the candidates in it and the
badges it shows. A new state (an introduction to the client) is one more `ContactState` here: the page's
state filter, its "not yet contacted" choice and its badges follow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from accounts.money import eur_expression
from recruitment.models import Invitation, Match
from recruitment.models.introductions import Introduction
from vacancies.models import Application, Vacancy


@dataclass(frozen=True)
class StateBadge:
    key: str
    text: str
    at: Any = None  # when it happened, for the template's date filter


@dataclass(frozen=True)
class ContactState:
    """One way a candidate can already be in touch about a vacancy.

    `members(vacancy)` is a queryset whose rows hold the candidate's profile id as `OuterRef("candidate_id")`
    compares it (filtered on the outer Match row); `badges(vacancy, profile_ids)` gives, in one query, the
    badge of each of those candidates who is in this state."""

    key: str
    label: str
    members: Callable[[Vacancy], QuerySet]
    badges: Callable[[Vacancy, list[int]], dict[int, StateBadge]]


def _applied_members(vacancy: Vacancy) -> QuerySet:
    return Application.objects.filter(vacancy=vacancy, candidate_id=OuterRef("candidate__user_id"))


def _applied_badges(vacancy: Vacancy, profile_ids: list[int]) -> dict[int, StateBadge]:
    rows = Application.objects.filter(vacancy=vacancy, candidate__candidate_profile__in=profile_ids).values_list(
        "candidate__candidate_profile", "stage", "created_at"
    )
    return {
        profile_id: StateBadge("applied", f"Applied · {Application.Stage(stage).label}", at)
        for profile_id, stage, at in rows
    }


def _invited_members(vacancy: Vacancy) -> QuerySet:
    return Invitation.objects.filter(vacancy=vacancy, candidate_id=OuterRef("candidate_id"))


def _invited_badges(vacancy: Vacancy, profile_ids: list[int]) -> dict[int, StateBadge]:
    rows = Invitation.objects.filter(vacancy=vacancy, candidate_id__in=profile_ids).values_list(
        "candidate_id", "created_at"
    )
    return {profile_id: StateBadge("invited", "Invited", at) for profile_id, at in rows}


def _introduced_members(vacancy: Vacancy) -> QuerySet:
    return Introduction.objects.filter(vacancy=vacancy, candidate_id=OuterRef("candidate_id"))


def _introduced_badges(vacancy: Vacancy, profile_ids: list[int]) -> dict[int, StateBadge]:
    rows = Introduction.objects.filter(vacancy=vacancy, candidate_id__in=profile_ids).values_list(
        "candidate_id", "status", "created_at"
    )
    return {
        profile_id: StateBadge("introduced", f"Introduced · {Introduction.Status(status).label}", at)
        for profile_id, status, at in rows
    }


CONTACT_STATES: tuple[ContactState, ...] = (
    ContactState("applied", "Applied", _applied_members, _applied_badges),
    ContactState("invited", "Invited", _invited_members, _invited_badges),
    ContactState("introduced", "Introduced", _introduced_members, _introduced_badges),
)
NOT_CONTACTED = "none"


def contact_states(*, vacancy: Vacancy, profile_ids: list[int]) -> dict[int, list[StateBadge]]:
    """Each candidate's badges for this vacancy, in CONTACT_STATES order: one query per state."""
    states: dict[int, list[StateBadge]] = {profile_id: [] for profile_id in profile_ids}
    if not profile_ids:
        return states
    for state in CONTACT_STATES:
        for profile_id, badge in state.badges(vacancy, profile_ids).items():
            states.setdefault(profile_id, []).append(badge)
    return states


# --- Filters and sorts -------------------------------------------------------------------------

# Sort key -> (label, ORDER BY); every order ends on the candidate's id so pages never overlap.
SORTS: dict[str, tuple[str, tuple]] = {
    "score": ("Score (best first)", ("-score", "candidate_id")),
    "years": (
        "Years of experience (most first)",
        (F("candidate__years_experience").desc(nulls_last=True), "-score", "candidate_id"),
    ),
    "salary": ("Salary floor in EUR (lowest first)", (F("floor_eur").asc(nulls_last=True), "-score", "candidate_id")),
    "active": ("Profile updated (most recent first)", ("-candidate__updated_at", "-score", "candidate_id")),
}
DEFAULT_SORT = "score"

# What a row of the page reads: the match and the candidate's headline facts, nothing else.
ROW_FIELDS = (
    "id",
    "score",
    "breakdown",
    "computed_at",
    "vacancy_id",
    "candidate_id",
    "candidate__id",
    "candidate__user_id",
    "candidate__headline",
    "candidate__current_title",
    "candidate__years_experience",
    "candidate__city",
    "candidate__country",
    "candidate__remote_preference",
    "candidate__salary_floor",
    "candidate__salary_currency",
    "candidate__updated_at",
    "candidate__user__id",
    "candidate__user__email",
    "candidate__user__first_name",
    "candidate__user__last_name",
)


def ranked_candidates(
    *,
    vacancy: Vacancy,
    min_score: int | None = None,
    country: str = "",
    city: str = "",
    remote: str = "",
    max_floor_eur: int | None = None,
    state: str = "",
    sort: str = DEFAULT_SORT,
) -> QuerySet[Match]:
    """The vacancy's stored matches with the candidates' headline facts, filtered and sorted in SQL.

    `max_floor_eur` keeps candidates whose salary floor, in euros at the reference rates, is at most that
    (and those who gave none). `state` is a CONTACT_STATES key (candidates in that state) or NOT_CONTACTED
    (in none of them)."""
    qs = Match.objects.filter(vacancy=vacancy).select_related("candidate__user").only(*ROW_FIELDS)
    if max_floor_eur is not None or sort == "salary":
        # Only then: counting the page's rows needs no join to the candidates otherwise.
        qs = qs.annotate(floor_eur=eur_expression("candidate__salary_floor", "candidate__salary_currency"))
    if min_score is not None:
        qs = qs.filter(score__gte=min_score)
    if country:
        qs = qs.filter(candidate__country=country)
    if city:
        qs = qs.filter(candidate__city__icontains=city)
    if remote:
        qs = qs.filter(candidate__remote_preference=remote)
    if max_floor_eur is not None:
        qs = qs.filter(Q(floor_eur__lte=max_floor_eur) | Q(candidate__salary_floor__isnull=True))
    states = {s.key: s for s in CONTACT_STATES}
    if state in states:
        qs = qs.filter(Exists(states[state].members(vacancy)))
    elif state == NOT_CONTACTED:
        for contact in CONTACT_STATES:
            qs = qs.filter(~Exists(contact.members(vacancy)))
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT])[1])


def ranked_countries(*, vacancy: Vacancy) -> list[str]:
    """The countries of the vacancy's ranked candidates (ISO codes), for the country filter: one query."""
    return list(
        Match.objects.filter(vacancy=vacancy)
        .exclude(candidate__country="")
        .values_list("candidate__country", flat=True)
        .distinct()
        .order_by()
    )


def matches_of(*, vacancy: Vacancy, profile_ids: list[int]) -> list[Match]:
    """The vacancy's matches of these candidates, best first (a bulk action's selection): one query."""
    return list(
        Match.objects.filter(vacancy=vacancy, candidate_id__in=profile_ids)
        .select_related("candidate__user")
        .order_by("-score", "candidate_id")
    )
