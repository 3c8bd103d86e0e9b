"""Storing: score the short list and upsert the results as Match rows.

`vacancy_match` ranks one vacancy against every candidate who could fit it, `candidate_match` one
candidate against every open vacancy; both replace the Match rows of that vacancy (or candidate) with the
best few (MATCH_KEEP_PER_VACANCY / MATCH_KEEP_PER_CANDIDATE, plus any row an alert links to) and return
what they stored, best first. Storage stays bounded both ways: after storing a vacancy's rows, any of its
candidates holding more than their quota loses their worst rows (and the other way round). They compute
and store only: writing alerts is `recruitment.emails.alerts`' job (`recruitment.matching.alerting` does both).

Imports go one way: storing -> loading -> scoring.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.matching.loading import (
    candidate_facts,
    candidate_facts_bulk,
    candidates_for_vacancy,
    role_ladder,
    vacancies_for_candidate,
    vacancy_facts,
    vacancy_facts_bulk,
)
from recruitment.matching.scoring import (
    CandidateFacts,
    MatchResult,
    RoleLadder,
    VacancyFacts,
    criterion_dict,
    score_facts,
)
from recruitment.models import Match, Notification
from vacancies.models import Vacancy


@dataclass(frozen=True, slots=True)
class ScoredMatch:
    """A match as `vacancy_match` / `candidate_match` stored it: the Match row's values, without a
    model instance per row (ranking 100,000 candidates should not build 100,000 of them)."""

    candidate_id: int
    vacancy_id: int
    score: int
    breakdown: list[dict]
    computed_at: datetime.datetime


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch builds its facts and scores.

    Ranking builds a few hundred thousand small tuples that live until the batch ends; each automatic
    collection walks every live object, so collections grow with the batch and the time grew faster than
    the data (x10.4-x21 for x10 candidates). The batch makes no reference cycles; what it leaves is freed
    by reference counting, and the collector runs again (as it was) afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _scored(pairs, *, ladder: RoleLadder) -> list[tuple[int, int, CandidateFacts, VacancyFacts, MatchResult]]:
    """Score (candidate, vacancy) fact pairs and keep the ones worth storing, as (score, facts, result).

    A batch shares one memo: equal facts give the same Criterion objects, which `_encode` relies on."""
    minimum = settings.MATCH_STORE_MIN_SCORE
    memo: dict = {}
    found = []
    for cfacts, vfacts in pairs:
        result = score_facts(cfacts, vfacts, ladder, memo)
        if not result.excluded and result.score >= minimum:
            found.append((result.score, cfacts, vfacts, result))
    return found


def best_of(found: list, *, keep: int, other, linked: set[int]) -> list:
    """The best `keep` of `found` (by score, then `other(entry)`, the id of the other side), plus the
    ones whose other side is in `linked` (an alert links to their Match row)."""
    # Only entries scoring at least the keep-th best score can be among the best `keep`: sort those (a
    # few hundred of 100,000) and the linked ones below, which come after them in the same order anyway.
    counts = Counter([entry[0] for entry in found])
    cutoff, seen = 0, 0
    for value in sorted(counts, reverse=True):
        seen += counts[value]
        cutoff = value
        if seen >= keep:
            break
    top = [entry for entry in found if entry[0] >= cutoff]
    rest = [entry for entry in found if entry[0] < cutoff and other(entry) in linked] if linked else []

    def order(entry):
        return (-entry[0], other(entry))

    top.sort(key=order)
    rest.sort(key=order)
    return top[:keep] + [entry for entry in top[keep:] if other(entry) in linked] + rest


def _encode(found: list, *, now) -> tuple[list[ScoredMatch], list[str]]:
    """The rows to store with each breakdown's JSON; each distinct criterion is encoded once."""
    encoded: dict[int, tuple[dict, str]] = {}
    rows: list[ScoredMatch] = []
    texts: list[str] = []
    for value, cfacts, vfacts, result in found:
        dicts, jsons = [], []
        for criterion in result.criteria:
            # The memo hands out the same Criterion objects, alive for the whole batch: key by identity.
            part = encoded.get(id(criterion))
            if part is None:
                as_dict = criterion_dict(criterion)
                part = encoded[id(criterion)] = (as_dict, json.dumps(as_dict, ensure_ascii=False))
            dicts.append(part[0])
            jsons.append(part[1])
        rows.append(ScoredMatch(cfacts.id, vfacts.id, value, dicts, now))
        texts.append("[" + ", ".join(jsons) + "]")
    return rows, texts


def linked_rows() -> Exists:
    """Match rows an alert links to (Notification.match): kept whatever their rank."""
    return Exists(Notification.objects.filter(match=OuterRef("pk")))


def _trim(*, field: str, among: QuerySet, keep: int) -> None:
    """For each `field` value ("candidate_id" or "vacancy_id") in `among` that holds more than `keep`
    matches, delete its matches past the best `keep`, except those an alert links to. Rare: one
    grouped count query when nobody is over."""
    over = (
        Match.objects.filter(**{f"{field}__in": among})
        .values(field)
        .annotate(n=Count("pk"))
        .filter(n__gt=keep)
        .values_list(field, flat=True)
    )
    other = "vacancy_id" if field == "candidate_id" else "candidate_id"
    for value in list(over):
        rows = Match.objects.filter(**{field: value})
        best = list(rows.order_by("-score", other).values_list("pk", flat=True)[:keep])
        rows.exclude(pk__in=best).exclude(linked_rows()).delete()


