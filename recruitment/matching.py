"""The matching engine: how well a candidate fits a vacancy, as a 0-100 score with reasons.

One scoring function (`score_facts`) serves the admin ranking, the candidate's
"Matched for you" page and the alerts, so the three never disagree. It works on plain
facts (`CandidateFacts`, `VacancyFacts`) so that ranking 100,000 candidates can load
those facts in a few bulk queries instead of one query per candidate:

1. hard filters in SQL narrow the candidates (`candidates_for_vacancy`) or vacancies
   (`vacancies_for_candidate`); the SQL never drops anyone the scoring would keep;
2. the short list is scored in Python;
3. results are upserted as Match rows (`match_vacancy`, `match_candidate`).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Exists, F, FloatField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import CandidateProfile, RemotePreference, RoleFamily, Seniority, Skill
from recruitment.models import Match
from vacancies.models import RemotePolicy, Vacancy

MET, PARTIAL, MISSED = "met", "partial", "missed"

# Fixed reference rates (units of EUR per unit of currency), so salary comparisons across
# currencies are deterministic. Precision is not the point: the band either clears the floor or not.
EUR_PER_UNIT = {
    "EUR": 1.0,
    "GBP": 1.17,
    "USD": 0.92,
    "CHF": 1.04,
    "SEK": 0.088,
    "DKK": 0.134,
    "NOK": 0.086,
    "PLN": 0.23,
    "CAD": 0.68,
}
# Share of the skills points that nice-to-have skills can add on top of required-skill coverage.
NICE_TO_HAVE_SHARE = 0.2
# Years short of the minimum that still earn partial credit.
EXPERIENCE_GRACE_YEARS = 3


def to_eur(amount: int | None, currency: str) -> float | None:
    if amount is None:
        return None
    return amount * EUR_PER_UNIT.get(currency, 1.0)


def money(amount: int, currency: str) -> str:
    return f"{currency} {amount:,}"


# --- Facts ----------------------------------------------------------------------------


class CandidateFacts(NamedTuple):
    """What scoring reads about a candidate (a tuple: ranking builds one per candidate, fast)."""

    id: int
    years: int | None
    role_family_ids: frozenset[int]
    skill_ids: frozenset[int]
    industry_ids: frozenset[int]
    city: str
    country: str
    remote_preference: str
    willing_to_relocate: bool
    salary_floor: int | None
    salary_currency: str


@dataclass(frozen=True)
class VacancyFacts:
    id: int
    role_family_id: int
    min_years: int
    required_skills: dict[int, str]
    nice_skills: dict[int, str]
    industry_id: int | None
    industry_name: str
    city: str
    country: str
    country_name: str
    remote_policy: str
    salary_min: int
    salary_max: int
    salary_currency: str


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    status: str
    points: int
    max_points: int
    reason: str


@dataclass(frozen=True)
class MatchResult:
    score: int
    excluded: bool
    exclusion_reason: str
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)

    def breakdown(self) -> list[dict]:
        return [_criterion_dict(c) for c in self.criteria]


# --- Role family ladder ------------------------------------------------------------------


# How many seniority steps apart a candidate's target roles may be from the vacancy's role
# family before the match is excluded, and the share of role-family points at each distance.
ROLE_FAMILY_MAX_STEPS = 2
ROLE_FAMILY_SHARE_BY_STEPS = {0: 1.0, 1: 0.6, 2: 0.2}


class RoleLadder:
    """Role families ordered by seniority: how many steps apart two families are."""

    def __init__(self, families: Iterable[RoleFamily]):
        self.rank = {f.pk: Seniority.rank(f.seniority) for f in families}
        self.names = {f.pk: f.name for f in families}

    @classmethod
    def load(cls) -> RoleLadder:
        return cls(RoleFamily.objects.all())

    def adjacent(self, family_id: int) -> frozenset[int]:
        """Families close enough to `family_id` for a match to be possible (remembered per family)."""
        known = self.__dict__.setdefault("_adjacent", {})
        if family_id not in known:
            rank = self.rank.get(family_id, -99)
            known[family_id] = frozenset(pk for pk, r in self.rank.items() if abs(r - rank) <= ROLE_FAMILY_MAX_STEPS)
        return known[family_id]

    def steps(self, family_ids: Iterable[int], family_id: int) -> int:
        """Fewest seniority steps from any of `family_ids` to `family_id` (0 for the same family)."""
        if family_id in family_ids:
            return 0
        rank = self.rank.get(family_id, -99)
        return min((abs(self.rank.get(pk, 99) - rank) for pk in family_ids), default=99)


# --- The scoring function ----------------------------------------------------------------


def score_facts(
    candidate: CandidateFacts, vacancy: VacancyFacts, ladder: RoleLadder, memo: dict | None = None
) -> MatchResult:
    """Score one candidate against one vacancy. Pure and deterministic.

    `memo` (a dict the caller keeps for one batch) remembers each criterion's result by the vacancy and
    the candidate facts that criterion reads (CRITERIA), so ranking thousands of candidates computes
    each distinct answer once. The result is the same with or without it."""
    exclusion = _exclusion(candidate, vacancy, ladder)
    if exclusion:
        return MatchResult(score=0, excluded=True, exclusion_reason=exclusion, criteria=())
    if memo is None:
        weights = settings.MATCH_WEIGHTS
        criteria = tuple(rule(candidate, vacancy, ladder, weights[key]) for key, rule, _reads in CRITERIA)
        total = sum(weights.values()) or 1
    else:
        weights, total = memo.get(WEIGHTS) or memo.setdefault(
            WEIGHTS, (settings.MATCH_WEIGHTS, sum(settings.MATCH_WEIGHTS.values()) or 1)
        )
        found = []
        for key, rule, reads in CRITERIA:
            memo_key = (key, vacancy.id, reads(candidate))
            criterion = memo.get(memo_key)
            if criterion is None:
                criterion = memo[memo_key] = rule(candidate, vacancy, ladder, weights[key])
            found.append(criterion)
        criteria = tuple(found)
    raw = sum([c.points for c in criteria])
    value = round(100 * raw / total)
    return MatchResult(score=max(0, min(100, value)), excluded=False, exclusion_reason="", criteria=criteria)


# The memo's entry for the weights (read from settings once per batch).
WEIGHTS = "weights"


def _exclusion(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder) -> str:
    if c.role_family_ids and not (c.role_family_ids & ladder.adjacent(v.role_family_id)):
        return "Targets other roles than this one."
    floor = to_eur(c.salary_floor, c.salary_currency)
    if floor is not None and to_eur(v.salary_max, v.salary_currency) < floor:
        return (
            f"The band tops out at {money(v.salary_max, v.salary_currency)}, below the candidate's floor "
            f"of {money(c.salary_floor, c.salary_currency)}."
        )
    if v.remote_policy != RemotePolicy.REMOTE:
        if c.remote_preference == RemotePreference.REMOTE:
            return "The candidate wants a remote role; this one is not remote."
        if v.country and c.country != v.country and not c.willing_to_relocate:
            return f"On-site in {v.country_name or v.country}; the candidate lives elsewhere and won't relocate."
    return ""


def _role_family(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    name = ladder.names.get(v.role_family_id, "this role")
    if v.role_family_id in c.role_family_ids:
        return Criterion("role_family", "Role family", MET, points, points, f"Targets {name} roles.")
    if not c.role_family_ids:
        return Criterion(
            "role_family", "Role family", PARTIAL, round(points * 0.4), points, "No target roles given yet."
        )
    steps = ladder.steps(c.role_family_ids, v.role_family_id)
    targets = ", ".join(sorted(ladder.names[pk] for pk in c.role_family_ids if pk in ladder.names))
    earned = round(points * ROLE_FAMILY_SHARE_BY_STEPS.get(steps, 0))
    distance = "one step" if steps == 1 else f"{steps} steps"
    return Criterion(
        "role_family", "Role family", PARTIAL, earned, points, f"Targets {targets}, {distance} from {name}."
    )


def _experience(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    asks = f"this role asks for {v.min_years}+" if v.min_years else "no minimum asked"
    if c.years is None:
        return Criterion("experience", "Experience", MISSED, 0, points, f"Years of experience not given; {asks}.")
    said = f"{c.years} year{'s' if c.years != 1 else ''} of product experience; {asks}."
    if c.years >= v.min_years:
        return Criterion("experience", "Experience", MET, points, points, said)
    short = v.min_years - c.years
    if short <= EXPERIENCE_GRACE_YEARS:
        earned = round(points * (1 - short / (EXPERIENCE_GRACE_YEARS + 1)))
        return Criterion("experience", "Experience", PARTIAL, earned, points, said)
    return Criterion("experience", "Experience", MISSED, 0, points, said)


def _skills(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    nice_points = round(points * NICE_TO_HAVE_SHARE) if v.nice_skills else 0
    core_points = points - nice_points
    required = v.required_skills
    have = [pk for pk in required if pk in c.skill_ids]
    missing = [required[pk] for pk in required if pk not in c.skill_ids]
    if required:
        earned = core_points * len(have) / len(required)
        reason = f"{len(have)} of {len(required)} required skills"
        reason += f": missing {', '.join(sorted(missing))}" if missing else ""
    else:
        earned = core_points
        reason = "No required skills listed"
    nice_have = sorted(name for pk, name in v.nice_skills.items() if pk in c.skill_ids)
    if v.nice_skills:
        earned += nice_points * len(nice_have) / len(v.nice_skills)
        reason += f"; nice to have: {', '.join(nice_have)}" if nice_have else "; none of the nice-to-have skills"
    earned_int = round(earned)
    status = MET if not missing else (PARTIAL if have else MISSED)
    return Criterion("skills", "Skills", status, earned_int, points, reason + ".")


def _industry(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    if v.industry_id is None:
        return Criterion("industry", "Industry", MET, points, points, "No industry background asked.")
    if v.industry_id in c.industry_ids:
        return Criterion("industry", "Industry", MET, points, points, f"Has worked in {v.industry_name}.")
    return Criterion("industry", "Industry", MISSED, 0, points, f"No {v.industry_name} background listed.")


def _location(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    if v.remote_policy == RemotePolicy.REMOTE:
        if c.remote_preference == RemotePreference.ONSITE:
            return Criterion(
                "location",
                "Location",
                PARTIAL,
                round(points * 0.5),
                points,
                "Remote role; the candidate prefers working on-site.",
            )
        return Criterion("location", "Location", MET, points, points, "Remote role: location doesn't matter.")
    where = ", ".join(p for p in (v.city, v.country_name) if p) or "the office"
    mode = "Hybrid" if v.remote_policy == RemotePolicy.HYBRID else "On-site"
    if not v.country or c.country == v.country:
        return Criterion("location", "Location", MET, points, points, f"{mode} in {where}; lives in the country.")
    return Criterion(
        "location",
        "Location",
        PARTIAL,
        round(points * 0.5),
        points,
        f"{mode} in {where}; willing to relocate.",
    )


def _salary(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, points: int) -> Criterion:
    band = f"{money(v.salary_min, v.salary_currency)}-{money(v.salary_max, v.salary_currency).split(' ', 1)[1]}"
    if c.salary_floor is None:
        return Criterion("salary", "Salary", PARTIAL, round(points * 0.5), points, f"Band {band}; no floor given.")
    floor_eur = to_eur(c.salary_floor, c.salary_currency)
    floor = money(c.salary_floor, c.salary_currency)
    if floor_eur <= to_eur(v.salary_min, v.salary_currency):
        return Criterion("salary", "Salary", MET, points, points, f"Band {band} clears the floor of {floor}.")
    return Criterion(
        "salary",
        "Salary",
        PARTIAL,
        round(points * 0.5),
        points,
        f"Floor of {floor} sits inside the band {band}.",
    )


# Each criterion, in breakdown order, with the candidate facts it reads: equal facts give an equal
# result (score_facts' memo relies on it; a test checks it against unmemoised scoring).
CRITERIA = (
    ("role_family", _role_family, attrgetter("role_family_ids")),
    ("experience", _experience, attrgetter("years")),
    ("skills", _skills, attrgetter("skill_ids")),
    ("industry", _industry, attrgetter("industry_ids")),
    ("location", _location, attrgetter("remote_preference", "country")),
    ("salary", _salary, attrgetter("salary_floor", "salary_currency")),
)


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


def vacancy_facts(vacancy: Vacancy) -> VacancyFacts:
    return VacancyFacts(
        id=vacancy.pk,
        role_family_id=vacancy.role_family_id,
        min_years=vacancy.min_years,
        required_skills={s.pk: s.name for s in vacancy.required_skills.all()},
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
    """Score a candidate profile against a vacancy (model instances)."""
    return score_facts(candidate_facts(profile), vacancy_facts(vacancy), ladder or RoleLadder.load())


# --- Hard filters in SQL --------------------------------------------------------------------


def _eur_expression(amount_field: str, currency_field: str) -> Case:
    whens = [
        When(**{currency_field: code}, then=F(amount_field) * Value(rate, output_field=FloatField()))
        for code, rate in EUR_PER_UNIT.items()
    ]
    return Case(*whens, default=F(amount_field), output_field=FloatField())


def candidates_for_vacancy(vacancy: Vacancy, ladder: RoleLadder | None = None) -> QuerySet[CandidateProfile]:
    """Candidates who could match: open to opportunities and not ruled out by role, place or pay."""
    ladder = ladder or RoleLadder.load()
    qs = CandidateProfile.objects.open_to_opportunities()
    adjacent = ladder.adjacent(vacancy.role_family_id)
    families = CandidateProfile.role_families.through.objects
    qs = qs.filter(
        ~Exists(families.filter(candidateprofile_id=OuterRef("pk")))
        | Q(pk__in=families.filter(rolefamily_id__in=adjacent).values("candidateprofile_id"))
    )
    max_eur = to_eur(vacancy.salary_max, vacancy.salary_currency)
    qs = qs.alias(floor_eur=_eur_expression("salary_floor", "salary_currency")).filter(
        Q(salary_floor__isnull=True) | Q(floor_eur__lte=max_eur)
    )
    if vacancy.remote_policy != RemotePolicy.REMOTE:
        qs = qs.exclude(remote_preference=RemotePreference.REMOTE)
        if vacancy.country:
            qs = qs.filter(Q(country=vacancy.country) | Q(willing_to_relocate=True))
    return qs


def vacancies_for_candidate(profile: CandidateProfile, ladder: RoleLadder | None = None) -> QuerySet[Vacancy]:
    """Open vacancies that could match this candidate."""
    ladder = ladder or RoleLadder.load()
    qs = Vacancy.objects.open()
    families = {f.pk for f in profile.role_families.all()}
    if families:
        reachable = set().union(*(ladder.adjacent(pk) for pk in families))
        qs = qs.filter(role_family_id__in=reachable)
    floor = to_eur(profile.salary_floor, profile.salary_currency)
    if floor is not None:
        qs = qs.alias(max_eur=_eur_expression("salary_max", "salary_currency")).filter(max_eur__gte=floor)
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


def _candidate_facts_bulk(
    candidates: QuerySet[CandidateProfile], *, skill_ids: set[int], industry_id: int | None
) -> list[CandidateFacts]:
    """Facts for every candidate in `candidates`, in 4 queries whatever their number.

    Only the skills and industry the vacancy cares about are loaded: the others cannot change the
    score. The link tables are read by vocabulary, not joined to the short list again (the short list
    is the expensive part); rows of candidates outside it are dropped here."""
    rows = _fetch(
        candidates.order_by().values_list(
            "pk",
            "years_experience",
            "city",
            "country",
            "remote_preference",
            "willing_to_relocate",
            "salary_floor",
            "salary_currency",
        )
    )
    shortlist = {row[0] for row in rows}
    links = CandidateProfile
    families: dict[int, list[int]] = defaultdict(list)
    for cid, fid in _fetch(links.role_families.through.objects.values_list("candidateprofile_id", "rolefamily_id")):
        if cid in shortlist:
            families[cid].append(fid)
    skills: dict[int, list[int]] = defaultdict(list)
    if skill_ids:
        for cid, sid in _fetch(
            links.skills.through.objects.filter(skill_id__in=skill_ids).values_list("candidateprofile_id", "skill_id")
        ):
            if cid in shortlist:
                skills[cid].append(sid)
    with_industry: set[int] = set()
    if industry_id is not None:
        with_industry = {
            cid
            for (cid,) in _fetch(
                links.industries.through.objects.filter(industry_id=industry_id).values_list("candidateprofile_id")
            )
        }
    none: frozenset[int] = frozenset()
    industry = frozenset([industry_id]) if industry_id is not None else none
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
            industry if pk in with_industry else none,
            city,
            country or "",
            remote,
            bool(relocate),
            floor,
            currency,
        )
        for pk, years, city, country, remote, relocate, floor, currency in rows
    ]


def _vacancy_facts_bulk(vacancies: QuerySet[Vacancy]) -> list[VacancyFacts]:
    from django_countries import countries

    ids_subquery = vacancies.values("pk")
    skill_names = dict(Skill.objects.values_list("pk", "name"))
    required: dict[int, dict[int, str]] = defaultdict(dict)
    for vid, sid in Vacancy.required_skills.through.objects.filter(vacancy_id__in=ids_subquery).values_list(
        "vacancy_id", "skill_id"
    ):
        required[vid][sid] = skill_names[sid]
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


# --- Storing matches ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScoredMatch:
    """A match as `match_vacancy` / `match_candidate` stored it: the Match row's values, without a
    model instance per row (ranking 100,000 candidates should not build 100,000 of them)."""

    candidate_id: int
    vacancy_id: int
    score: int
    breakdown: list[dict]
    computed_at: datetime.datetime


def _criterion_dict(criterion: Criterion) -> dict:
    return {
        "criterion": criterion.key,
        "label": criterion.label,
        "status": criterion.status,
        "points": criterion.points,
        "max_points": criterion.max_points,
        "reason": criterion.reason,
    }


def _scored_rows(pairs, *, ladder: RoleLadder, now) -> tuple[list[ScoredMatch], list[str]]:
    """Score (candidate, vacancy) fact pairs; keep the ones worth storing, with each breakdown's JSON.

    A batch shares one memo, and each distinct criterion is turned into a dict and JSON once."""
    minimum = settings.MATCH_STORE_MIN_SCORE
    memo: dict = {}
    encoded: dict[int, tuple[dict, str]] = {}
    rows: list[ScoredMatch] = []
    texts: list[str] = []
    for cfacts, vfacts in pairs:
        result = score_facts(cfacts, vfacts, ladder, memo)
        if result.excluded or result.score < minimum:
            continue
        dicts, jsons = [], []
        for criterion in result.criteria:
            # The memo hands out the same Criterion objects, alive for the whole batch: key by identity.
            part = encoded.get(id(criterion))
            if part is None:
                as_dict = _criterion_dict(criterion)
                part = encoded[id(criterion)] = (as_dict, json.dumps(as_dict, ensure_ascii=False))
            dicts.append(part[0])
            jsons.append(part[1])
        rows.append(ScoredMatch(cfacts.id, vfacts.id, result.score, dicts, now))
        texts.append("[" + ", ".join(jsons) + "]")
    return rows, texts


STORE_BATCH = 2000


def _store(rows: list[ScoredMatch], texts: list[str], *, scope: QuerySet[Match], now) -> None:
    """Upsert the rows (INSERT ... ON CONFLICT in batches, SQLite and PostgreSQL alike), then drop the
    matches in `scope` (one vacancy's, or one candidate's) that this run did not compute."""
    table = connection.ops.quote_name(Match._meta.db_table)
    json_value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = (
        f"INSERT INTO {table} (candidate_id, vacancy_id, score, breakdown, computed_at) "  # noqa: S608 - names only
        f"VALUES (%s, %s, %s, {json_value}, %s) "
        "ON CONFLICT (candidate_id, vacancy_id) DO UPDATE SET "
        "score = excluded.score, breakdown = excluded.breakdown, computed_at = excluded.computed_at"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    params = [(row.candidate_id, row.vacancy_id, row.score, text, at) for row, text in zip(rows, texts, strict=True)]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(params), STORE_BATCH):
            cursor.executemany(sql, params[start : start + STORE_BATCH])
        scope.filter(computed_at__lt=now).delete()


def match_vacancy(*, vacancy: Vacancy) -> list[ScoredMatch]:
    """(Re)compute the matches of one vacancy against every candidate who could fit it."""
    vacancy = Vacancy.objects.select_related("industry").get(pk=vacancy.pk)
    now = timezone.now()
    if not vacancy.is_open:
        Match.objects.filter(vacancy=vacancy).delete()
        return []
    ladder = RoleLadder.load()
    vfacts = vacancy_facts(vacancy)
    facts = _candidate_facts_bulk(
        candidates_for_vacancy(vacancy, ladder),
        skill_ids=set(vfacts.required_skills) | set(vfacts.nice_skills),
        industry_id=vfacts.industry_id,
    )
    rows, texts = _scored_rows(((cfacts, vfacts) for cfacts in facts), ladder=ladder, now=now)
    _store(rows, texts, scope=Match.objects.filter(vacancy=vacancy), now=now)
    rows.sort(key=lambda m: (-m.score, m.candidate_id))
    return rows


def match_candidate(*, profile: CandidateProfile) -> list[ScoredMatch]:
    """(Re)compute one candidate's matches against every open vacancy that could fit them."""
    profile = CandidateProfile.objects.prefetch_related("role_families", "skills", "industries").get(pk=profile.pk)
    now = timezone.now()
    if not profile.open_to_opportunities or not profile.user.is_active:
        Match.objects.filter(candidate=profile).delete()
        return []
    ladder = RoleLadder.load()
    cfacts = candidate_facts(profile)
    pairs = ((cfacts, vfacts) for vfacts in _vacancy_facts_bulk(vacancies_for_candidate(profile, ladder)))
    rows, texts = _scored_rows(pairs, ladder=ladder, now=now)
    _store(rows, texts, scope=Match.objects.filter(candidate=profile), now=now)
    rows.sort(key=lambda m: (-m.score, m.vacancy_id))
    return rows
