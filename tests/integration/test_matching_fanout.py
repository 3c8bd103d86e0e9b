"""Matching one vacancy fanned out over real Celery worker processes and a real Redis (broker and chord
result backend): the Match rows and the alerts are the same with one worker process, with two, and
with the in-process `vacancy_match_and_alert`."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from recruitment import tasks
from recruitment.matching import vacancy_chunks
from recruitment.matching.alerting import MATCH_RUN_LOOKBACK, vacancy_match_and_alert
from recruitment.models import Match, Notification
from recruitment.outbox.enqueue import enqueue
from tests.support.matching_data import broad_vacancy, varied_candidates
from tests.support.services import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Small chunks, so that one vacancy is a dozen chunk tasks; a small K, so that the chunks' bests are cut.
FANOUT_SETTINGS = {"MATCH_CHUNK_SIZE": 20, "MATCH_KEEP_PER_VACANCY": 40, "MATCH_ALERTS_PER_VACANCY": 12}


def done(task: str) -> re.Pattern:
    return re.compile(rf"Task recruitment\.tasks\.{task}\[[0-9a-f-]+\] succeeded")


CHUNK_DONE = done("vacancy_match_chunk_task")
MERGE_DONE = done("vacancy_match_merge_and_alert_task")


@pytest.fixture
def worker_extra_env():
    return {name: str(value) for name, value in FANOUT_SETTINGS.items()}


@pytest.fixture
def fanout_settings(settings):
    for name, value in FANOUT_SETTINGS.items():
        setattr(settings, name, value)


def snapshot(vacancy) -> tuple[list, list]:
    matches = sorted(
        Match.objects.filter(vacancy=vacancy).values_list("candidate_id", "vacancy_id", "score", "breakdown")
    )
    alerts = sorted(
        Notification.objects.filter(vacancy=vacancy).values_list(
            "recipient_id", "status", "match__candidate_id", "context", "dedupe_key"
        )
    )
    return matches, alerts


def clear(vacancy) -> None:
    Notification.objects.filter(vacancy=vacancy).delete()
    Match.objects.filter(vacancy=vacancy).delete()


def fan_out_and_wait(vacancy, expected_alerts: int) -> None:
    assert enqueue(tasks.vacancy_match_and_alert_task, [vacancy.pk])
    # The callback stores the rows and the alerts in one transaction: once they show, all of them do.
    wait_until(
        lambda: Notification.objects.filter(vacancy=vacancy).count() == expected_alerts,
        timeout=120,
        interval=0.2,
        what="the chord's callback to store the matches and alerts",
    )


def chunks_done(*workers, pattern: re.Pattern = CHUNK_DONE) -> int:
    return sum(len(pattern.findall(worker.log_path.read_text(errors="replace"))) for worker in workers)


def test_two_worker_processes_store_the_same_rows_as_one_and_as_in_process(start_worker, fanout_settings, capsys):
    varied_candidates(240)
    # Published days ago: the workers' quick sweep re-matches a vacancy published in the last day that has
    # no Match rows, as this one has none between the runs below; that would run it twice.
    vacancy = broad_vacancy(published_at=timezone.now() - MATCH_RUN_LOOKBACK - timedelta(hours=1))
    chunks = vacancy_chunks(vacancy=vacancy)
    assert len(chunks) >= 10

    vacancy_match_and_alert(vacancy=vacancy)
    in_process = snapshot(vacancy)
    assert len(in_process[0]) == 40
    assert len(in_process[1]) == 12
    clear(vacancy)

    one = start_worker()
    fan_out_and_wait(vacancy, len(in_process[1]))
    assert snapshot(vacancy) == in_process
    assert chunks_done(one) == len(chunks)
    one.stop()
    clear(vacancy)

    first, second = start_worker(), start_worker()
    fan_out_and_wait(vacancy, len(in_process[1]))
    assert snapshot(vacancy) == in_process
    split = (chunks_done(first), chunks_done(second))
    assert sum(split) == len(chunks)
    with capsys.disabled():
        print(f"\n[fan-out] {len(chunks)} chunks: one worker all of them; two workers {split[0]} + {split[1]}")

    # The whole fan-out again (as after a redelivery): the same rows, no second alert.
    assert chunks_done(first, second, pattern=MERGE_DONE) == 1
    enqueue(tasks.vacancy_match_and_alert_task, [vacancy.pk])
    wait_until(
        lambda: chunks_done(first, second, pattern=MERGE_DONE) == 2,
        timeout=120,
        interval=0.2,
        what="the second fan-out's callback",
    )
    assert chunks_done(first, second) == 2 * len(chunks)
    assert snapshot(vacancy) == in_process
