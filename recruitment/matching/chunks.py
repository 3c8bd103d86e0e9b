"""Fan-out: one vacancy's ranking split into chunks of candidate ids, scored apart and merged.

`vacancy_chunks` splits the short list (the candidates the hard filters keep) into ranges of at most
MATCH_CHUNK_SIZE candidate ids; `vacancy_match_chunk` scores one range and returns its best
MATCH_KEEP_PER_VACANCY (plus those an alert links to) as light rows; `vacancy_match_merge` merges the
chunks' rows into the vacancy's best and stores them with the same code as `vacancy_match`. The stored
rows are the same as `vacancy_match`'s: a chunk's best contain every row of the overall best that falls
in its range (the order is score, then candidate id, in both).

A chunk's result is small whatever the chunk's size: its best rows, each a candidate id, a score and the
breakdown as indices into the chunk's distinct criteria (candidates share most of them).

Imports go one way: chunks -> storing -> loading -> scoring.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from recruitment.matching.loading import candidates_for_vacancy, role_ladder
from recruitment.matching.scoring import criterion_dict
from recruitment.matching.storing import (
    ScoredMatch,
    best_of,
    gc_paused,
    linked_rows,
    vacancy_store,
    vacancy_top,
)
from recruitment.models import Match
from vacancies.models import Vacancy


def _open_vacancy(vacancy_id: int) -> Vacancy | None:
    return Vacancy.objects.select_related("industry").filter(pk=vacancy_id).first()


def _linked(vacancy: Vacancy, id_range: tuple[int, int] | None = None) -> set[int]:
    rows: QuerySet[Match] = Match.objects.filter(vacancy=vacancy).filter(linked_rows())
    if id_range:
        rows = rows.filter(candidate_id__gte=id_range[0], candidate_id__lte=id_range[1])
    return set(rows.values_list("candidate_id", flat=True))


def vacancy_chunks(*, vacancy: Vacancy, size: int | None = None) -> list[tuple[int, int]]:
    """The short list of `vacancy` as (first, last) candidate id ranges of at most `size` candidates
    (MATCH_CHUNK_SIZE), in id order; none for a closed vacancy (`vacancy_match` clears its rows)."""
    if not vacancy.is_open:
        return []
    size = max(1, size or settings.MATCH_CHUNK_SIZE)
    ids = list(candidates_for_vacancy(vacancy, role_ladder()).order_by("pk").values_list("pk", flat=True))
    return [(ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)]


def vacancy_match_chunk(*, vacancy_id: int, first: int, last: int) -> dict:
    """Score the short-listed candidates with ids first..last; return their best rows, light:
    {"first", "last", "criteria": [breakdown entries], "rows": [[candidate id, score, [criteria indices]]]}.
    Reads only: running it twice (a redelivered message) gives the same answer."""
    vacancy = _open_vacancy(vacancy_id)
    if vacancy is None or not vacancy.is_open:
        return {"first": first, "last": last, "criteria": [], "rows": []}
    span = (first, last)
    with gc_paused():
        found = vacancy_top(vacancy, linked=_linked(vacancy, span), id_range=span)
        index: dict[int, int] = {}  # id(Criterion) -> its position in "criteria" (the memo shares them)
        criteria: list[dict] = []
        rows = []
        for value, cfacts, _vfacts, result in found:
            positions = []
            for criterion in result.criteria:
                position = index.get(id(criterion))
                if position is None:
                    position = index[id(criterion)] = len(criteria)
                    criteria.append(criterion_dict(criterion))
                positions.append(position)
            rows.append([cfacts.id, value, positions])
    return {"first": first, "last": last, "criteria": criteria, "rows": rows}


def _missing(parts: list[dict], chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    done = {(part["first"], part["last"]) for part in parts}
    return [tuple(chunk) for chunk in chunks if tuple(chunk) not in done]


def vacancy_match_merge(*, vacancy: Vacancy, chunks: list[tuple[int, int]], parts: list[dict]) -> list[ScoredMatch]:
    """Merge the chunks' results (`vacancy_match_chunk`) into the vacancy's best rows and store them
    (as `vacancy_match` does); returns what it stored, best first.

    A chunk of the plan missing from `parts` (or a part twice, as a redelivered message may leave it) is
    no error: a missing chunk is scored here, a duplicate counted once. Storing is an upsert, so merging
    again stores the same rows."""
    vacancy = _open_vacancy(vacancy.pk)
    now = timezone.now()
    if vacancy is None:
        return []
    if not vacancy.is_open:
        Match.objects.filter(vacancy=vacancy).delete()
        return []
    parts = list({(part["first"], part["last"]): part for part in parts}.values())
    for first, last in _missing(parts, chunks):
        parts.append(vacancy_match_chunk(vacancy_id=vacancy.pk, first=first, last=last))
    entries = []
    for number, part in enumerate(parts):
        entries.extend((score, candidate_id, number, positions) for candidate_id, score, positions in part["rows"])
    keep = settings.MATCH_KEEP_PER_VACANCY
    found = best_of(entries, keep=keep, other=lambda entry: entry[1], linked=_linked(vacancy))
    texts_of: dict[tuple[int, int], str] = {}
    rows: list[ScoredMatch] = []
    texts: list[str] = []
    for score, candidate_id, number, positions in found:
        criteria = parts[number]["criteria"]
        jsons = []
        for position in positions:
            text = texts_of.get((number, position))
            if text is None:
                text = texts_of[number, position] = json.dumps(criteria[position], ensure_ascii=False)
            jsons.append(text)
        rows.append(ScoredMatch(candidate_id, vacancy.pk, score, [criteria[p] for p in positions], now))
        texts.append("[" + ", ".join(jsons) + "]")
    vacancy_store(rows, texts, vacancy=vacancy, now=now)
    return rows
