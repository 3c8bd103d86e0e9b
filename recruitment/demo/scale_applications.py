"""Generated applications at scale: a few per published vacancy, each with the stage history of its
way through the pipeline (where it is now is the last stage)."""

from __future__ import annotations

import datetime as dt
import random

from recruitment.demo.context import ScaleContext
from recruitment.demo.scale_tables import COVER_LETTERS
from vacancies.models import Application, ApplicationStageChange, Vacancy

# Per step, the chance an application moves on from the stage it is in.
PROGRESSION = {"applied": 0.65, "screening": 0.6, "shortlisted": 0.6, "interview": 0.4, "offer": 0.7}


def seed_applications(bulk: ScaleContext, rng: random.Random, vacancies: list[Vacancy]) -> None:
    """Applications from generated or demo candidates to the vacancies that were ever published,
    sent while they were open; the candidate applies and withdraws, the recruiter moves the rest."""
    if not bulk.candidate_ids:
        return
    applications, stage_plans = [], []
    for vacancy in vacancies:
        if vacancy.published_at is None:
            continue
        count = min(len(bulk.candidate_ids), int(rng.expovariate(1 / 4)))
        window_end = vacancy.closed_at or bulk.now
        for candidate_id in rng.sample(bulk.candidate_ids, count):
            applied_at = vacancy.published_at + (window_end - vacancy.published_at) * rng.random() * 0.8
            stages = stage_path(bulk, rng, applied_at, open_=vacancy.closed_at is None)
            applications.append(
                Application(
                    candidate_id=candidate_id,
                    vacancy=vacancy,
                    cover_letter=rng.choice(COVER_LETTERS).format(years=rng.randint(6, 20)),
                    stage=stages[-1][0],
                    stage_changed_at=stages[-1][1],
                    created_at=applied_at,
                    updated_at=stages[-1][1],
                )
            )
            stage_plans.append(stages)
    Application.objects.bulk_create(applications)
    changes = []
    for application, stages in zip(applications, stage_plans, strict=True):
        previous = ""
        for stage, at in stages:
            by_id = application.candidate_id if stage in {"applied", "withdrawn"} else bulk.recruiter.pk
            changes.append(
                ApplicationStageChange(application=application, from_stage=previous, to_stage=stage, by_id=by_id, at=at)
            )
            previous = stage
    ApplicationStageChange.objects.bulk_create(changes)
    bulk.created["applications"] += len(applications)


def stage_path(
    bulk: ScaleContext, rng: random.Random, applied_at: dt.datetime, *, open_: bool
) -> list[tuple[str, dt.datetime]]:
    """The stages one application went through, with when; the last one is where it is now."""
    path = [("applied", applied_at)]
    at = applied_at
    for stage in ["screening", "shortlisted", "interview", "offer", "hired"]:
        step = at + dt.timedelta(days=rng.uniform(1, 9))
        if step >= bulk.now:
            break
        current = path[-1][0]
        if rng.random() < PROGRESSION[current]:
            path.append((stage, step))
            at = step
            continue
        # Did not move on: declined, withdrew, or (on an open vacancy) still waiting.
        if not open_ or rng.random() < 0.6:
            path.append(("withdrawn" if rng.random() < 0.08 else "rejected", step))
        break
    return path
