"""The fan-out of one vacancy's ranking (recruitment.matching.chunks): chunks of candidate ids scored
apart and merged store exactly the rows `vacancy_match` stores, alerts included, and merging again (a
redelivered message) changes nothing. The same through real Redis and worker processes:
tests/integration/test_matching_fanout.py."""

from __future__ import annotations

import json
import random

import pytest

from recruitment import matching, tasks
from recruitment.matching import vacancy_chunks, vacancy_match, vacancy_match_chunk, vacancy_match_merge
from recruitment.matching.alerting import vacancy_match_and_alert, vacancy_match_merge_and_alert
from recruitment.models import Match, Notification
from tests.support.matching_data import broad_vacancy, varied_candidates

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_keep(settings):
    settings.MATCH_KEEP_PER_VACANCY = 40
    settings.MATCH_ALERTS_PER_VACANCY = 12
    settings.MATCH_CHUNK_SIZE = 17


@pytest.fixture
def vacancy(small_keep):
    varied_candidates(160)
    return broad_vacancy()


def stored(vacancy) -> list[tuple]:
    return sorted(Match.objects.filter(vacancy=vacancy).values_list("candidate_id", "score", "breakdown"))


def alerts(vacancy) -> list[tuple]:
    return sorted(
        Notification.objects.filter(vacancy=vacancy).values_list(
            "recipient_id", "status", "match__candidate_id", "context", "dedupe_key"
        )
    )


def as_rows(rows) -> list[tuple]:
    return [(row.candidate_id, row.vacancy_id, row.score, row.breakdown) for row in rows]


def chunk_results(vacancy) -> tuple[list, list]:
    """The plan and every chunk's result, through JSON as the result backend carries them."""
    chunks = vacancy_chunks(vacancy=vacancy)
    parts = [vacancy_match_chunk(vacancy_id=vacancy.pk, first=first, last=last) for first, last in chunks]
    return json.loads(json.dumps(chunks)), json.loads(json.dumps(parts))


def test_chunks_cover_the_short_list_in_id_order(vacancy):
    chunks = vacancy_chunks(vacancy=vacancy)
    shortlist = list(matching.candidates_for_vacancy(vacancy).order_by("pk").values_list("pk", flat=True))
    assert len(chunks) == -(-len(shortlist) // 17) >= 5
    covered = [pk for first, last in chunks for pk in shortlist if first <= pk <= last]
    assert covered == shortlist


def test_merged_chunks_store_the_same_rows_as_one_batch(vacancy):
    expected = as_rows(vacancy_match(vacancy=vacancy))
    expected_stored = stored(vacancy)
    assert len(expected) == 40  # the best 40 of more: the chunks' bests are cut, then merged
    assert len({row[2] for row in expected}) > 5  # many distinct scores
    Match.objects.filter(vacancy=vacancy).delete()

    chunks, parts = chunk_results(vacancy)
    random.Random(1).shuffle(parts)  # the chord hands results in any order
    merged = as_rows(vacancy_match_merge(vacancy=vacancy, chunks=chunks, parts=parts))

    assert merged == expected
    assert stored(vacancy) == expected_stored
    assert all(len(json.dumps(part)) < 20_000 for part in parts)  # light: the best rows only


def test_rows_an_alert_links_to_are_kept_by_the_merge_as_by_one_batch(vacancy, settings):
    vacancy_match_and_alert(vacancy=vacancy)
    linked = set(Notification.objects.filter(vacancy=vacancy).values_list("match__candidate_id", flat=True))
    assert len(linked) == 12
    settings.MATCH_KEEP_PER_VACANCY = 5
    expected = as_rows(vacancy_match(vacancy=vacancy))
    expected_stored = stored(vacancy)
    assert len(expected) > 5
    assert linked <= {row[0] for row in expected}

    chunks, parts = chunk_results(vacancy)
    assert as_rows(vacancy_match_merge(vacancy=vacancy, chunks=chunks, parts=parts)) == expected
    assert stored(vacancy) == expected_stored


def test_a_missing_chunk_is_scored_by_the_merge_and_a_duplicate_counted_once(vacancy):
    expected = as_rows(vacancy_match(vacancy=vacancy))
    Match.objects.filter(vacancy=vacancy).delete()
    chunks, parts = chunk_results(vacancy)

    damaged = [parts[0], parts[0], *parts[2:]]  # chunk 1 lost, chunk 0 delivered twice
    assert as_rows(vacancy_match_merge(vacancy=vacancy, chunks=chunks, parts=damaged)) == expected


def test_the_merge_writes_the_same_alerts_as_one_batch_and_never_twice(vacancy):
    vacancy_match_and_alert(vacancy=vacancy)
    expected_alerts = alerts(vacancy)
    expected_stored = stored(vacancy)
    assert len(expected_alerts) == 12  # MATCH_ALERTS_PER_VACANCY
    Notification.objects.filter(vacancy=vacancy).delete()
    Match.objects.filter(vacancy=vacancy).delete()

    chunks, parts = chunk_results(vacancy)
    vacancy_match_merge_and_alert(vacancy=vacancy, chunks=chunks, parts=parts)
    assert alerts(vacancy) == expected_alerts
    assert stored(vacancy) == expected_stored

    # The callback's message redelivered (acks_late): the same rows, no second alert.
    assert vacancy_match_merge_and_alert(vacancy=vacancy, chunks=chunks, parts=parts) == []
    assert alerts(vacancy) == expected_alerts
    assert stored(vacancy) == expected_stored


def test_the_task_fans_out_in_chunks_and_stores_what_one_batch_stores(vacancy, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the chord runs here, task by task
    vacancy_match_and_alert(vacancy=vacancy)
    expected_alerts, expected_stored = alerts(vacancy), stored(vacancy)
    Notification.objects.filter(vacancy=vacancy).delete()
    Match.objects.filter(vacancy=vacancy).delete()
    scored = []

    def counting(**kwargs):
        scored.append((kwargs["first"], kwargs["last"]))
        return vacancy_match_chunk(**kwargs)

    monkeypatch.setattr(matching, "vacancy_match_chunk", counting)
    tasks.enqueue(tasks.vacancy_match_and_alert_task, [vacancy.pk])

    assert sorted(scored) == sorted(vacancy_chunks(vacancy=vacancy))  # each chunk once, as a chord task
    assert stored(vacancy) == expected_stored
    assert alerts(vacancy) == expected_alerts


def test_a_short_list_of_one_chunk_is_matched_inline(vacancy, settings, monkeypatch):
    settings.MATCH_CHUNK_SIZE = 10_000
    monkeypatch.setattr(tasks, "_fan_out", lambda *args: pytest.fail("one chunk must not fan out"))
    tasks.vacancy_match_and_alert_task.apply(args=[vacancy.pk])
    assert len(stored(vacancy)) == 40