STORE_BATCH = 2000


def _store(rows: list[ScoredMatch], texts: list[str], *, scope: QuerySet[Match], now) -> None:
    """Upsert the rows (INSERT ... ON CONFLICT in batches, SQLite and PostgreSQL alike; the caller holds a
    transaction), then drop the
    matches in `scope` (one vacancy's, or one candidate's) that this run did not store, except those an
    alert links to."""
    table = connection.ops.quote_name(Match._meta.db_table)
    json_value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {table} (candidate_id, vacancy_id, score, breakdown, computed_at) "  # noqa: S608 - names only
        f"VALUES (%s, %s, %s, {json_value}, %s) "
        "ON CONFLICT (candidate_id, vacancy_id) DO UPDATE SET "
        "score = excluded.score, breakdown = excluded.breakdown, computed_at = excluded.computed_at"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    params = [(row.candidate_id, row.vacancy_id, row.score, text, at) for row, text in zip(rows, texts, strict=True)]
    with connection.cursor() as cursor:
        for start in range(0, len(params), STORE_BATCH):
            cursor.executemany(sql, params[start : start + STORE_BATCH])
        scope.filter(computed_at__lt=now).exclude(linked_rows()).delete()


def vacancy_match(*, vacancy: Vacancy) -> list[ScoredMatch]:
    """(Re)compute the matches of one vacancy against every candidate who could fit it; store the best
    MATCH_KEEP_PER_VACANCY (plus those an alert links to), and trim candidates past MATCH_KEEP_PER_CANDIDATE."""
    vacancy = Vacancy.objects.select_related("industry").get(pk=vacancy.pk)
    now = timezone.now()
    scope = Match.objects.filter(vacancy=vacancy)
    if not vacancy.is_open:
        scope.delete()
        return []
    linked = set(scope.filter(linked_rows()).values_list("candidate_id", flat=True))
    with gc_paused():
        found = vacancy_top(vacancy, linked=linked)
        rows, texts = _encode(found, now=now)
    vacancy_store(rows, texts, vacancy=vacancy, now=now)
    return rows


def vacancy_top(vacancy: Vacancy, *, linked: set[int], id_range: tuple[int, int] | None = None) -> list:
    """Score the candidates who could fit `vacancy` (those with ids in `id_range` only, if given) and
    return the best MATCH_KEEP_PER_VACANCY plus those in `linked`, best first, as (score, candidate facts,
    vacancy facts, result). `vacancy` comes with its industry (select_related)."""
    ladder = role_ladder()
    vfacts = vacancy_facts(vacancy)
    candidates = candidates_for_vacancy(vacancy, ladder)
    if id_range:
        candidates = candidates.filter(pk__range=id_range)
    facts = candidate_facts_bulk(
        candidates,
        skill_ids=set(vfacts.required_skills) | set(vfacts.nice_skills),
        industry_ids={vfacts.industry_id, *vfacts.related_industry_ids} - {None},
        id_range=id_range,
    )
    return best_of(
        _scored(((cfacts, vfacts) for cfacts in facts), ladder=ladder),
        keep=settings.MATCH_KEEP_PER_VACANCY,
        other=lambda entry: entry[1].id,
        linked=linked,
    )


def vacancy_store(rows: list[ScoredMatch], texts: list[str], *, vacancy: Vacancy, now) -> None:
    """Store a vacancy's best rows (with their breakdowns' JSON), drop its other unlinked rows, and trim
    its candidates past MATCH_KEEP_PER_CANDIDATE."""
    scope = Match.objects.filter(vacancy=vacancy)
    with transaction.atomic():
        _store(rows, texts, scope=scope, now=now)
        _trim(field="candidate_id", among=scope.values("candidate_id"), keep=settings.MATCH_KEEP_PER_CANDIDATE)


def candidate_match(*, profile: CandidateProfile) -> list[ScoredMatch]:
    """(Re)compute one candidate's matches against every open vacancy that could fit them; store the best
    MATCH_KEEP_PER_CANDIDATE (plus those an alert links to), and trim vacancies past MATCH_KEEP_PER_VACANCY."""
    profile = CandidateProfile.objects.prefetch_related("role_families", "skills", "industries").get(pk=profile.pk)
    now = timezone.now()
    scope = Match.objects.filter(candidate=profile)
    if not profile.open_to_opportunities or not profile.user.is_active:
        scope.delete()
        return []
    ladder = role_ladder()
    cfacts = candidate_facts(profile)
    pairs = ((cfacts, vfacts) for vfacts in vacancy_facts_bulk(vacancies_for_candidate(profile, ladder)))
    linked = set(scope.filter(linked_rows()).values_list("vacancy_id", flat=True))
    found = best_of(
        _scored(pairs, ladder=ladder),
        keep=settings.MATCH_KEEP_PER_CANDIDATE,
        other=lambda entry: entry[2].id,
        linked=linked,
    )
    rows, texts = _encode(found, now=now)
    with transaction.atomic():
        _store(rows, texts, scope=scope, now=now)
        _trim(field="vacancy_id", among=scope.values("vacancy_id"), keep=settings.MATCH_KEEP_PER_VACANCY)
    return rows
