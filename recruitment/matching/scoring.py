"""Scoring: how well a candidate fits a vacancy, as a 0-100 score with reasons. Pure: no queries.

`score_facts` is the one scoring function: the admin ranking, the candidate's "Matched for you" page and
the alerts all read Match rows it produced, so the three never disagree. It works on plain facts
(`CandidateFacts`, `VacancyFacts`) and a `RoleLadder`, which `recruitment.matching.loading` builds from
the database (one by one, or in bulk for a whole ranking).

Imports go one way: storing -> loading -> scoring; this module imports no other part of matching.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import NamedTuple

from django.conf import settings

from accounts.models import RemotePreference, RoleFamily, Seniority
from accounts.money import money, money_compared, to_eur
from vacancies.models import RemotePolicy

MET, PARTIAL, MISSED = "met", "partial", "missed"

# Share of the skills points that nice-to-have skills can add on top of required-skill coverage.
NICE_TO_HAVE_SHARE = 0.2
# Years short of the minimum that still earn partial credit: a quarter of the minimum, at least one
# year and at most EXPERIENCE_GRACE_YEARS (5 of 12 years asked is far short; 9 of 12 is near).
EXPERIENCE_GRACE_YEARS = 3
# Role families this many seniority steps apart (or more) miss a must-have: a Head of Product is not a
# CPO candidate, whatever else they bring.
ROLE_FAMILY_MUST_HAVE_STEPS = 2
MUST_HAVE = "Misses a must-have"


def experience_grace(min_years: int) -> int:
    """Years short of `min_years` that still earn partial credit (beyond them: a missed must-have)."""
    return min(EXPERIENCE_GRACE_YEARS, max(1, min_years // 4))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
    # The required skills the employer marked must-have (a subset of required_skills' keys).
    must_have_skills: frozenset[int] = frozenset()
    # Regulated sectors (MATCH_REGULATED_INDUSTRIES) weigh industry background more; background in
    # another regulated sector (compliance) earns half.
    industry_regulated: bool = False
    related_industry_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    status: str
    points: int
    max_points: int
    reason: str
    # "Misses a must-have: ..." when this criterion caps the score below the alert threshold, else "".
    must_have: str = ""


@dataclass(frozen=True)
class MatchResult:
    score: int
    excluded: bool
    exclusion_reason: str
    criteria: tuple[Criterion, ...] = field(default_factory=tuple)

    @property
    def must_have_misses(self) -> list[str]:
        return [c.must_have for c in self.criteria if c.must_have]

    def breakdown(self) -> list[dict]:
        return [criterion_dict(c) for c in self.criteria]


def criterion_dict(criterion: Criterion) -> dict:
    return {
        "criterion": criterion.key,
        "label": criterion.label,
        "status": criterion.status,
        "points": criterion.points,
        "max_points": criterion.max_points,
        "reason": criterion.reason,
        "must_have": criterion.must_have,
    }


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

    def adjacent(self, family_id: int) -> frozenset[int]:
        """Families close enough to `family_id` for a match to be possible (remembered per family)."""
        known = self.__dict__.setdefault("_adjacent", {})
        if family_id not in known:
            rank = self.rank.get(family_id, -99)
            known[family_id] = frozenset(pk for pk, r in self.rank.items() if abs(r - rank) <= ROLE_FAMILY_MAX_STEPS)
        return known[family_id]

    def is_leadership(self, family_id: int) -> bool:
        """Director level or above: where the agency expects LEADERSHIP_MIN_YEARS at least."""
        return self.rank.get(family_id, -1) >= Seniority.rank(Seniority.DIRECTOR)

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
    each distinct answer once. The result is the same with or without it.

    The score is the criteria's points as a share of their maximum. A criterion that misses a must-have
    (experience far short, too few required skills, role family too far) caps it below the alert
    threshold, whatever the others add up to; that criterion's `must_have` says why in words."""
    if memo is not None:
        return _score_memoised(candidate, vacancy, ladder, memo)
    exclusion = _exclusion(candidate, vacancy, ladder)
    if exclusion:
        return MatchResult(score=0, excluded=True, exclusion_reason=exclusion, criteria=())
    rules = _rules()
    return _result(tuple(rule(candidate, vacancy, ladder, rules) for _key, rule, _reads in CRITERIA), rules)


def _result(criteria: tuple[Criterion, ...], rules: Rules) -> MatchResult:
    raw = sum([c.points for c in criteria])
    value = max(0, min(100, round(100 * raw / (sum([c.max_points for c in criteria]) or 1))))
    if any(c.must_have for c in criteria):
        value = min(value, rules.must_have_cap)
    return MatchResult(score=value, excluded=False, exclusion_reason="", criteria=criteria)


