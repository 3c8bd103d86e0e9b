"""Loading: the facts scoring reads, from model instances or in bulk, and the hard filters in SQL.

Ranking 100,000 candidates loads their facts in a few bulk queries instead of one query per candidate:
the hard filters narrow the candidates (`candidates_for_vacancy`) or vacancies (`vacancies_for_candidate`)
in SQL, never dropping anyone the scoring would keep, then `candidate_facts_bulk` / `vacancy_facts_bulk`
read the short list's facts for `recruitment.matching.scoring`.

Imports go one way: storing -> loading -> scoring.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django_countries import countries

from accounts.models import CandidateProfile, Industry, RemotePreference, RoleFamily, Skill
from accounts.money import eur_expression
from recruitment.matching.scoring import (
    CandidateFacts,
    MatchResult,
    RoleLadder,
    VacancyFacts,
    score_facts,
    to_eur,
)
from vacancies.models import RemotePolicy, RequiredSkill, Vacancy

MUST_HAVE = RequiredSkill.Importance.MUST_HAVE


def role_ladder() -> RoleLadder:
    """The role families, ordered by seniority, as the scoring reads them."""
    return RoleLadder(RoleFamily.objects.all())


# --- Facts from model instances ------------------------------------------------------------


def candidate_facts(profile: CandidateProfile) -> CandidateFacts:
    return CandidateFacts(
        id=profile.pk,
        years=profile.years_experience,
        role_family_ids=frozenset(f.pk for f in profile.role_families.all()),
        skill_ids=frozenset(s.pk for s in profile.skills.all()),
        industry_ids=frozenset(i.pk for i in profile.industries.all()),
        city=profile.city,
        country=str(profile.country or ""),
        remote_preference=profile.remote_preference,
        willing_to_relocate=profile.willing_to_relocate,
        salary_floor=profile.salary_floor,
        salary_currency=profile.salary_currency,
    )


def regulated_industry_ids() -> frozenset[int]:
    """The industries of MATCH_REGULATED_INDUSTRIES (by slug)."""
    return frozenset(Industry.objects.filter(slug__in=settings.MATCH_REGULATED_INDUSTRIES).values_list("pk", flat=True))


def _industry_facts(industry_id: int | None, regulated: frozenset[int]) -> dict:
    is_regulated = industry_id in regulated
    return {
        "industry_regulated": is_regulated,
        "related_industry_ids": regulated - {industry_id} if is_regulated else frozenset(),
    }


def vacancy_facts(vacancy: Vacancy, regulated: frozenset[int] | None = None) -> VacancyFacts:
    links = vacancy.skill_requirements.all()
    if "skill_requirements" not in getattr(vacancy, "_prefetched_objects_cache", {}):
        links = links.select_related("skill")
    links = list(links)
    return VacancyFacts(
        id=vacancy.pk,
        role_family_id=vacancy.role_family_id,
        min_years=vacancy.min_years,
        required_skills={link.skill_id: link.skill.name for link in links},
        must_have_skills=frozenset(link.skill_id for link in links if link.importance == MUST_HAVE),
        **_industry_facts(vacancy.industry_id, regulated_industry_ids() if regulated is None else regulated),
        nice_skills={s.pk: s.name for s in vacancy.nice_to_have_skills.all()},
        industry_id=vacancy.industry_id,
        industry_name=vacancy.industry.name if vacancy.industry_id else "",
        city=vacancy.city,
        country=str(vacancy.country or ""),
        country_name=vacancy.country.name if vacancy.country else "",
        remote_policy=vacancy.remote_policy,
        salary_min=vacancy.salary_min,
        salary_max=vacancy.salary_max,
        salary_currency=vacancy.salary_currency,
    )


def score(profile: CandidateProfile, vacancy: Vacancy, ladder: RoleLadder | None = None) -> MatchResult:
    """Score a candidate profile against a vacancy (model instances) with `score_facts`."""
    return score_facts(candidate_facts(profile), vacancy_facts(vacancy), ladder or role_ladder())


# --- Hard filters in SQL --------------------------------------------------------------------


def candidates_for_vacancy(vacancy: Vacancy, ladder: RoleLadder | None = None) -> QuerySet[CandidateProfile]:
    """Candidates who could match: open to opportunities and not ruled out by role, place or pay."""
    ladder = ladder or role_ladder()
    qs = CandidateProfile.objects.open_to_opportunities()
    adjacent = ladder.adjacent(vacancy.role_family_id)
    if not adjacent.issuperset(ladder.rank):
        # (When every role family is close enough, as for a Head of Product opening, everyone passes.)
        families = CandidateProfile.role_families.through.objects
        qs = qs.filter(
            ~Exists(families.filter(candidateprofile_id=OuterRef("pk")))
            | Q(pk__in=families.filter(rolefamily_id__in=adjacent).values("candidateprofile_id"))
        )
    max_eur = to_eur(vacancy.salary_max, vacancy.salary_currency)
    qs = qs.alias(floor_eur=eur_expression("salary_floor", "salary_currency")).filter(
        Q(salary_floor__isnull=True) | Q(floor_eur__lte=max_eur)
    )
    if vacancy.remote_policy != RemotePolicy.REMOTE:
        qs = qs.exclude(remote_preference=RemotePreference.REMOTE)
        if vacancy.country:
            qs = qs.filter(Q(country=vacancy.country) | Q(willing_to_relocate=True))
    return qs


def vacancies_for_candidate(profile: CandidateProfile, ladder: RoleLadder | None = None) -> QuerySet[Vacancy]:
    """Open vacancies that could match this candidate."""
    ladder = ladder or role_ladder()
    qs = Vacancy.objects.open()
    families = {f.pk for f in profile.role_families.all()}
    if families:
        reachable = set().union(*(ladder.adjacent(pk) for pk in families))
        qs = qs.filter(role_family_id__in=reachable)
    floor = to_eur(profile.salary_floor, profile.salary_currency)
    if floor is not None:
        qs = qs.filter(salary_max_eur__gte=floor)
    if profile.remote_preference == RemotePreference.REMOTE:
        qs = qs.filter(remote_policy=RemotePolicy.REMOTE)
    elif not profile.willing_to_relocate:
        qs = qs.filter(Q(remote_policy=RemotePolicy.REMOTE) | Q(country="") | Q(country=profile.country))
    return qs


# --- Bulk facts -------------------------------------------------------------------------------


def _fetch(queryset: QuerySet) -> list[tuple]:
    """A values_list() queryset's rows as plain tuples, straight from the cursor: ranking reads
    hundreds of thousands of them, and these columns need no conversion."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _links(through, column: str, wanted: set[int] | None, span: dict, shortlist: set[int]) -> dict[int, list[int]]:
    """{candidate id: [vocabulary ids]} from one link table, for the short list only (read by vocabulary and id
    span, never joined to the short list again: that is the expensive part)."""
    rows = through.objects.filter(**span)
    if wanted is not None:
        rows = rows.filter(**{f"{column}__in": wanted})
    found: dict[int, list[int]] = defaultdict(list)
    for cid, vid in _fetch(rows.values_list("candidateprofile_id", column)):
        if cid in shortlist:
            found[cid].append(vid)
    return found


