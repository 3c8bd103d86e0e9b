"""What a person types for a place, read as countries: names (in part), ISO codes and everyday names.

"UK", "GB", "GBR", "Great Britain", "England" and "United Kingdom" all mean GB; "USA", "US", "America" mean US;
"Holland" means NL; "Deutschland" means DE. Case, accents, dots and extra spaces do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata

from django_countries import countries

# Everyday and local names for the countries our clients hire in (the ISO names and codes need no entry).
ALIASES: dict[str, str] = {
    "uk": "GB",
    "u k": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "us": "US",
    "u s": "US",
    "usa": "US",
    "u s a": "US",
    "united states": "US",
    "america": "US",
    "holland": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "deutschland": "DE",
    "osterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "espana": "ES",
    "italia": "IT",
    "eire": "IE",
    "sverige": "SE",
    "danmark": "DK",
    "norge": "NO",
    "suomi": "FI",
    "polska": "PL",
    "czech republic": "CZ",
    "uae": "AE",
    "emirates": "AE",
    "turkey": "TR",
    "korea": "KR",
    "brasil": "BR",
}
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Lower case, without accents or punctuation, single spaces: "U.S.A." -> "u s a", "España" -> "espana"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_PUNCTUATION.sub(" ", plain.casefold()).split())


@functools.lru_cache(maxsize=1)
def _country_names() -> tuple[tuple[str, str], ...]:
    return tuple((code, normalise(str(name))) for code, name in countries)


def exact_country(text: str) -> str | None:
    """The one country `text` names outright: an everyday name, an ISO code (alpha-2 or alpha-3) or a full name."""
    wanted = normalise(text)
    compact = wanted.replace(" ", "")
    alias = ALIASES.get(wanted) or ALIASES.get(compact)
    if alias:
        return alias
    if len(compact) in (2, 3) and compact.isalpha():
        code = countries.alpha2(compact.upper())
        if code:
            return code
    return next((code for code, name in _country_names() if name == wanted), None)


def country_codes(text: str) -> set[str]:
    """The countries `text` names: the one it names outright, else every country whose name contains it
    (never for one or two letters, which would find "us" in Russia and "uk" in Ukraine)."""
    exact = exact_country(text)
    if exact:
        return {exact}
    wanted = normalise(text)
    if len(wanted) < 3:
        return set()
    return {code for code, name in _country_names() if wanted in name}
