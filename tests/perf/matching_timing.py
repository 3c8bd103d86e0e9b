"""Run by tests/perf/bench_matching.py in a process of its own (on the benchmark's database): times
`vacancy_match` on the broadest opening (a remote Head of Product one) and a CPO opening, 3 runs each
(median), and the fan-out's parts for the broadest: the plan, each chunk, the merge. Prints one RESULT
line of JSON."""

from __future__ import annotations

import json
import os
import statistics
import time

import django


def timed(function, *args, **kwargs):
    """(wall seconds, value); `timed.cpu` keeps this process's CPU seconds of the last call, which other
    processes on a busy machine change less than the wall time (SQLite runs in this process; a
    PostgreSQL server's share is not in it)."""
    start, cpu = time.perf_counter(), time.process_time()
    value = function(*args, **kwargs)
    timed.cpu = time.process_time() - cpu
    return time.perf_counter() - start, value


def timed_cpu(function, *args, **kwargs):
    seconds, value = timed(function, *args, **kwargs)
    return seconds, timed.cpu, value


def main() -> None:
    django.setup()
    from django.conf import settings

    from accounts.models import CandidateProfile
    from recruitment.matching import (
        candidates_for_vacancy,
        vacancy_chunks,
        vacancy_match,
        vacancy_match_chunk,
        vacancy_match_merge,
    )
    from vacancies.models import Vacancy

    out = []
    for slug in ("head-of-product", "chief-product-officer"):
        openings = Vacancy.objects.open().filter(role_family__slug=slug).order_by("pk")
        vacancy = openings.filter(remote_policy="remote").first() or openings.first()
        measured = [timed_cpu(vacancy_match, vacancy=vacancy) for _ in range(3)]
        runs = [(seconds, rows) for seconds, _cpu, rows in measured]
        row = {
            "vacancy": vacancy.title,
            "remote": vacancy.remote_policy,
            "candidates": CandidateProfile.objects.count(),
            "shortlist": candidates_for_vacancy(vacancy).count(),
            "stored": len(runs[-1][1]),
            "seconds": statistics.median(seconds for seconds, _ in runs),
            "runs": [seconds for seconds, _ in runs],
            "cpu_seconds": statistics.median(cpu for _seconds, cpu, _rows in measured),
            "load": os.getloadavg()[0],
            "vendor": django.db.connection.vendor,
        }
        if slug == "head-of-product":
            plan_seconds, chunks = timed(vacancy_chunks, vacancy=vacancy)
            parts, chunk_seconds, chunk_cpu = [], [], []
            for first, last in chunks:
                seconds, cpu, part = timed_cpu(vacancy_match_chunk, vacancy_id=vacancy.pk, first=first, last=last)
                chunk_seconds.append(seconds)
                chunk_cpu.append(cpu)
                parts.append(json.loads(json.dumps(part)))
            merge_seconds, merged = timed(vacancy_match_merge, vacancy=vacancy, chunks=chunks, parts=parts)
            row.update(
                chunk_size=settings.MATCH_CHUNK_SIZE,
                chunks=len(chunks),
                plan_seconds=plan_seconds,
                chunk_seconds=statistics.median(chunk_seconds) if chunk_seconds else 0.0,
                chunk_cpu_seconds=statistics.median(chunk_cpu) if chunk_cpu else 0.0,
                merge_seconds=merge_seconds,
                part_bytes=max((len(json.dumps(part)) for part in parts), default=0),
                merged_equal=[(r.candidate_id, r.score, r.breakdown) for r in merged]
                == [(r.candidate_id, r.score, r.breakdown) for r in runs[-1][1]],
            )
        out.append(row)
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    main()
