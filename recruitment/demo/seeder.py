"""`DemoSeeder` writes the hand-written demo world (recruitment.demo.world) into the tables.

Straight into the tables, as the generator at scale does, never through the workflow services: those
write Notification rows and enqueue Celery tasks, and demo data must not email anyone (the worker of
`make run` is already listening when seed_demo runs). It then computes the matches of the open demo
vacancies, so the admin ranking and "Matched for you" have data.

Idempotent: every demo row has a natural key (an email, a slug, a candidate and a vacancy). A row that
exists already is left as it is, so what someone changed while trying the demo survives the next
`make run`; only a missing profile CV is added back. The rows themselves are built by people.py,
companies.py, applications.py and placements.py."""

from __future__ import annotations

from collections.abc import Iterable

from accounts.models import CandidateProfile, User
from recruitment.demo import applications, companies, people, placements
from recruitment.demo.context import DemoContext, explicit_timestamps
from recruitment.demo.world import APPLICATIONS, CANDIDATES, COMPANIES, LUMEN, NOTES, VACANCIES
from recruitment.matching import candidate_match, vacancy_match
from vacancies.models import Application, Vacancy


class DemoSeeder(DemoContext):
    """Writes the demo world into the tables once: each row is created only if its natural key is new."""

    def run(self) -> User:
        """Write what is missing; returns the demo recruiter (the generator at scale credits them)."""
        with explicit_timestamps(CandidateProfile, Vacancy, Application):
            self.recruiter, self.employer = people.staff_accounts(self)
            demo_companies = {c.name: c for c in COMPANIES}
            rows = {name: companies.company(self, c) for name, c in demo_companies.items()}
            people.employer_profile(self, rows[LUMEN])
            profiles = {c.email: people.candidate(self, c) for c in CANDIDATES}
            vacancies = {
                v.slug: companies.vacancy(self, v, demo_companies[v.company], rows[v.company]) for v in VACANCIES
            }
            for a in APPLICATIONS:
                applications.application(self, a, profiles[a.candidate], vacancies[a.vacancy])
            for n in NOTES:
                applications.note(self, n, profiles[n.candidate], vacancies.get(n.vacancy))
            placements.placements(self, self.recruiter, vacancies.values())
        self.match(vacancies.values())
        return self.recruiter

    def summary(self) -> str:
        created = +self.created  # drops the zero counts
        if not created:
            return "everything exists already, nothing added"
        return "added " + ", ".join(f"{n} {what}" for what, n in created.items())

    # Matches --------------------------------------------------------------------------------

    def match(self, vacancies: Iterable[Vacancy]) -> None:
        """Rank candidates for the open demo vacancies that are new or were never ranked, and rank new
        demo candidates against the other open vacancies. (A large bulk seed is brought up to date
        with "Recompute matches" in the admin.)"""
        matched = set()
        for vacancy in vacancies:
            if vacancy.is_open and (vacancy.pk in self.new_vacancy_ids or not vacancy.matches.exists()):
                vacancy_match(vacancy=vacancy)
                matched.add(vacancy.pk)
        if self.new_profiles and Vacancy.objects.open().exclude(pk__in=matched).exists():
            for profile in self.new_profiles:
                candidate_match(profile=profile)
