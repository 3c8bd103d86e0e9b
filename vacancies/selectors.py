"""Reads for the vacancies app's pages, shaped so that query counts do not grow with rows.

- the public board and vacancy pages;
- the employer pages: every read is scoped to the employer's company.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone

from accounts.models import Skill, User
from vacancies.filters import VacancyFilter
from vacancies.models import (
    Application,
    ApplicationFeedback,
    ApplicationStageChange,
    Company,
    CompanyInvite,
    CompanyJoinRequest,
    EmployerProfile,
    RequiredSkill,
    Vacancy,
    VacancyRevision,
)

Rev = VacancyRevision.Status

# --- The public board and vacancy pages ---------------------------------------------

BOARD_PAGE_SIZE = 20
# What a board card shows; the description (the big column) is not read for the board.
BOARD_FIELDS = (
    *("pk", "slug", "title", "seniority", "city", "country", "remote_policy", "employment_type", "status"),
    *("salary_min", "salary_max", "salary_currency", "published_at", "closes_on", "updated_at"),
    *(
        "company__name",
        "company__slug",
        "company__logo",
        "company__updated_at",
        "role_family__name",
        "role_family__slug",
        "industry__name",
        "industry__slug",
    ),
)
PUBLIC_STATUSES = (Vacancy.Status.PUBLISHED, Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED)


def board_queryset() -> QuerySet[Vacancy]:
    """Open vacancies, newest first, with what a board card shows joined in."""
    return (
        Vacancy.objects.open()
        .select_related("company", "role_family", "industry")
        .only(*BOARD_FIELDS)
        .order_by("-published_at", "-pk")
    )


def board_query(params: QueryDict) -> QueryDict:
    """Only the board's own parameters, trimmed and in a fixed order: the key of a search (and of its cache)."""
    query = QueryDict(mutable=True)
    for name in VacancyFilter.base_filters:
        value = (params.get(name) or "").strip()[:200]
        if value:
            query[name] = value
    return query


# The most pages a board can have (10,000 open vacancies at 20 a page is 500); a longer number is junk.
_PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def board_page_number(raw: str | None) -> int:
    """A board page number from the query string: ASCII digits only ("²" is not a digit here), at least 1;
    anything else is page 1."""
    if raw is None or not _PAGE_NUMBER.fullmatch(raw):
        return 1
    return max(1, int(raw))


def vacancy_board(
    *, params: QueryDict, page: str | int | None = None, vocabularies: dict | None = None, count: int | None = None
) -> tuple[VacancyFilter, Page]:
    """The filtered, sorted, paginated board. Invalid filter values are reported on the form and ignored.

    Queries: role-family and industry choices (1 each, unless `vocabularies` gives them), the count (unless
    `count` gives it), and the page of rows."""
    filterset = VacancyFilter(data=params or None, queryset=board_queryset(), vocabularies=vocabularies)
    paginator = Paginator(filterset.qs, BOARD_PAGE_SIZE)
    if count is not None:  # known already (the board caches it per set of filters: every sort and page share it)
        paginator.count = count
    return filterset, paginator.get_page(page)


def board_cards(*, pks: Iterable[int]) -> list[Vacancy]:
    """The board rows of these vacancies (cards missing from the cache), whatever their order; one query."""
    return list(
        Vacancy.objects.select_related("company", "role_family", "industry").only(*BOARD_FIELDS).filter(pk__in=pks)
    )


def vacancy_page_prefetches() -> list[Prefetch]:
    """The skills a vacancy page shows (one query each)."""
    skills = Skill.objects.only("pk", "name", "slug").order_by("name")
    return [
        Prefetch("skill_requirements", queryset=RequiredSkill.objects.select_related("skill")),
        Prefetch("nice_to_have_skills", queryset=skills),
    ]


def _vacancy_page_queryset():
    return Vacancy.objects.select_related("company", "company__industry", "role_family", "industry").prefetch_related(
        *vacancy_page_prefetches()
    )


def public_vacancy(*, slug: str) -> Vacancy:
    """A vacancy page: published (open or past its date), closed or expired; drafts are not public. One query:
    the skills are read with the page's cached parts (vacancies.vacancy_page) when those are not cached."""
    return (
        Vacancy.objects.select_related("company", "company__industry", "role_family", "industry")
        .filter(status__in=PUBLIC_STATUSES)
        .get(slug=slug)
    )


