"""The hand-written demo world, read from data.json: companies, their vacancies with a review history,
candidates with the facts their profile and CV are made of, applications with their stage history, and
a few recruiter notes.

Plain data only (recruitment.demo.seeder turns it into rows). Times are "days ago", so everything is
placed relative to now and the site always looks fresh. Vocabulary values are the slugs of the seeded
role families, skills and industries (accounts/migrations/0002_seed_vocabularies.py)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_FILE = Path(__file__).with_name("data.json")

LUMEN = "Lumen Health"  # the demo employer's company
LUMEN_CPO = "chief-product-officer-lumen-health"  # the vacancy the demo employer's applicants page shows
DEMO_CANDIDATE_EMAIL = "candidate@northstar.example"
DEMO_PASSWORD = "northstar-demo-2026"  # noqa: S105 - every demo account's, printed by seed_demo; dev only

# A review or stage history: (status or stage it moved to, days ago), oldest first; the last one is current.
History = tuple[tuple[str, float], ...]


@functools.cache
def load_data() -> dict[str, Any]:
    """data.json as it is written (read once per process)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _history(pairs: list[list]) -> History:
    return tuple((status, days) for status, days in pairs)


# --- Companies -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCompany:
    name: str
    industry: str
    size: str
    description: str
    perks: str  # what its vacancies offer, completing "What we offer: ..."

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def website(self) -> str:
        return f"https://{self.slug.replace('-', '')}.example"


# --- Vacancies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoVacancy:
    title: str
    company: str
    family: str
    seniority: str
    min_years: int
    required: tuple[str, ...]
    nice: tuple[str, ...]
    city: str
    country: str
    remote: str
    salary: tuple[int, int]
    currency: str
    about: str
    duties: tuple[str, ...]
    bring: tuple[str, ...]
    history: History
    closes_in_days: int | None = 45
    employment_type: str = "FULL_TIME"
    rejection_reason: str = ""
    close_reason: str = ""

    @classmethod
    def from_data(cls, entry: dict[str, Any]) -> DemoVacancy:
        lists = ("required", "nice", "salary", "duties", "bring")
        return cls(**{**entry, **{key: tuple(entry[key]) for key in lists}, "history": _history(entry["history"])})

    @property
    def slug(self) -> str:
        return slugify(f"{self.title} {self.company}")

    @property
    def status(self) -> str:
        return self.history[-1][0]


def description(vacancy: DemoVacancy, company: DemoCompany) -> str:
    """The Markdown an employer would have written: the role, the work, the person, the terms
    (the vacancy page shows the company's own description beside it).

    Lists sit straight under a "Heading:" line, the way people write (vacancies.markup renders that),
    so it also reads well as plain text: the employer's own vacancy page shows it as written."""
    sections = [
        vacancy.about,
        "What you will do:\n" + "\n".join(f"- {line}" for line in vacancy.duties),
        "What you bring:\n" + "\n".join(f"- {line}" for line in vacancy.bring),
        f"How we work: {_working_pattern(vacancy)}",
        f"What we offer: {company.perks}",
    ]
    return "\n\n".join(sections)


def _working_pattern(vacancy: DemoVacancy) -> str:
    if vacancy.remote == "remote":
        return (
            f"remote within {_region(vacancy.country)}, with the whole team meeting in {vacancy.city} once a quarter."
        )
    if vacancy.remote == "hybrid":
        return f"hybrid, with two or three days a week in our {vacancy.city} office."
    return f"together in our {vacancy.city} office; we build better products in the same room."


def _region(country: str) -> str:
    return {"US": "North America", "GB": "the UK"}.get(country, "European time zones")


# --- Candidates --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCandidate:
    email: str
    first: str
    last: str
    headline: str
    title: str
    years: int
    seniority: str
    families: tuple[str, ...]
    skills: tuple[str, ...]
    industries: tuple[str, ...]
    city: str
    country: str
    remote: str
    salary_floor: int
    currency: str
    notice_weeks: int
    alerts: str
    joined_days_ago: int
    summary: str  # the CV's profile paragraph
    career: tuple[str, ...]  # the CV's experience, newest first: "2020 - today: Role, Company. What changed."
    relocate: bool = False
    open_to_opportunities: bool = True

    @classmethod
    def from_data(cls, entry: dict[str, Any]) -> DemoCandidate:
        lists = ("families", "skills", "industries", "career")
        return cls(**{**entry, **{key: tuple(entry[key]) for key in lists}})

    @property
    def linkedin_url(self) -> str:
        return f"https://www.linkedin.com/in/{slugify(f'{self.first} {self.last}')}-demo"


# --- Applications and notes ------------------------------------------------------------------


@dataclass(frozen=True)
class DemoApplication:
    candidate: str  # email
    vacancy: str  # slug
    steps: History  # starting at "applied"
    cover_letter: str = ""

    @classmethod
    def from_data(cls, entry: dict[str, Any]) -> DemoApplication:
        return cls(**{**entry, "steps": _history(entry["steps"])})

    @property
    def stage(self) -> str:
        return self.steps[-1][0]


@dataclass(frozen=True)
class DemoNote:
    candidate: str  # email
    vacancy: str | None  # slug of the application the note is about, if any
    days_ago: float
    body: str


_DATA = load_data()
COMPANIES = [DemoCompany(**entry) for entry in _DATA["companies"]]
VACANCIES = [DemoVacancy.from_data(entry) for entry in _DATA["vacancies"]]
CANDIDATES = [DemoCandidate.from_data(entry) for entry in _DATA["candidates"]]
APPLICATIONS = [DemoApplication.from_data(entry) for entry in _DATA["applications"]]
NOTES = [DemoNote(**entry) for entry in _DATA["notes"]]