def _score_memoised(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, memo: dict) -> MatchResult:
    """`score_facts` with the batch's memo: per vacancy, one dict per criterion keyed by the candidate
    facts it reads (CRITERIA) and one for the exclusion keyed by the facts `_exclusion` reads; the score
    is `_result`'s arithmetic, inlined. Ranking 100,000 candidates does a few dict look-ups per
    candidate; the result is the same."""
    rules = memo.get(RULES) or memo.setdefault(RULES, _rules())
    per_vacancy = memo.get(v.id)
    if per_vacancy is None:
        per_vacancy = memo[v.id] = ({}, {}, {}, {}, {}, {}, {})
    excluded, role_family, experience, skills, industry, location, salary = per_vacancy
    key = (c.role_family_ids, c.salary_floor, c.salary_currency, c.remote_preference, c.country)
    key += (c.willing_to_relocate,)
    exclusion = excluded.get(key)
    if exclusion is None:
        exclusion = excluded[key] = _exclusion(c, v, ladder)
    if exclusion:
        return MatchResult(score=0, excluded=True, exclusion_reason=exclusion, criteria=())
    # The same order as CRITERIA (a test checks the two agree).
    a = role_family.get(c.role_family_ids)
    if a is None:
        a = role_family[c.role_family_ids] = _role_family(c, v, ladder, rules)
    b = experience.get(c.years)
    if b is None:
        b = experience[c.years] = _experience(c, v, ladder, rules)
    d = skills.get(c.skill_ids)
    if d is None:
        d = skills[c.skill_ids] = _skills(c, v, ladder, rules)
    e = industry.get(c.industry_ids)
    if e is None:
        e = industry[c.industry_ids] = _industry(c, v, ladder, rules)
    key = (c.remote_preference, c.country)
    f = location.get(key)
    if f is None:
        f = location[key] = _location(c, v, ladder, rules)
    key = (c.salary_floor, c.salary_currency)
    g = salary.get(key)
    if g is None:
        g = salary[key] = _salary(c, v, ladder, rules)
    value = a.points + b.points + d.points + e.points + f.points + g.points
    most = a.max_points + b.max_points + d.max_points + e.max_points + f.max_points + g.max_points
    value = max(0, min(100, round(100 * value / (most or 1))))
    if a.must_have or b.must_have or d.must_have or e.must_have or f.must_have or g.must_have:
        value = min(value, rules.must_have_cap)
    return MatchResult(value, False, "", (a, b, d, e, f, g))


class Rules(NamedTuple):
    """The settings scoring reads, read once per call (or once per batch through the memo)."""

    weights: dict[str, int]
    must_have_cap: int
    must_have_skills_percent: int
    required_skills_percent: int
    leadership_min_years: int


def _rules() -> Rules:
    return Rules(
        weights=settings.MATCH_WEIGHTS,
        must_have_cap=max(0, settings.MATCH_ALERT_THRESHOLD - 1),
        must_have_skills_percent=settings.MATCH_MUST_HAVE_SKILLS_PERCENT,
        required_skills_percent=settings.MATCH_REQUIRED_SKILLS_PERCENT,
        leadership_min_years=settings.MATCH_LEADERSHIP_MIN_YEARS,
    )


# The memo's entry for the settings (read once per batch).
RULES = "rules"


def _exclusion(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder) -> str:
    if c.role_family_ids and not (c.role_family_ids & ladder.adjacent(v.role_family_id)):
        return "Targets other roles than this one."
    floor = to_eur(c.salary_floor, c.salary_currency)
    if floor is not None and to_eur(v.salary_max, v.salary_currency) < floor:
        return (
            f"The band tops out at {money(v.salary_max, v.salary_currency)}, below the candidate's floor "
            f"of {money_compared(c.salary_floor, c.salary_currency, v.salary_currency)}."
        )
    if v.remote_policy != RemotePolicy.REMOTE:
        if c.remote_preference == RemotePreference.REMOTE:
            return "The candidate wants a remote role; this one is not remote."
        if v.country and c.country != v.country and not c.willing_to_relocate:
            return f"On-site in {v.country_name or v.country}; the candidate lives elsewhere and won't relocate."
    return ""


