"""Storing: score the short list and upsert the results as Match rows.

`vacancy_match` ranks one vacancy against every candidate who could fit it, `candidate_match` one
candidate against every open vacancy; both replace the Match rows of that vacancy (or candidate) and
return what they stored, best first. They compute and store only: writing alerts is
`recruitment.outbox.alerts`' job, enqueueing it the caller's.

Imports go one way: storing -> loading -> scoring.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
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
from recruitment.matching.scoring import RoleLadder, criterion_dict, score_facts
from recruitment.models import Match
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


def _scored_rows(pairs, *, ladder: RoleLadder, now) -> tuple[list[ScoredMatch], list[str]]:
    """Score (candidate, vacancy) fact pairs; keep the ones worth storing, with each breakdown's JSON.

    A batch shares one memo, and each distinct criterion is turned into a dict and JSON once."""
    minimum = settings.MATCH_STORE_MIN_SCORE
    memo: dict = {}
    encoded: dict[int, tuple[dict, str]] = {}
    rows: list[ScoredMatch] = []
    texts: list[str] = []
    for cfacts, vfacts in pairs:
        result = score_facts(cfacts, vfacts, ladder, memo)
        if result.excluded or result.score < minimum:
            continue
        dicts, jsons = [], []
        for criterion in result.criteria:
            # The memo hands out the same Criterion objects, alive for the whole batch: key by identity.
            part = encoded.get(id(criterion))
            if part is None:
                as_dict = criterion_dict(criterion)
                part = encoded[id(criterion)] = (as_dict, json.dumps(as_dict, ensure_ascii=False))
            dicts.append(part[0])
            jsons.append(part[1])
        rows.append(ScoredMatch(cfacts.id, vfacts.id, result.score, dicts, now))
        texts.append("[" + ", ".join(jsons) + "]")
    return rows, texts


STORE_BATCH = 2000


def _store(rows: list[ScoredMatch], texts: list[str], *, scope: QuerySet[Match], now) -> None:
    """Upsert the rows (INSERT ... ON CONFLICT in batches, SQLite and PostgreSQL alike), then drop the
    matches in `scope` (one vacancy's, or one candidate's) that this run did not compute."""
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
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(params), STORE_BATCH):
            cursor.executemany(sql, params[start : start + STORE_BATCH])
        scope.filter(computed_at__lt=now).delete()


def vacancy_match(*, vacancy: Vacancy) -> list[ScoredMatch]:
    """(Re)compute the matches of one vacancy against every candidate who could fit it."""
    vacancy = Vacancy.objects.select_related("industry").get(pk=vacancy.pk)
    now = timezone.now()
    if not vacancy.is_open:
        Match.objects.filter(vacancy=vacancy).delete()
        return []
    ladder = role_ladder()
    vfacts = vacancy_facts(vacancy)
    facts = candidate_facts_bulk(
        candidates_for_vacancy(vacancy, ladder),
        skill_ids=set(vfacts.required_skills) | set(vfacts.nice_skills),
        industry_id=vfacts.industry_id,
    )
    rows, texts = _scored_rows(((cfacts, vfacts) for cfacts in facts), ladder=ladder, now=now)
    _store(rows, texts, scope=Match.objects.filter(vacancy=vacancy), now=now)
    rows.sort(key=lambda m: (-m.score, m.candidate_id))
    return rows


def candidate_match(*, profile: CandidateProfile) -> list[ScoredMatch]:
    """(Re)compute one candidate's matches against every open vacancy that could fit them."""
    profile = CandidateProfile.objects.prefetch_related("role_families", "skills", "industries").get(pk=profile.pk)
    now = timezone.now()
    if not profile.open_to_opportunities or not profile.user.is_active:
        Match.objects.filter(candidate=profile).delete()
        return []
    ladder = role_ladder()
    cfacts = candidate_facts(profile)
    pairs = ((cfacts, vfacts) for vfacts in vacancy_facts_bulk(vacancies_for_candidate(profile, ladder)))
    rows, texts = _scored_rows(pairs, ladder=ladder, now=now)
    _store(rows, texts, scope=Match.objects.filter(candidate=profile), now=now)
    rows.sort(key=lambda m: (-m.score, m.vacancy_id))
    return rows
