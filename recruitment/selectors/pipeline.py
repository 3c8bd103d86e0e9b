"""Read-only figures for the recruiters' pipeline page: where each open vacancy's applications
stand (count and median days per stage), and the applied -> hired funnel for a period.

Every function here runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from recruitment.models import Notification
from recruitment.models.interviews import Interview
from vacancies.models import Application, ApplicationStageChange, CompanyJoinRequest, Vacancy, VacancyRevision

Stage = Application.Stage

# The stages of the funnel, in order (what "reached" means: got at least this far).
FUNNEL_STAGES: list[str] = list(Application.PIPELINE)
# Stages an application waits in; the median age is meaningful only for these.
WAITING_STAGES: list[str] = [s for s in FUNNEL_STAGES if s != Stage.HIRED]
# Columns of the per-vacancy table: the pipeline, then the two ways out of it.
TABLE_STAGES: list[str] = [*FUNNEL_STAGES, Stage.REJECTED, Stage.WITHDRAWN]


@dataclass(frozen=True)
class StageCell:
    stage: str
    label: str
    count: int
    median_days: float | None  # None for final stages or when nobody is in the stage


@dataclass(frozen=True)
class VacancyPipeline:
    vacancy: Vacancy
    cells: tuple[StageCell, ...]
    total: int

    @property
    def active(self) -> int:
        return sum(c.count for c in self.cells if c.stage in WAITING_STAGES)


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    count: int
    pct_of_applied: float  # 0-100
    pct_of_previous: float | None  # conversion from the step before; None for the first
    introduced: int = 0  # of `count`, the applications the agency introduced (the rest applied directly)

    @property
    def direct(self) -> int:
        return self.count - self.introduced


@dataclass(frozen=True)
class Funnel:
    start: dt.date
    end: dt.date
    steps: tuple[FunnelStep, ...]
    declined: int
    withdrawn: int

    @property
    def applied(self) -> int:
        return self.steps[0].count if self.steps else 0


def open_vacancies_for_pipeline() -> QuerySet[Vacancy]:
    """Open vacancies, the busiest first, ready to display (company and role family joined)."""
    return (
        Vacancy.objects.open()
        .select_related("company", "role_family")
        .annotate(application_count=Count("applications"))
        .order_by("-application_count", "-published_at", "pk")
    )


def vacancy_pipelines(*, vacancies: Sequence[Vacancy], now: dt.datetime | None = None) -> list[VacancyPipeline]:
    """Counts per stage and median days in the current stage for each vacancy (one query)."""
    now = now or timezone.now()
    ids = [v.pk for v in vacancies]
    ages: dict[tuple[int, str], list[float]] = defaultdict(list)
    rows = Application.objects.filter(vacancy_id__in=ids).values_list("vacancy_id", "stage", "stage_changed_at")
    for vacancy_id, stage, changed_at in rows.order_by():
        ages[(vacancy_id, stage)].append(max((now - changed_at).total_seconds(), 0) / 86400)
    result = []
    for vacancy in vacancies:
        cells = []
        for stage in TABLE_STAGES:
            days = ages.get((vacancy.pk, stage), [])
            median = round(statistics.median(days), 1) if days and stage in WAITING_STAGES else None
            cells.append(StageCell(stage=stage, label=Stage(stage).label, count=len(days), median_days=median))
        result.append(VacancyPipeline(vacancy=vacancy, cells=tuple(cells), total=sum(c.count for c in cells)))
    return result


def _day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    lower = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    upper = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return lower, upper


def _stage_index(field: str) -> Case:
    return Case(
        *[When(**{field: stage}, then=Value(i)) for i, stage in enumerate(FUNNEL_STAGES)],
        default=Value(-1),
        output_field=IntegerField(),
    )


def funnel(*, start: dt.date, end: dt.date) -> Funnel:
    """How far the applications made between `start` and `end` (inclusive, local dates) got.

    An application counts for every step up to the furthest pipeline stage it ever reached
    (from its stage history, or its current stage), so a declined candidate who was
    interviewed still counts as screened and interviewed. Each step also counts how many were
    introduced by the agency (the rest applied directly). One query."""
    lower, upper = _day_bounds(start, end)
    furthest_in_history = Subquery(
        ApplicationStageChange.objects.filter(application=OuterRef("pk"))
        .annotate(idx=_stage_index("to_stage"))
        .order_by("-idx")
        .values("idx")[:1],
        output_field=IntegerField(),
    )
    rows = (
        Application.objects.filter(created_at__gte=lower, created_at__lt=upper)
        .annotate(
            furthest=Greatest(Coalesce(furthest_in_history, Value(-1)), _stage_index("stage")),
            out=Case(
                When(stage=Stage.REJECTED, then=Value(1)),
                When(stage=Stage.WITHDRAWN, then=Value(2)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("furthest", "out", "source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reached = [0] * len(FUNNEL_STAGES)
    introduced = [0] * len(FUNNEL_STAGES)
    declined = withdrawn = 0
    for row in rows:
        furthest, n = row["furthest"], row["n"]
        for i in range(max(furthest, 0) + 1):  # every application was at least "applied"
            reached[i] += n
            if row["source"] == Application.Source.INTRODUCED:
                introduced[i] += n
        declined += n if row["out"] == 1 else 0
        withdrawn += n if row["out"] == 2 else 0
    steps = []
    for i, stage in enumerate(FUNNEL_STAGES):
        previous = reached[i - 1] if i else None
        steps.append(
            FunnelStep(
                stage=stage,
                label=Stage(stage).label,
                count=reached[i],
                pct_of_applied=_pct(reached[i], reached[0]),
                pct_of_previous=None if previous is None else _pct(reached[i], previous),
                introduced=introduced[i],
            )
        )
    return Funnel(start=start, end=end, steps=tuple(steps), declined=declined, withdrawn=withdrawn)


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def todays_work_counts() -> dict[str, int]:
    """The workspace home's tiles: how much waits in each queue (one query per queue, all on indexed
    columns)."""
    return {
        "review": Vacancy.objects.pending_review().count(),
        "changes": VacancyRevision.objects.pending().count(),
        "new_applications": Application.objects.filter(stage=Application.Stage.APPLIED).count(),
        "join_requests": CompanyJoinRequest.objects.open().count(),
        "failed_emails": Notification.objects.failed().count(),
        "feedback": Interview.objects.feedback_to_act_on().count(),
    }
