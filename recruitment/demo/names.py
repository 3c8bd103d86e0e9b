"""Names for generated candidates, from Faker.

Per Faker locale, a pool of first names and one of last names is drawn once per run from a Faker
seeded with the run's seed, so the same seed gives the same people (and a top-up run the same
people as a run from scratch would). Drawing from the pools is as fast as from a plain list, which
matters at 100,000 candidates."""

from __future__ import annotations

import random
from collections.abc import Iterable

from django.utils.text import slugify
from faker import Faker

POOL_SIZE = 300  # names drawn per locale and kind: Faker's common names come up more than once, as in life
LOCAL_SHARE = 0.75  # how many people are named in a locale of the place they live in; the others in any

# Letters that Unicode does not decompose into a Latin letter and an accent.
_LATIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "œ": "oe"})


def name_slug(name: str) -> str:
    """The name in lowercase ASCII, for emails and profile URLs: "Søren Ødegård" -> "soren-odegard"."""
    return slugify(name.translate(_LATIN)) or "x"


class NamePools:
    """First and last names per Faker locale."""

    def __init__(self, locales: Iterable[str], *, seed: int) -> None:
        self.first: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for locale in dict.fromkeys(locales):
            fake = Faker(locale)
            fake.seed_instance(f"{seed}:names:{locale}")
            self.first[locale] = [fake.first_name() for _ in range(POOL_SIZE)]
            self.last[locale] = [fake.last_name() for _ in range(POOL_SIZE)]
        self.locales = list(self.first)

    def person(self, rng: random.Random, local: list[str]) -> tuple[str, str]:
        """A first and last name, mostly from one of the `local` locales."""
        locale = rng.choice(local if rng.random() < LOCAL_SHARE else self.locales)
        return rng.choice(self.first[locale]), rng.choice(self.last[locale])