def vacancy_for_preview(*, pk: int) -> Vacancy:
    """Any vacancy, whatever its status, loaded as its public page needs (the recruiters' preview)."""
    return _vacancy_page_queryset().get(pk=pk)


def application_for(*, user, vacancy: Vacancy) -> Application | None:
    if not (user.is_authenticated and user.is_candidate):
        return None
    return Application.objects.filter(candidate=user, vacancy=vacancy).only("pk", "stage", "created_at").first()


def latest_open_vacancies(*, limit: int = 30) -> QuerySet[Vacancy]:
    return board_queryset()[:limit]


# --- The employer's pages -----------------------------------------------------------

Status = Vacancy.Status
Stage = Application.Stage

# Dashboard order: what needs the employer's attention first.
STATUS_ORDER = [Status.REJECTED, Status.DRAFT, Status.PENDING_REVIEW, Status.PUBLISHED, Status.CLOSED, Status.EXPIRED]
# Stages in the order a person reads a pipeline.
STAGE_ORDER = [*Application.PIPELINE, Stage.REJECTED, Stage.WITHDRAWN]


def stage_count_name(stage: str) -> str:
    return f"applicants_{stage}"


def employer_company(*, user: User) -> Company | None:
    """The company `user` hires for, or None (not an employer, or not linked to a company)."""
    if not (user.is_authenticated and user.is_employer):
        return None
    profile = EmployerProfile.objects.select_related("company__industry").filter(user=user).first()
    return profile.company if profile else None


def contact_details_shared(*, company_id: int) -> bool:
    """Whether the client's terms let it see candidates' contact details (the recruitment app's ClientTerms,
    read through the company's reverse relation, so this app imports nothing of that one). Default: no, the
    client reaches candidates through the agency."""
    return Company.objects.filter(pk=company_id, terms__share_contact_details=True).exists()


def company_team(*, company: Company) -> QuerySet[EmployerProfile]:
    return EmployerProfile.objects.filter(company=company).select_related("user").order_by("user__first_name", "pk")


def company_pending_invites(*, company: Company) -> QuerySet[CompanyInvite]:
    return CompanyInvite.objects.pending().filter(company=company).select_related("invited_by").order_by("email")


def latest_revision(*, vacancy: Vacancy) -> VacancyRevision | None:
    """The changes to a live vacancy that are waiting, or were last turned down (the employer sees why)."""
    revision = vacancy.revisions.order_by("-pk").first()
    return revision if revision and revision.status in (Rev.PENDING, Rev.REJECTED) else None


def form_from_pending_revision(form) -> None:
    """Start a live vacancy's editor from the changes already waiting for review, if any."""
    revision = VacancyRevision.objects.pending().filter(vacancy=form.instance).first()
    if revision is None:
        return
    for name, value in revision.fields.items():
        if name in form.fields:
            form.initial[name] = value
    form.initial["must_have_skills"] = revision.skills.get("must_have", [])
    form.initial["required_skills"] = revision.skills.get("important", [])
    form.initial["nice_to_have_skills"] = revision.skills.get("nice_to_have", [])


def open_join_request(*, user: User) -> CompanyJoinRequest | None:
    return CompanyJoinRequest.objects.open().filter(user=user).select_related("company").order_by("-pk").first()


def employer_vacancies(*, user: User) -> QuerySet[Vacancy]:
    """The vacancies of `user`'s company, each annotated with its applicant count in total
    and per stage (`applicants_<stage>`), in one query."""
    per_stage = {
        stage_count_name(stage): Count("applications", filter=Q(applications__stage=stage)) for stage in Stage.values
    }
    status_rank = Case(
        *(When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)),
        default=Value(len(STATUS_ORDER)),
        output_field=IntegerField(),
    )
    return (
        Vacancy.objects.for_employer(user)
        .select_related("role_family")
        .annotate(applicants_total=Count("applications"), status_rank=status_rank, **per_stage)
        .order_by("status_rank", "-created_at", "-pk")
    )


