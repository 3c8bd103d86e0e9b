"""Generated demo data at scale: `seed_demo --candidates N --vacancies M`.

Varied candidates, companies, vacancies in every workflow status, and applications with their stage
history for the pipeline, written with bulk inserts in batches (scale_candidates.py,
scale_vacancies.py, scale_applications.py) from a seeded PRNG, with progress on stdout. A re-run tops
the generated candidates and vacancies up to N and M."""

from __future__ import annotations

import time

from recruitment.demo import scale_candidates, scale_vacancies
from recruitment.demo.context import ScaleContext


class BulkSeeder(ScaleContext):
    """Generates candidates, companies, vacancies and applications with bulk inserts, batch by batch.

    Each batch is one transaction and the data of a batch comes from a PRNG seeded with the seed and
    the batch's first index, so the same command on an empty database gives the same data, and a
    re-run only adds what is missing."""

    def run(self, *, candidates: int, vacancies: int) -> None:
        if candidates:
            scale_candidates.seed_candidates(self, candidates)
        if vacancies:
            scale_vacancies.seed_companies(self, max(5, vacancies // 8))
            scale_vacancies.seed_vacancies(self, vacancies)
        elapsed = time.perf_counter() - self.started
        summary = ", ".join(f"{n:,} {what}" for what, n in self.created.items())
        self.out.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.1f}s."))