def candidate_facts_bulk(
    candidates: QuerySet[CandidateProfile],
    *,
    skill_ids: set[int],
    industry_ids: set[int],
    id_range: tuple[int, int] | None = None,
) -> list[CandidateFacts]:
    """Facts for every candidate in `candidates`, in 4 queries whatever their number.

    Only the skills and industries the vacancy cares about are loaded (its own, and the other regulated
    sectors when it is in one): the others cannot change the score. The link tables are read by
    vocabulary, not joined to the short list again (the short list is the expensive part); rows of
    candidates outside it are dropped here. With `id_range` (first, last), `candidates` holds only ids in
    that range (one chunk of a fanned-out ranking) and the link tables are read for that range only."""
    rows = _fetch(
        # The row is unpacked in this order below.
        candidates.order_by().values_list("pk", "years_experience", *CandidateProfile.PLACE_AND_PAY_FIELDS)
    )
    shortlist = {row[0] for row in rows}
    span = {"candidateprofile_id__gte": id_range[0], "candidateprofile_id__lte": id_range[1]} if id_range else {}
    links = CandidateProfile
    families = _links(links.role_families.through, "rolefamily_id", None, span, shortlist)
    skills = _links(links.skills.through, "skill_id", skill_ids, span, shortlist) if skill_ids else {}
    industries = _links(links.industries.through, "industry_id", industry_ids, span, shortlist) if industry_ids else {}
    none: frozenset[int] = frozenset()
    # Candidates share the same few family/skill sets: intern them, so the scoring memo hashes less.
    interned: dict[frozenset[int], frozenset[int]] = {}

    def intern(ids) -> frozenset[int]:
        if not ids:
            return none
        key = frozenset(ids)
        return interned.setdefault(key, key)

    return [
        CandidateFacts(
            pk,
            years,
            intern(families.get(pk)),
            intern(skills.get(pk)),
            intern(industries.get(pk)),
            city,
            country or "",
            remote,
            bool(relocate),
            floor,
            currency,
        )
        for pk, years, city, country, remote, relocate, floor, currency in rows
    ]


def vacancy_facts_bulk(vacancies: QuerySet[Vacancy]) -> list[VacancyFacts]:
    ids_subquery = vacancies.values("pk")
    skill_names = dict(Skill.objects.values_list("pk", "name"))
    regulated = regulated_industry_ids()
    required: dict[int, dict[int, str]] = defaultdict(dict)
    must: dict[int, set[int]] = defaultdict(set)
    for vid, sid, importance in RequiredSkill.objects.filter(vacancy_id__in=ids_subquery).values_list(
        "vacancy_id", "skill_id", "importance"
    ):
        required[vid][sid] = skill_names[sid]
        if importance == MUST_HAVE:
            must[vid].add(sid)
    nice: dict[int, dict[int, str]] = defaultdict(dict)
    for vid, sid in Vacancy.nice_to_have_skills.through.objects.filter(vacancy_id__in=ids_subquery).values_list(
        "vacancy_id", "skill_id"
    ):
        nice[vid][sid] = skill_names[sid]
    rows = vacancies.order_by().values_list(
        "pk",
        "role_family_id",
        "min_years",
        "industry_id",
        "industry__name",
        "city",
        "country",
        "remote_policy",
        "salary_min",
        "salary_max",
        "salary_currency",
    )
    return [
        VacancyFacts(
            id=pk,
            role_family_id=family,
            min_years=min_years,
            required_skills=required.get(pk, {}),
            must_have_skills=frozenset(must.get(pk, ())),
            **_industry_facts(industry_id, regulated),
            nice_skills=nice.get(pk, {}),
            industry_id=industry_id,
            industry_name=industry_name or "",
            city=city,
            country=country or "",
            country_name=countries.name(country) if country else "",
            remote_policy=remote,
            salary_min=smin,
            salary_max=smax,
            salary_currency=currency,
        )
        for pk, family, min_years, industry_id, industry_name, city, country, remote, smin, smax, currency in rows
    ]