def days_open(vacancy: Vacancy, *, now: dt.datetime | None = None) -> int | None:
    """Whole days from publication to closing (or to now while it is still published)."""
    if not vacancy.published_at:
        return None
    end = vacancy.closed_at or (now or timezone.now())
    return max((end - vacancy.published_at).days, 0)


def with_pipeline(vacancies: Iterable[Vacancy]) -> list[Vacancy]:
    """Attach `days_open` and `pipeline` ([(stage, label, count), ...] for non-empty stages) to rows
    annotated by `employer_vacancies`. Pure Python over the fetched rows: no queries."""
    now = timezone.now()
    rows = []
    for vacancy in vacancies:
        vacancy.days_open = days_open(vacancy, now=now)
        vacancy.pipeline = [
            (stage, stage.label, getattr(vacancy, stage_count_name(stage), 0))
            for stage in STAGE_ORDER
            if getattr(vacancy, stage_count_name(stage), 0)
        ]
        rows.append(vacancy)
    return rows


def company_summary(*, company: Company) -> dict[str, int]:
    """Headline figures for the dashboard, in one query."""
    week_ago = timezone.now() - dt.timedelta(days=7)
    return Vacancy.objects.for_company(company).aggregate(
        vacancies=Count("pk", distinct=True),
        live=Count("pk", distinct=True, filter=Q(status=Status.PUBLISHED)),
        in_review=Count("pk", distinct=True, filter=Q(status=Status.PENDING_REVIEW)),
        needs_changes=Count("pk", distinct=True, filter=Q(status__in=[Status.DRAFT, Status.REJECTED])),
        applicants=Count("applications", distinct=True),
        new_applicants=Count("applications", distinct=True, filter=Q(applications__created_at__gte=week_ago)),
        active_applicants=Count(
            "applications",
            distinct=True,
            filter=~Q(applications__stage__in=[Stage.REJECTED, Stage.WITHDRAWN, Stage.HIRED]),
        ),
    )


def vacancy_status_history(*, vacancy: Vacancy) -> QuerySet:
    return vacancy.status_changes.select_related("by").order_by("at", "pk")


def vacancy_stage_counts(*, vacancy: Vacancy) -> list[tuple[str, str, int]]:
    """[(stage, label, count)] for every stage that has applicants, in pipeline order; one query."""
    counts = dict(
        Application.objects.filter(vacancy=vacancy)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    return [(stage, stage.label, counts[stage]) for stage in STAGE_ORDER if counts.get(stage)]


def vacancy_applicants(*, vacancy: Vacancy, stage: str | None = None, declined: bool = True) -> QuerySet[Application]:
    """The applications to `vacancy` (and only those), with what the applicants page shows:
    candidate, profile, skills, the dated stage history and the employer's feedback, in a fixed number
    of queries. `declined=False` leaves the declined out."""
    applications = Application.objects.filter(vacancy=vacancy)
    if stage:
        applications = applications.filter(stage=stage)
    if not declined:
        applications = applications.exclude(stage=Stage.REJECTED)
    return (
        applications.select_related("candidate__candidate_profile")
        .prefetch_related(
            Prefetch("candidate__candidate_profile__skills", queryset=Skill.objects.order_by("name")),
            Prefetch(
                "stage_changes", queryset=ApplicationStageChange.objects.select_related("by").order_by("at", "pk")
            ),
            Prefetch("employer_feedback", queryset=ApplicationFeedback.objects.select_related("author")),
        )
        .order_by("-created_at", "-pk")
    )


def applicant_fits(*, vacancy: Vacancy, applications: Iterable[Application]) -> dict[int, dict]:
    """{candidate user id: {"score", "criteria"}} from the stored matches (the recruitment app's Match rows,
    read through the vacancy's reverse relation, so this app imports nothing of that one); one query."""
    user_ids = [application.candidate_id for application in applications if application.candidate_id]
    if not user_ids:
        return {}
    rows = vacancy.matches.filter(candidate__user_id__in=user_ids).values_list(
        "candidate__user_id", "score", "breakdown"
    )
    return {user_id: {"score": score, "criteria": breakdown or []} for user_id, score, breakdown in rows}
