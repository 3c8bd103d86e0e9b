"""What one run of seed_demo shares with the builders of its rows: `DemoContext` for the hand-written
world (people.py, companies.py, applications.py), `ScaleContext` for the generated data
(scale_candidates.py, scale_vacancies.py, scale_applications.py), and `explicit_timestamps`."""

from __future__ import annotations

import datetime as dt
import random
import time
import zlib
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from recruitment.demo.world import DEMO_PASSWORD


class DemoContext:
    """The clock, the vocabularies by slug, the demo staff accounts (set once written), and the counts
    of what was added (for the summary) and of what is new (for the matches)."""

    recruiter: User
    employer: User

    def __init__(self) -> None:
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by the demo users
        self.families = {f.slug: f for f in RoleFamily.objects.all()}
        self.skills = {s.slug: s for s in Skill.objects.all()}
        self.industries = {i.slug: i for i in Industry.objects.all()}
        self.created: Counter[str] = Counter()
        self.new_profiles: list[CandidateProfile] = []
        self.new_vacancy_ids: set[int] = set()

    def ago(self, days: float, key: str) -> dt.datetime:
        """`days` before now, a few hours earlier still (fixed per `key`) so that events don't all
        fall at the same time of day. Events a day or more apart keep their order."""
        return self.now - dt.timedelta(days=days, minutes=zlib.crc32(key.encode()) % 360)

    @staticmethod
    def pick(table: dict, slugs: Iterable[str], what: str) -> list:
        unknown = [slug for slug in slugs if slug not in table]
        if unknown:
            raise CommandError(f"Demo data names unknown {what}: {', '.join(unknown)}")
        return [table[slug] for slug in slugs]


class ScaleContext:
    """The options, the clock, the vocabularies as pks, the companies and candidates to draw from,
    the counts of what was added, and the progress lines on stdout."""

    def __init__(self, *, out, style, seed: int, batch_size: int, recruiter: User):
        self.out = out
        self.style = style
        self.seed = seed
        self.batch_size = batch_size
        self.recruiter = recruiter
        self.now = timezone.now()
        self.started = time.perf_counter()
        self.families = dict(RoleFamily.objects.values_list("slug", "pk"))
        self.skills = list(Skill.objects.values_list("pk", "name"))
        self.industries = list(Industry.objects.values_list("pk", "name"))
        self.password = make_password(DEMO_PASSWORD)  # hashed once, shared by every generated user
        self.created = {"candidates": 0, "companies": 0, "vacancies": 0, "applications": 0}
        self.companies: list[tuple[int, str, int, str]] = []  # pk, name, industry pk, description
        self.candidate_ids: list[int] = []

    def rng(self, kind: str, start: int) -> random.Random:
        """The PRNG of the batch of `kind` that starts at `start`."""
        return random.Random(f"{self.seed}:{kind}:{start}")  # noqa: S311 - demo data, seeded on purpose

    def progress(self, what: str, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.started
        self.out.write(f"  {what:<12} {done:>9,} / {total:,}  ({elapsed:6.1f}s)")
        self.out.flush()


@contextmanager
def explicit_timestamps(*models):
    """Let demo rows carry realistic created/updated dates instead of "now"."""
    changed = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
