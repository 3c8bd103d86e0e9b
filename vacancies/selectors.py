"""Reads for the public vacancy pages, shaped so that query counts do not grow with rows."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from accounts.models import Skill
from vacancies.filters import VacancyFilter
from vacancies.models import Application, Vacancy

BOARD_PAGE_SIZE = 20
# What a board card shows; the description (the big column) is not read for the board.
BOARD_FIELDS = (
    *("pk", "slug", "title", "seniority", "city", "country", "remote_policy", "employment_type", "status"),
    *("salary_min", "salary_max", "salary_currency", "published_at", "closes_on"),
    *("company__name", "company__slug", "role_family__name", "role_family__slug", "industry__name", "industry__slug"),
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


def vacancy_board(*, params: QueryDict, page: str | int | None = None) -> tuple[VacancyFilter, Page]:
    """The filtered, sorted, paginated board. Invalid filter values are reported on the form and ignored.

    Queries: role-family and industry choices (1 each), the count, and the page of rows."""
    filterset = VacancyFilter(data=params or None, queryset=board_queryset())
    paginator = Paginator(filterset.qs, BOARD_PAGE_SIZE)
    return filterset, paginator.get_page(page)


def public_vacancy(*, slug: str) -> Vacancy:
    """A vacancy page: published (open or past its date), closed or expired; drafts are not public."""
    skills = Skill.objects.only("pk", "name", "slug").order_by("name")
    return (
        Vacancy.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("company", "company__industry", "role_family", "industry")
        .prefetch_related(
            Prefetch("required_skills", queryset=skills), Prefetch("nice_to_have_skills", queryset=skills)
        )
        .get(slug=slug)
    )


def application_for(*, user, vacancy: Vacancy) -> Application | None:
    if not (user.is_authenticated and user.is_candidate):
        return None
    return Application.objects.filter(candidate=user, vacancy=vacancy).only("pk", "stage", "created_at").first()


def latest_open_vacancies(*, limit: int = 30) -> QuerySet[Vacancy]:
    return board_queryset()[:limit]
