"""Run the labelled evaluation pairs (pairs.json) through the real alert path and measure the alert decision.

Each pair is built in its own savepoint (a candidate, a published vacancy and what the pair asks for),
`vacancy_match_and_alert` runs on the vacancy, and the pair counts as alerted when a match alert row was
written for that candidate (sent now or held for their digest); the savepoint is then rolled back, so
pairs never see each other. Used by tests/recruitment/matching/test_evaluation.py and
tests/perf/bench_evaluation.py (`make bench`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from accounts.models import CandidateProfile, RoleFamily
from recruitment.emails.alerts import MATCH_ALERT
from recruitment.matching.alerting import vacancy_match_and_alert
from recruitment.models import Match, Notification
from tests import factories
from vacancies.models import RequiredSkill, Vacancy

PAIRS_FILE = Path(__file__).with_name("pairs.json")
TARGET = 0.95


def load_pairs(path: Path = PAIRS_FILE) -> list[dict]:
    """Every pair with the base candidate and vacancy merged under its own overrides."""
    data = json.loads(path.read_text())
    base = data["base"]
    return [
        {
            **pair,
            "candidate": {**base["candidate"], **pair["candidate"]},
            "vacancy": {**base["vacancy"], **pair["vacancy"]},
        }
        for pair in data["pairs"]
    ]


def _candidate(spec: dict) -> CandidateProfile:
    user = factories.UserFactory(verified=spec["verified"])
    profile = factories.CandidateProfileFactory(
        user=user,
        years_experience=spec["years"],
        city=spec["city"],
        country=spec["country"],
        remote_preference=spec["remote"],
        willing_to_relocate=spec["relocate"],
        salary_floor=spec["floor"],
        salary_currency=spec["currency"],
        open_to_opportunities=spec["open"],
        consent_given_at=timezone.now() if spec["consent"] else None,
        alert_frequency=spec["alerts"],
    )
    profile.role_families.set(RoleFamily.objects.filter(slug__in=spec["families"]))
    profile.skills.set(factories.skills(*spec["skills"]))
    profile.industries.set([factories.industry(slug) for slug in spec["industries"]])
    profile.extra_alert_role_families.set(RoleFamily.objects.filter(slug__in=spec["extra_alert_families"]))
    return profile


def _vacancy(spec: dict) -> Vacancy:
    family = factories.role_family(spec["family"])
    low, high = spec["salary"]
    factory = factories.PublishedVacancyFactory if spec["status"] == "published" else factories.ClosedVacancyFactory
    vacancy = factory(
        role_family=family,
        seniority=family.seniority,
        min_years=spec["min_years"],
        industry=factories.industry(spec["industry"]) if spec["industry"] else None,
        city=spec["city"],
        country=spec["country"],
        remote_policy=spec["remote"],
        salary_min=low,
        salary_max=high,
        salary_currency=spec["currency"],
        nice_to_have_skills=factories.skills(*spec["nice"]),
    )
    Importance = RequiredSkill.Importance
    RequiredSkill.objects.bulk_create(
        [
            RequiredSkill(vacancy=vacancy, skill=s, importance=Importance.MUST_HAVE)
            for s in factories.skills(*spec["must_have"])
        ]
        + [
            RequiredSkill(vacancy=vacancy, skill=s, importance=Importance.IMPORTANT)
            for s in factories.skills(*spec["important"])
        ]
    )
    return vacancy


@dataclass
class Outcome:
    pair: dict
    alerted: bool
    score: int | None
    must_have_misses: list[str]

    @property
    def agrees(self) -> bool:
        return self.alerted == self.pair["alert"]

    def describe(self) -> str:
        expected = "alert" if self.pair["alert"] else "no alert"
        got = "alerted" if self.alerted else "not alerted"
        score = "not stored" if self.score is None else f"score {self.score}"
        misses = f"; {' '.join(self.must_have_misses)}" if self.must_have_misses else ""
        return f"{self.pair['id']}: expected {expected}, {got} ({score}{misses}). Why: {self.pair['why']}"


def run_pair(pair: dict) -> Outcome:
    with transaction.atomic():
        profile = _candidate(pair["candidate"])
        vacancy = _vacancy(pair["vacancy"])
        if pair["candidate"]["applied"]:
            factories.ApplicationFactory(candidate=profile.user, vacancy=vacancy)
        vacancy_match_and_alert(vacancy=vacancy)
        alerted = Notification.objects.filter(kind=MATCH_ALERT, recipient=profile.user, vacancy=vacancy).exists()
        match = Match.objects.filter(candidate=profile, vacancy=vacancy).first()
        outcome = Outcome(
            pair=pair,
            alerted=alerted,
            score=match.score if match else None,
            must_have_misses=[row["must_have"] for row in match.breakdown if row.get("must_have")] if match else [],
        )
        transaction.set_rollback(True)
    return outcome


@dataclass
class Evaluation:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, *, expected: bool, alerted: bool) -> int:
        return sum(1 for o in self.outcomes if o.pair["alert"] == expected and o.alerted == alerted)

    @property
    def precision(self) -> float:
        true_positive = self.count(expected=True, alerted=True)
        alerted = true_positive + self.count(expected=False, alerted=True)
        return true_positive / alerted if alerted else 1.0

    @property
    def recall(self) -> float:
        true_positive = self.count(expected=True, alerted=True)
        expected = true_positive + self.count(expected=True, alerted=False)
        return true_positive / expected if expected else 1.0

    @property
    def disagreements(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.agrees]

    @property
    def passed(self) -> bool:
        return self.precision >= TARGET and self.recall >= TARGET

    def report(self) -> str:
        lines = [
            f"Alert decision on {len(self.outcomes)} labelled pairs "
            f"({self.count(expected=True, alerted=True) + self.count(expected=True, alerted=False)} should alert): "
            f"precision {self.precision:.3f}, recall {self.recall:.3f} (target >= {TARGET})",
            f"  alerted when they should: {self.count(expected=True, alerted=True)}, "
            f"alerted when they should not: {self.count(expected=False, alerted=True)}, "
            f"missed: {self.count(expected=True, alerted=False)}, "
            f"rightly not alerted: {self.count(expected=False, alerted=False)}",
        ]
        lines += [f"  DISAGREES {o.describe()}" for o in self.disagreements]
        return "\n".join(lines)


def evaluate(pairs: list[dict] | None = None) -> Evaluation:
    return Evaluation([run_pair(pair) for pair in (pairs if pairs is not None else load_pairs())])
