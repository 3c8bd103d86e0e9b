"""Demo data for `make run`: a lived-in agency site, plus one login per role.

The demo lives in the recruitment.demo package: the hand-written world (companies, vacancies in every
workflow state with their review trail, candidates with a one-page PDF CV each, applications with their
stage history, recruiter notes) is written by `DemoSeeder`, idempotently; `--candidates N --vacancies M`
adds generated data at scale with `BulkSeeder` (a re-run tops it up to N and M)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from recruitment.demo.people import DEMO_ACCOUNTS
from recruitment.demo.scale import BulkSeeder
from recruitment.demo.seeder import DemoSeeder
from recruitment.demo.world import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create demo companies, vacancies, candidates, applications and one account per role (idempotent); "
        "--candidates N --vacancies M add generated data at scale."
    )

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, default=0, help="Generated candidates to have in total.")
        parser.add_argument("--vacancies", type=int, default=0, help="Generated vacancies to have in total.")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Seed of the random generator (same seed, same data)."
        )
        parser.add_argument("--batch-size", type=int, default=5000, help="Rows generated per batch.")

    def handle(self, *args, **options):
        for name in ("candidates", "vacancies", "batch_size"):
            if options[name] < 0 or (name == "batch_size" and options[name] == 0):
                raise CommandError(f"--{name.replace('_', '-')} must be a positive number.")
        started = time.perf_counter()
        demo = DemoSeeder()
        with transaction.atomic():
            recruiter = demo.run()
        self.stdout.write(f"  demo: {demo.summary()} ({time.perf_counter() - started:.1f}s)")
        if options["candidates"] or options["vacancies"]:
            BulkSeeder(
                out=self.stdout,
                style=self.style,
                seed=options["seed"],
                batch_size=options["batch_size"],
                recruiter=recruiter,
            ).run(candidates=options["candidates"], vacancies=options["vacancies"])
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with:"))
        for email, role, _first, _last in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.label:<10} {email:<32} password: {DEMO_PASSWORD}")