def _role_family(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    points = rules.weights["role_family"]
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
    reason = f"Targets {targets}, {distance} from {name}."
    if steps >= ROLE_FAMILY_MUST_HAVE_STEPS:
        gate = f"{MUST_HAVE}: targets {targets}, {distance} from {name}."
        return Criterion("role_family", "Role family", MISSED, earned, points, reason, gate)
    return Criterion("role_family", "Role family", PARTIAL, earned, points, reason)


def _experience(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    points = rules.weights["experience"]
    asked = v.min_years
    asks = f"this role asks for {asked}+" if asked else "no minimum asked"
    if asked < rules.leadership_min_years and ladder.is_leadership(v.role_family_id):
        # The agency's brief: roles at director level and above want years of product management.
        asked = rules.leadership_min_years
        asks += f"; leadership roles want {asked}+"
    if c.years is None:
        reason = f"Years of experience not given; {asks}."
        gate = f"{MUST_HAVE}: years of experience not given, {asked} asked." if asked else ""
        return Criterion("experience", "Experience", MISSED, 0, points, reason, gate)
    said = f"{plural(c.years, 'year')} of product experience; {asks}."
    if c.years >= asked:
        return Criterion("experience", "Experience", MET, points, points, said)
    short = asked - c.years
    grace = experience_grace(asked)
    if short <= grace:
        earned = round(points * (1 - short / (grace + 1)))
        return Criterion("experience", "Experience", PARTIAL, earned, points, said)
    gate = f"{MUST_HAVE}: {c.years} of {asked} years asked."
    return Criterion("experience", "Experience", MISSED, 0, points, said, gate)


def _too_few(have: int, of: int, percent: int) -> bool:
    return 100 * have < percent * of


def _skills(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    points = rules.weights["skills"]
    nice_points = round(points * NICE_TO_HAVE_SHARE) if v.nice_skills else 0
    core_points = points - nice_points
    required = v.required_skills
    have = [pk for pk in required if pk in c.skill_ids]
    missing = sorted(
        (f"{required[pk]} (must-have)" if pk in v.must_have_skills else required[pk])
        for pk in required
        if pk not in c.skill_ids
    )
    gate = ""
    if required:
        earned = core_points * len(have) / len(required)
        reason = f"{len(have)} of {len(required)} required skills"
        reason += f": missing {', '.join(missing)}" if missing else ""
        must = [pk for pk in required if pk in v.must_have_skills]
        must_have = [pk for pk in must if pk in c.skill_ids]
        if must and _too_few(len(must_have), len(must), rules.must_have_skills_percent):
            lacking = ", ".join(sorted(required[pk] for pk in must if pk not in c.skill_ids))
            gate = f"{MUST_HAVE}: {len(must_have)} of {len(must)} must-have skills (missing {lacking})."
        elif _too_few(len(have), len(required), rules.required_skills_percent):
            gate = f"{MUST_HAVE}: {len(have)} of {len(required)} required skills."
    else:
        earned = core_points
        reason = "No required skills listed"
    nice_have = sorted(name for pk, name in v.nice_skills.items() if pk in c.skill_ids)
    if v.nice_skills:
        earned += nice_points * len(nice_have) / len(v.nice_skills)
        reason += f"; nice to have: {', '.join(nice_have)}" if nice_have else "; none of the nice-to-have skills"
    earned_int = round(earned)
    status = MET if not missing else (PARTIAL if have and not gate else MISSED)
    return Criterion("skills", "Skills", status, earned_int, points, reason + ".", gate)


def _industry(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    weights = rules.weights
    points = weights.get("industry_regulated", weights["industry"]) if v.industry_regulated else weights["industry"]
    if v.industry_id is None:
        return Criterion("industry", "Industry", MET, points, points, "No industry background asked.")
    if v.industry_id in c.industry_ids:
        return Criterion("industry", "Industry", MET, points, points, f"Has worked in {v.industry_name}.")
    if c.industry_ids & v.related_industry_ids:
        reason = f"No {v.industry_name} background, but another regulated sector's."
        return Criterion("industry", "Industry", PARTIAL, round(points * 0.5), points, reason)
    return Criterion("industry", "Industry", MISSED, 0, points, f"No {v.industry_name} background listed.")


def _location(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    points = rules.weights["location"]
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


def _salary(c: CandidateFacts, v: VacancyFacts, ladder: RoleLadder, rules: Rules) -> Criterion:
    points = rules.weights["salary"]
    band = f"{money(v.salary_min, v.salary_currency)}-{money(v.salary_max, v.salary_currency).split(' ', 1)[1]}"
    if c.salary_floor is None:
        return Criterion("salary", "Salary", PARTIAL, round(points * 0.5), points, f"Band {band}; no floor given.")
    floor_eur = to_eur(c.salary_floor, c.salary_currency)
    floor = money_compared(c.salary_floor, c.salary_currency, v.salary_currency)
    if floor_eur <= to_eur(v.salary_min, v.salary_currency):
        return Criterion("salary", "Salary", MET, points, points, f"Band {band} clears the floor of {floor}.")
    return Criterion(
        "salary",
        "Salary",
        PARTIAL,
        round(points * 0.5),
        points,
        f"Band {band} reaches the floor of {floor} above its minimum.",
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
