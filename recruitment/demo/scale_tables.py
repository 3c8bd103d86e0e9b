"""What the generator at scale draws from: data.json's `generated` section (places and their pay
levels, titles, headlines, company name parts, texts), as named tuples and lists."""

from __future__ import annotations

from typing import NamedTuple

from recruitment.demo.world import load_data


class Place(NamedTuple):
    country: str
    cities: list[str]
    currency: str
    pay_level: float  # pay against the euro-zone norm, in the local currency
    locales: list[str]  # Faker's locales for the names of the people who live there
    weight: int  # how often candidates and vacancies are there


class VacancyFamily(NamedTuple):
    family: str  # role family slug
    weight: int
    min_years: tuple[int, int]  # the range a vacancy's minimum years are drawn from
    areas: list[str]  # what follows the family's title ("Head of Product, Payments"); "" for none


_GENERATED = load_data()["generated"]

PLACES = [Place(**place) for place in _GENERATED["places"]]
PLACE_WEIGHTS = [place.weight for place in PLACES]
BASE_PAY: dict[str, int] = _GENERATED["base_pay"]  # yearly pay per seniority, in euros, before pay_level
FAMILIES_BY_SENIORITY: dict[str, list[str]] = _GENERATED["families_by_seniority"]
TITLES_BY_SENIORITY: dict[str, list[str]] = _GENERATED["titles_by_seniority"]
HEADLINES: list[str] = _GENERATED["headlines"]
VACANCY_FAMILIES = [VacancyFamily(**{**f, "min_years": tuple(f["min_years"])}) for f in _GENERATED["vacancy_families"]]
VACANCY_FAMILY_WEIGHTS = [f.weight for f in VACANCY_FAMILIES]
FAMILY_TITLES: dict[str, str] = _GENERATED["family_titles"]  # role family slug: its title
COMPANY_PREFIXES: list[str] = _GENERATED["company_prefixes"]
COMPANY_SUFFIXES: list[str] = _GENERATED["company_suffixes"]
COMPANY_SIZES: list[str] = _GENERATED["company_sizes"]
COMPANY_STAGES: list[str] = _GENERATED["company_stages"]
COMPANY_DESCRIPTION: str = _GENERATED["company_description"]  # a format string
VACANCY_FOCUS: list[str] = _GENERATED["vacancy_focus"]
VACANCY_DESCRIPTION: str = _GENERATED["vacancy_description"]  # a format string
COVER_LETTERS: list[str] = _GENERATED["cover_letters"]
REJECTION_REASONS: list[str] = _GENERATED["rejection_reasons"]


def round_to(value: float, step: int = 5_000) -> int:
    return max(step, round(value / step) * step)
