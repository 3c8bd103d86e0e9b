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
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


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
        runs = [timed(vacancy_match, vacancy=vacancy) for _ in range(3)]
        row = {
            "vacancy": vacancy.title,
            "remote": vacancy.remote_policy,
            "candidates": CandidateProfile.objects.count(),
            "shortlist": candidates_for_vacancy(vacancy).count(),
            "stored": len(runs[-1][1]),
            "seconds": statistics.median(seconds for seconds, _ in runs),
            "runs": [seconds for seconds, _ in runs],
            "load": os.getloadavg()[0],
            "vendor": django.db.connection.vendor,
        }
        if slug == "head-of-product":
            plan_seconds, chunks = timed(vacancy_chunks, vacancy=vacancy)
            parts, chunk_seconds = [], []
            for first, last in chunks:
                seconds, part = timed(vacancy_match_chunk, vacancy_id=vacancy.pk, first=first, last=last)
                chunk_seconds.append(seconds)
                parts.append(json.loads(json.dumps(part)))
            merge_seconds, merged = timed(vacancy_match_merge, vacancy=vacancy, chunks=chunks, parts=parts)
            row.update(
                chunk_size=settings.MATCH_CHUNK_SIZE,
                chunks=len(chunks),
                plan_seconds=plan_seconds,
                chunk_seconds=statistics.median(chunk_seconds) if chunk_seconds else 0.0,
                merge_seconds=merge_seconds,
                part_bytes=max((len(json.dumps(part)) for part in parts), default=0),
                merged_equal=[(r.candidate_id, r.score, r.breakdown) for r in merged]
                == [(r.candidate_id, r.score, r.breakdown) for r in runs[-1][1]],
            )
        out.append(row)
    print("RESULT " + json.dumps(out))


if __name__ == "__main__":
    main()
