"""Demo data for `make run`: a lived-in agency site, plus one login per role.

The demo world is written down in recruitment/management/demo_data.py: companies, vacancies in every
workflow state with their review trail, candidates with complete profiles and a one-page PDF CV each,
applications with their stage history, recruiter notes. `DemoSeeder` writes it straight into the tables
(as the bulk generator below does), never through the workflow services: those write Notification rows
and enqueue Celery tasks, and seed_demo runs before Redis starts and must not email anyone. It then
computes the matches of the open demo vacancies, so the admin ranking and "Matched for you" have data.

Idempotent: every demo row has a natural key (an email, a slug, a candidate and a vacancy). A row that
exists already is left as it is, so what someone changed while trying the demo survives the next
`make run`; only a missing profile CV is added back.

`--candidates N --vacancies M` adds generated data at scale (bulk inserts in batches, a seeded
PRNG, progress on stdout): varied candidates, companies, vacancies in every workflow status,
and applications with their stage history for the pipeline. With the scale options a re-run tops
the generated candidates/vacancies up to N and M."""

from __future__ import annotations

import datetime as dt
import random
import textwrap
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_countries import countries

from accounts.files import generate_private_name, safe_download_name
from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from accounts.validators import validate_cv_file
from recruitment.management.demo_data import (
    APPLICATIONS,
    CANDIDATES,
    COMPANIES,
    LUMEN,
    NOTES,
    VACANCIES,
    DemoApplication,
    DemoCandidate,
    DemoCompany,
    DemoNote,
    DemoVacancy,
    description,
)
from recruitment.matching import match_candidate, match_vacancy
from recruitment.models import RecruiterNote
from vacancies.models import Application, ApplicationStageChange, Company, EmployerProfile, Vacancy, VacancyStatusChange

DEMO_PASSWORD = "northstar-demo-2026"  # noqa: S105 - printed demo credential, dev only

DEMO_ACCOUNTS = [
    # email, role, first, last
    ("recruiter@northstar.example", User.Role.RECRUITER, "Rosa", "Lindqvist"),
    ("employer@lumenhealth.example", User.Role.EMPLOYER, "Ethan", "Okafor"),
    ("candidate@northstar.example", User.Role.CANDIDATE, "Camille", "Durand"),
]
DEMO_EMPLOYER_TITLE = "VP People"


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


# --- The hand-written demo world ---------------------------------------------------------


class DemoSeeder:
    """Writes demo_data into the tables once: each row is created only if its natural key is new."""

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

    def run(self) -> User:
        with explicit_timestamps(CandidateProfile, Vacancy, Application):
            self.recruiter, self.employer = self.staff_accounts()
            companies = {c.name: self.company(c) for c in COMPANIES}
            EmployerProfile.objects.update_or_create(
                user=self.employer, defaults={"company": companies[LUMEN], "job_title": DEMO_EMPLOYER_TITLE}
            )
            profiles = {c.email: self.candidate(c) for c in CANDIDATES}
            vacancies = {v.slug: self.vacancy(v, companies[v.company]) for v in VACANCIES}
            for a in APPLICATIONS:
                self.application(a, profiles[a.candidate], vacancies[a.vacancy])
            for n in NOTES:
                self.note(n, profiles[n.candidate], vacancies.get(n.vacancy))
        self.match(vacancies.values())
        return self.recruiter

    def summary(self) -> str:
        created = +self.created  # drops the zero counts
        if not created:
            return "everything exists already, nothing added"
        return "added " + ", ".join(f"{n} {what}" for what, n in created.items())

    # Helpers ---------------------------------------------------------------------------

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

    # Accounts and companies ---------------------------------------------------------------

    def user(self, email: str, role: str, first: str, last: str, *, joined: dt.datetime | None = None) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "password": self.password,
                "date_joined": joined or self.now,
            },
        )
        self.created["users"] += created
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def staff_accounts(self) -> tuple[User, User]:
        accounts = {role: self.user(email, role, first, last) for email, role, first, last in DEMO_ACCOUNTS}
        recruiter = accounts[User.Role.RECRUITER]
        recruiter.is_staff = True
        recruiter.save(update_fields=["is_staff"])
        recruiter.groups.add(Group.objects.get_or_create(name="Recruiters")[0])
        return recruiter, accounts[User.Role.EMPLOYER]

    def company(self, c: DemoCompany) -> Company:
        company, created = Company.objects.get_or_create(
            slug=c.slug,
            defaults={
                "name": c.name,
                "industry": self.pick(self.industries, [c.industry], "industries")[0],
                "size": c.size,
                "website": c.website,
                "description": c.description,
            },
        )
        self.created["companies"] += created
        return company

    # Candidates ---------------------------------------------------------------------------

    def candidate(self, c: DemoCandidate) -> CandidateProfile:
        joined = self.ago(c.joined_days_ago, c.email)
        user = self.user(c.email, User.Role.CANDIDATE, c.first, c.last, joined=joined)
        profile = CandidateProfile.objects.filter(user=user).first()
        if profile is None:
            profile = CandidateProfile(
                user=user,
                headline=c.headline,
                current_title=c.title,
                years_experience=c.years,
                seniority=c.seniority,
                city=c.city,
                country=c.country,
                remote_preference=c.remote,
                willing_to_relocate=c.relocate,
                salary_floor=c.salary_floor,
                salary_currency=c.currency,
                notice_period_weeks=c.notice_weeks,
                linkedin_url=c.linkedin_url,
                open_to_opportunities=c.open_to_opportunities,
                alert_frequency=c.alerts,
                consent_given_at=joined,
                created_at=joined,
                updated_at=joined + dt.timedelta(hours=1),
            )
            profile.full_clean(exclude=["user", "cv"])
            profile.save()
            profile.role_families.set(self.pick(self.families, c.families, "role families"))
            profile.skills.set(self.pick(self.skills, c.skills, "skills"))
            profile.industries.set(self.pick(self.industries, c.industries, "industries"))
            self.created["candidates"] += 1
            self.new_profiles.append(profile)
        if not profile.cv:
            self.attach_cv(profile, c, at=joined + dt.timedelta(minutes=40))
        return profile

    def attach_cv(self, profile: CandidateProfile, c: DemoCandidate, *, at: dt.datetime) -> None:
        """Store a generated PDF CV the way the upload does: checked, under a server-generated name."""
        original = safe_download_name(f"{c.first} {c.last} CV.pdf", fallback="cv")
        content = candidate_cv_pdf(
            c,
            skills=[s.name for s in self.pick(self.skills, c.skills, "skills")],
            industries=[i.name for i in self.pick(self.industries, c.industries, "industries")],
        )
        validate_cv_file(ContentFile(content, name=original))
        profile.cv.save(generate_private_name(".pdf"), ContentFile(content), save=False)
        profile.cv_original_name = original
        profile.cv_uploaded_at = at
        profile.save(update_fields=["cv", "cv_original_name", "cv_uploaded_at"])
        self.created["CVs"] += 1

    # Vacancies ----------------------------------------------------------------------------

    def vacancy(self, v: DemoVacancy, company: Company) -> Vacancy:
        existing = Vacancy.objects.filter(slug=v.slug).first()
        if existing is not None:
            return existing
        at = {status: self.ago(days, f"{v.slug}:{status}") for status, days in v.history}
        creator = self.employer if v.company == LUMEN else self.recruiter
        vacancy = Vacancy(
            company=company,
            created_by=creator,
            title=v.title,
            slug=v.slug,
            role_family=self.pick(self.families, [v.family], "role families")[0],
            seniority=v.seniority,
            min_years=v.min_years,
            industry=company.industry,
            city=v.city,
            country=v.country,
            remote_policy=v.remote,
            salary_min=v.salary[0],
            salary_max=v.salary[1],
            salary_currency=v.currency,
            employment_type=v.employment_type,
            description=description(v, next(c for c in COMPANIES if c.name == v.company)),
            closes_on=None if v.closes_in_days is None else self.today + dt.timedelta(days=v.closes_in_days),
            status=v.status,
            rejection_reason=v.rejection_reason,
            close_reason=v.close_reason,
            submitted_at=at.get(Vacancy.Status.PENDING_REVIEW),
            published_at=at.get(Vacancy.Status.PUBLISHED),
            closed_at=at.get(Vacancy.Status.CLOSED),
            created_at=at[Vacancy.Status.DRAFT],
            updated_at=max(at.values()),
        )
        vacancy.full_clean()
        vacancy.save()
        vacancy.required_skills.set(self.pick(self.skills, v.required, "skills"))
        vacancy.nice_to_have_skills.set(self.pick(self.skills, v.nice, "skills"))
        VacancyStatusChange.objects.bulk_create(self.status_trail(v, vacancy, at, creator))
        self.created["vacancies"] += 1
        self.new_vacancy_ids.add(vacancy.pk)
        return vacancy

    def status_trail(
        self, v: DemoVacancy, vacancy: Vacancy, at: dict[str, dt.datetime], creator: User
    ) -> list[VacancyStatusChange]:
        """Drafted and submitted by whoever wrote it; published, rejected or closed by the recruiter."""
        notes = {Vacancy.Status.REJECTED: v.rejection_reason, Vacancy.Status.CLOSED: v.close_reason.capitalize()}
        trail, previous = [], ""
        for status, _days in v.history:
            by = creator if status in {Vacancy.Status.DRAFT, Vacancy.Status.PENDING_REVIEW} else self.recruiter
            trail.append(
                VacancyStatusChange(
                    vacancy=vacancy,
                    from_status=previous,
                    to_status=status,
                    by=by,
                    note=notes.get(status, ""),
                    at=at[status],
                )
            )
            previous = status
        return trail

    # Applications and notes ------------------------------------------------------------------

    def application(self, a: DemoApplication, profile: CandidateProfile, vacancy: Vacancy) -> None:
        candidate = profile.user
        if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
            return
        steps = [(stage, self.ago(days, f"{a.vacancy}:{a.candidate}:{stage}")) for stage, days in a.steps]
        application = Application(
            candidate=candidate,
            vacancy=vacancy,
            cover_letter=a.cover_letter,
            stage=a.stage,
            stage_changed_at=steps[-1][1],
            created_at=steps[0][1],
            updated_at=steps[-1][1],
        )
        application.full_clean(exclude=["cv"])
        # The application keeps its own copy of the CV, as application_submit does.
        with profile.cv.open("rb") as fh:
            application.cv.save(generate_private_name(".pdf"), ContentFile(fh.read()), save=False)
        application.cv_original_name = profile.cv_original_name
        application.save()
        employer_moves = vacancy.company.name == LUMEN
        changes, previous = [], ""
        for stage, at in steps:
            if stage in {Application.Stage.APPLIED, Application.Stage.WITHDRAWN}:
                by = candidate
            elif employer_moves and stage in {Application.Stage.SHORTLISTED, Application.Stage.REJECTED}:
                by = self.employer
            else:
                by = self.recruiter
            changes.append(
                ApplicationStageChange(application=application, from_stage=previous, to_stage=stage, by=by, at=at)
            )
            previous = stage
        ApplicationStageChange.objects.bulk_create(changes)
        self.created["applications"] += 1

    def note(self, n: DemoNote, profile: CandidateProfile, vacancy: Vacancy | None) -> None:
        application = Application.objects.filter(candidate=profile.user, vacancy=vacancy).first() if vacancy else None
        _note, created = RecruiterNote.objects.get_or_create(
            candidate=profile,
            body=n.body,
            defaults={
                "application": application,
                "author": self.recruiter,
                "created_at": self.ago(n.days_ago, n.body),
            },
        )
        self.created["recruiter notes"] += created

    # Matches --------------------------------------------------------------------------------

    def match(self, vacancies: Iterable[Vacancy]) -> None:
        """Rank candidates for the open demo vacancies that are new or were never ranked, and rank new
        demo candidates against the other open vacancies. (A large bulk seed is brought up to date
        with "Recompute matches" in the admin.)"""
        matched = set()
        for vacancy in vacancies:
            if vacancy.is_open and (vacancy.pk in self.new_vacancy_ids or not vacancy.matches.exists()):
                match_vacancy(vacancy=vacancy)
                matched.add(vacancy.pk)
        if self.new_profiles and Vacancy.objects.open().exclude(pk__in=matched).exists():
            for profile in self.new_profiles:
                match_candidate(profile=profile)


# --- A one-page PDF CV ----------------------------------------------------------------------


def candidate_cv_pdf(c: DemoCandidate, *, skills: Sequence[str], industries: Sequence[str]) -> bytes:
    """The candidate's CV: name, headline, contact line, profile, experience, skills."""
    place = f"{c.city}, {countries.name(c.country)}"
    lines: list[tuple[str, int, str]] = [
        ("F2", 20, f"{c.first} {c.last}"),
        ("F1", 12, c.headline),
        ("F1", 9, f"{place}  |  {c.email}  |  {c.linkedin_url.removeprefix('https://www.')}"),
        ("", 10, ""),
        ("F2", 12, "Profile"),
        *_wrapped("F1", 10, c.summary),
        ("", 10, ""),
        ("F2", 12, "Experience"),
    ]
    for entry in c.career:
        period_and_role, _, detail = entry.partition(". ")
        lines.extend(_wrapped("F2", 10, period_and_role.rstrip(".")))
        if detail:
            lines.extend(_wrapped("F1", 10, detail))
        lines.append(("", 5, ""))
    lines += [
        ("", 5, ""),
        ("F2", 12, "Skills"),
        *_wrapped("F1", 10, ", ".join(skills)),
        ("", 10, ""),
        ("F2", 12, "Industries"),
        *_wrapped("F1", 10, ", ".join(industries)),
        ("", 10, ""),
        ("F1", 9, f"{c.years} years of product experience. Notice period: {c.notice_weeks} weeks."),
    ]
    return text_pdf(lines, title=f"{c.first} {c.last} - CV")


def _wrapped(font: str, size: int, text: str) -> list[tuple[str, int, str]]:
    width = int(480 / (size * 0.52))  # Helvetica is about half an em wide per character
    return [(font, size, line) for line in textwrap.wrap(text, width)]


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", errors="replace") + b")"


def text_pdf(lines: Sequence[tuple[str, int, str]], *, title: str) -> bytes:
    """A minimal, valid one-page A4 PDF: lines of (font F1 regular or F2 bold, size, text), top down.
    An empty text is vertical space. Standard Helvetica fonts, WinAnsi encoding, nothing embedded."""
    ops, y = [], 800.0
    for font, size, text in lines:
        if text:
            ops.append(b"BT /%s %d Tf 56 %.1f Td %s Tj ET" % (font.encode(), size, y, _pdf_string(text)))
            y -= size * 1.4
        else:
            y -= size * 1.2
    stream = b"\n".join(ops)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title %s /Producer (Northstar demo data) >>" % _pdf_string(title),
    ]
    pdf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, len(objects), xref)
    return bytes(pdf + b"%%EOF\n")


# --- Generated data at scale ---------------------------------------------------------

SEED_CANDIDATE_DOMAIN = "candidates.example.net"  # marks generated candidates (counted for top-ups)
SEED_VACANCY_SLUG = r"-v[0-9]{6}$"  # generated vacancy slugs end in -v000123
SEED_COMPANY_SLUG = r"-c[0-9]{5}$"  # generated company slugs end in -c00012

FIRST_NAMES = [
    "Aisha",
    "Alejandro",
    "Amara",
    "Anders",
    "Anna",
    "Arjun",
    "Astrid",
    "Beatriz",
    "Ben",
    "Camille",
    "Carlos",
    "Chiara",
    "Chloe",
    "Daniel",
    "Dara",
    "Elena",
    "Elif",
    "Emma",
    "Erik",
    "Fatima",
    "Felix",
    "Freya",
    "Gabriel",
    "Hana",
    "Hannah",
    "Ibrahim",
    "Ines",
    "Isabel",
    "Ivan",
    "Jakob",
    "James",
    "Jana",
    "Jonas",
    "Julia",
    "Kai",
    "Karim",
    "Katarzyna",
    "Kenji",
    "Lara",
    "Laura",
    "Leila",
    "Lena",
    "Leo",
    "Lina",
    "Lucas",
    "Luca",
    "Maja",
    "Malik",
    "Marco",
    "Maria",
    "Mateo",
    "Maya",
    "Mehmet",
    "Mia",
    "Milan",
    "Nadia",
    "Nia",
    "Niamh",
    "Nikolai",
    "Noah",
    "Nora",
    "Olga",
    "Oliver",
    "Omar",
    "Oscar",
    "Paula",
    "Pedro",
    "Priya",
    "Rafael",
    "Rania",
    "Rosa",
    "Ruben",
    "Samir",
    "Sara",
    "Sofia",
    "Sven",
    "Tariq",
    "Thomas",
    "Tomas",
    "Valentina",
    "Victor",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
    "Zofia",
]
LAST_NAMES = [
    "Abadi",
    "Andersen",
    "Bakker",
    "Becker",
    "Bianchi",
    "Brennan",
    "Carvalho",
    "Castro",
    "Chen",
    "Costa",
    "Dahl",
    "Dubois",
    "Eriksson",
    "Fischer",
    "Fernandes",
    "Garcia",
    "Gonzalez",
    "Haddad",
    "Hansen",
    "Hoffmann",
    "Horvath",
    "Ivanova",
    "Jansen",
    "Jensen",
    "Kaur",
    "Keller",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Laurent",
    "Lehmann",
    "Lindqvist",
    "Lopez",
    "Martin",
    "Meyer",
    "Moreau",
    "Murphy",
    "Nagy",
    "Nielsen",
    "Novak",
    "Nowak",
    "O'Brien",
    "Okafor",
    "Olsen",
    "Patel",
    "Pereira",
    "Petrov",
    "Popescu",
    "Quinn",
    "Ramos",
    "Richter",
    "Rossi",
    "Ruiz",
    "Santos",
    "Schmidt",
    "Schneider",
    "Silva",
    "Singh",
    "Sorensen",
    "Takahashi",
    "Torres",
    "Van Dijk",
    "Varga",
    "Vermeulen",
    "Wagner",
    "Walsh",
    "Weber",
    "Wojcik",
    "Yilmaz",
    "Young",
    "Zielinski",
    "Zimmermann",
]

# country, cities, currency, pay level against the euro-zone norm, weight
PLACES = [
    ("GB", ["London", "Manchester", "Edinburgh", "Bristol"], "GBP", 0.86, 16),
    ("DE", ["Berlin", "Munich", "Hamburg", "Cologne"], "EUR", 1.0, 14),
    ("NL", ["Amsterdam", "Rotterdam", "Utrecht"], "EUR", 1.0, 9),
    ("FR", ["Paris", "Lyon", "Bordeaux"], "EUR", 0.95, 8),
    ("ES", ["Madrid", "Barcelona", "Valencia"], "EUR", 0.8, 6),
    ("IE", ["Dublin", "Cork"], "EUR", 1.05, 4),
    ("SE", ["Stockholm", "Gothenburg"], "SEK", 11.0, 4),
    ("DK", ["Copenhagen", "Aarhus"], "DKK", 7.5, 3),
    ("NO", ["Oslo"], "NOK", 11.5, 2),
    ("CH", ["Zurich", "Geneva", "Basel"], "CHF", 1.35, 3),
    ("PL", ["Warsaw", "Krakow", "Wroclaw"], "PLN", 2.6, 4),
    ("PT", ["Lisbon", "Porto"], "EUR", 0.7, 4),
    ("IT", ["Milan", "Rome", "Turin"], "EUR", 0.85, 4),
    ("FI", ["Helsinki"], "EUR", 0.95, 2),
    ("BE", ["Brussels", "Antwerp"], "EUR", 0.95, 2),
    ("AT", ["Vienna"], "EUR", 0.95, 2),
    ("US", ["New York", "San Francisco", "Austin", "Boston"], "USD", 1.55, 10),
    ("CA", ["Toronto", "Vancouver", "Montreal"], "CAD", 1.5, 3),
]
PLACE_WEIGHTS = [p[4] for p in PLACES]

# Yearly pay of a role at each seniority, in euros (before the country's level).
BASE_PAY = {"principal": 95_000, "director": 120_000, "head": 135_000, "vp": 165_000, "executive": 200_000}
FAMILIES_BY_SENIORITY = {
    "principal": ["group-product-manager", "principal-product-manager", "director-of-product"],
    "director": ["director-of-product", "head-of-product", "group-product-manager"],
    "head": ["head-of-product", "director-of-product", "vp-product"],
    "vp": ["vp-product", "head-of-product", "chief-product-officer"],
    "executive": ["chief-product-officer", "vp-product"],
}
TITLES_BY_SENIORITY = {
    "principal": ["Principal Product Manager", "Group Product Manager", "Lead Product Manager"],
    "director": ["Director of Product", "Senior Director of Product", "Group Product Manager"],
    "head": ["Head of Product", "Director of Product", "Head of Product Management"],
    "vp": ["VP Product", "SVP Product", "Head of Product"],
    "executive": ["Chief Product Officer", "VP Product", "Chief Product and Technology Officer"],
}
# role family slug, weight, min years range, title areas
VACANCY_FAMILIES = [
    ("chief-product-officer", 10, (12, 16), [""]),
    ("vp-product", 15, (10, 13), ["", "Platform", "Consumer", "Enterprise"]),
    ("head-of-product", 30, (7, 10), ["", "Payments", "Growth", "Data", "Mobile", "Core Platform", "Marketplace"]),
    ("director-of-product", 20, (6, 9), ["Platform", "Growth", "AI", "Commerce", "Developer Experience"]),
    ("group-product-manager", 15, (5, 8), ["Growth", "Onboarding", "Monetisation", "Search", "Integrations"]),
    ("principal-product-manager", 10, (5, 8), ["Pricing", "Trust and Safety", "APIs", "Personalisation"]),
]
HEADLINES = [
    "{title} who scaled {industry} products from Series A to IPO",
    "{title}, {years} years building {industry} products people pay for",
    "Product leader in {industry}: strategy, teams and outcomes",
    "{title} with a track record in {skill} and {skill2}",
    "Builder of high-performing product teams in {industry}",
    "{title} focused on {skill} for {industry}",
    "From discovery to P&L: {years} years of product leadership",
    "Data-informed {title_lower} for {industry} scale-ups",
    "{title}; led {team} PMs and designers across {countries} countries",
    "Turning {industry} strategy into shipped products",
]
COMPANY_PREFIXES = [
    "Bright",
    "Lumen",
    "North",
    "Harbour",
    "Field",
    "Cedar",
    "Atlas",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quartz",
    "Riverstone",
    "Silver",
    "Summit",
    "Tidal",
    "Vantage",
    "Willow",
    "Aurora",
    "Beacon",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Helix",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lattice",
    "Meridian",
]
COMPANY_SUFFIXES = [
    "Health",
    "Pay",
    "Commerce",
    "Analytics",
    "Mobility",
    "Labs",
    "Systems",
    "Cloud",
    "Logistics",
    "Learning",
    "Energy",
    "Media",
    "Insurance",
    "Security",
    "Travel",
    "Works",
    "Finance",
    "Data",
    "Robotics",
    "Foods",
]
COMPANY_SIZES = ["1-50", "51-250", "251-1000", "1001-5000", "5000+"]
COVER_LETTERS = [
    "I have led product teams through exactly this stage of growth and would love to talk.",
    "Your mission resonates with me; I bring {years} years of product leadership.",
    "I am excited by the challenge of building the product organisation you describe.",
    "",
]
REJECTION_REASONS = [
    "Please state the bonus and equity terms next to the salary band.",
    "The description is too short for a leadership role: add the team size and the scope.",
    "The minimum years look high for this title; please check them.",
]
# Per step, the chance an application moves on from the stage it is in.
PROGRESSION = {"applied": 0.65, "screening": 0.6, "shortlisted": 0.6, "interview": 0.4, "offer": 0.7}


@contextmanager
def explicit_timestamps(*models):
    """Let generated rows carry realistic created/updated dates instead of "now"."""
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


def _round_to(value: float, step: int = 5_000) -> int:
    return max(step, round(value / step) * step)


class BulkSeeder:
    """Generates candidates, companies, vacancies and applications with bulk inserts, batch by batch.

    Each batch is one transaction and the data of a batch comes from a PRNG seeded with the seed and
    the batch's first index, so the same command on an empty database gives the same data, and a
    re-run only adds what is missing."""

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

    def rng(self, kind: str, start: int) -> random.Random:
        return random.Random(f"{self.seed}:{kind}:{start}")

    def progress(self, what: str, done: int, total: int) -> None:
        elapsed = time.perf_counter() - self.started
        self.out.write(f"  {what:<12} {done:>9,} / {total:,}  ({elapsed:6.1f}s)")
        self.out.flush()

    def run(self, *, candidates: int, vacancies: int) -> None:
        if candidates:
            self.seed_candidates(candidates)
        if vacancies:
            self.seed_companies(max(5, vacancies // 8))
            self.seed_vacancies(vacancies)
        elapsed = time.perf_counter() - self.started
        summary = ", ".join(f"{n:,} {what}" for what, n in self.created.items())
        self.out.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.1f}s."))

    # Candidates ------------------------------------------------------------------

    def seed_candidates(self, total: int) -> None:
        existing = User.objects.filter(email__endswith=f"@{SEED_CANDIDATE_DOMAIN}").count()
        if existing >= total:
            self.out.write(f"  candidates: {existing:,} generated already, nothing to add")
            return
        self.progress("candidates", existing, total)
        for start in range(existing, total, self.batch_size):
            stop = min(start + self.batch_size, total)
            with transaction.atomic(), explicit_timestamps(CandidateProfile):
                self._candidate_batch(start, stop)
            self.created["candidates"] += stop - start
            self.progress("candidates", stop, total)

    def _candidate_batch(self, start: int, stop: int) -> None:
        rng = self.rng("candidates", start)
        people = [self._person(rng, i) for i in range(start, stop)]
        users = User.objects.bulk_create(
            [
                User(
                    email=p["email"],
                    first_name=p["first"],
                    last_name=p["last"],
                    role=User.Role.CANDIDATE,
                    password=self.password,
                    date_joined=p["joined"],
                )
                for p in people
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        profiles = CandidateProfile.objects.bulk_create(
            [CandidateProfile(user=u, **p["profile"]) for u, p in zip(users, people, strict=True)]
        )
        through = CandidateProfile.role_families.through
        through.objects.bulk_create(
            [
                through(candidateprofile_id=profile.pk, rolefamily_id=family)
                for profile, p in zip(profiles, people, strict=True)
                for family in p["families"]
            ]
        )
        through = CandidateProfile.skills.through
        through.objects.bulk_create(
            [
                through(candidateprofile_id=profile.pk, skill_id=skill)
                for profile, p in zip(profiles, people, strict=True)
                for skill in p["skills"]
            ]
        )
        through = CandidateProfile.industries.through
        through.objects.bulk_create(
            [
                through(candidateprofile_id=profile.pk, industry_id=industry)
                for profile, p in zip(profiles, people, strict=True)
                for industry in p["industries"]
            ]
        )

    def _person(self, rng: random.Random, index: int) -> dict:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{slugify(first)}.{slugify(last)}.{index}@{SEED_CANDIDATE_DOMAIN}"
        years = min(30, max(3, int(rng.gauss(11, 4.5))))
        seniority = (
            "principal" if years < 8 else "director" if years < 11 else "head" if years < 14 else "vp"
            if years < 18 else "executive"
        )  # fmt: skip
        if rng.random() < 0.2:  # careers are not a ladder
            seniority = rng.choice(list(BASE_PAY))
        country, cities, currency, level, _weight = rng.choices(PLACES, weights=PLACE_WEIGHTS)[0]
        family_slugs = FAMILIES_BY_SENIORITY[seniority]
        families = [family_slugs[0]] + ([rng.choice(family_slugs[1:])] if rng.random() < 0.55 else [])
        skills = rng.sample(self.skills, rng.randint(4, 9))
        industries = rng.sample(self.industries, rng.choices([1, 2, 3], weights=[45, 40, 15])[0])
        title = rng.choice(TITLES_BY_SENIORITY[seniority])
        headline = rng.choice(HEADLINES).format(
            title=title,
            title_lower=title.lower(),
            years=years,
            industry=industries[0][1].lower() if industries[0][1] != "B2B SaaS" else "B2B SaaS",
            skill=skills[0][1].lower(),
            skill2=skills[1][1].lower(),
            team=rng.choice([6, 8, 12, 15, 20, 30, 45]),
            countries=rng.choice([2, 3, 4, 5]),
        )[:160]
        joined = self.now - dt.timedelta(days=rng.uniform(1, 720))
        consented = rng.random() < 0.92
        return {
            "email": email,
            "first": first,
            "last": last,
            "joined": joined,
            "families": [self.families[s] for s in families],
            "skills": [pk for pk, _name in skills],
            "industries": [pk for pk, _name in industries],
            "profile": {
                "headline": headline,
                "current_title": title,
                "years_experience": years,
                "seniority": seniority,
                "city": rng.choice(cities),
                "country": country,
                "remote_preference": rng.choices(["any", "hybrid", "remote", "onsite"], weights=[35, 35, 20, 10])[0],
                "willing_to_relocate": rng.random() < 0.25,
                "salary_floor": _round_to(BASE_PAY[seniority] * level * rng.uniform(0.8, 1.15)),
                "salary_currency": currency,
                "notice_period_weeks": rng.choice([4, 4, 8, 12, 12, 13, 26]),
                "linkedin_url": f"https://www.linkedin.com/in/{slugify(first)}-{slugify(last)}-{index}",
                "open_to_opportunities": rng.random() < 0.85,
                "alert_frequency": rng.choices(["instant", "daily", "weekly", "off"], weights=[40, 30, 20, 10])[0],
                "consent_given_at": joined if consented else None,
                "created_at": joined,
                "updated_at": joined + dt.timedelta(days=rng.uniform(0, (self.now - joined).days)),
            },
        }

    # Companies and vacancies ----------------------------------------------------------

    def seed_companies(self, total: int) -> None:
        existing = Company.objects.filter(slug__regex=SEED_COMPANY_SLUG).count()
        if existing < total:
            rng = self.rng("companies", existing)
            pairs = len(COMPANY_PREFIXES) * len(COMPANY_SUFFIXES)
            companies = []
            for j in range(existing, total):
                prefix = COMPANY_PREFIXES[j % len(COMPANY_PREFIXES)]
                # Every prefix meets every suffix once in the first prefixes x suffixes companies.
                suffix = COMPANY_SUFFIXES[(j + j // len(COMPANY_PREFIXES)) % len(COMPANY_SUFFIXES)]
                name = f"{prefix} {suffix}" + (f" {j // pairs + 1}" if j >= pairs else "")
                industry_pk, industry_name = rng.choice(self.industries)
                companies.append(
                    Company(
                        name=name,
                        slug=f"{slugify(name)}-c{j:05d}",
                        website=f"https://{slugify(name)}.example",
                        industry_id=industry_pk,
                        size=rng.choice(COMPANY_SIZES),
                        description=f"{name} builds software for {industry_name.lower()}; "
                        f"{rng.choice(['profitable', 'venture-backed', 'listed', 'bootstrapped'])} "
                        f"and hiring across {rng.randint(2, 12)} countries.",
                    )
                )
            with transaction.atomic():
                Company.objects.bulk_create(companies, batch_size=self.batch_size)
            self.created["companies"] += len(companies)
        self.companies = list(Company.objects.values_list("pk", "name", "industry_id", "description"))

    def seed_vacancies(self, total: int) -> None:
        existing = Vacancy.objects.filter(slug__regex=SEED_VACANCY_SLUG).count()
        if existing >= total:
            self.out.write(f"  vacancies: {existing:,} generated already, nothing to add")
            return
        self.candidate_ids = list(
            User.objects.filter(role=User.Role.CANDIDATE, candidate_profile__isnull=False).values_list("pk", flat=True)
        )
        self.progress("vacancies", existing, total)
        for start in range(existing, total, self.batch_size):
            stop = min(start + self.batch_size, total)
            with transaction.atomic(), explicit_timestamps(Vacancy, Application):
                self._vacancy_batch(start, stop)
            self.created["vacancies"] += stop - start
            self.progress("vacancies", stop, total)

    def _vacancy_batch(self, start: int, stop: int) -> None:
        rng = self.rng("vacancies", start)
        plans = [self._vacancy_plan(rng, i) for i in range(start, stop)]
        vacancies = Vacancy.objects.bulk_create([p["vacancy"] for p in plans])
        changes = []
        for vacancy, plan in zip(vacancies, plans, strict=True):
            for from_status, to_status, at in plan["history"]:
                by = self.recruiter if to_status in {"published", "rejected"} else None
                note = vacancy.rejection_reason if to_status == "rejected" else ""
                changes.append(
                    VacancyStatusChange(
                        vacancy=vacancy, from_status=from_status, to_status=to_status, by=by, note=note, at=at
                    )
                )
        VacancyStatusChange.objects.bulk_create(changes)
        for field, key in (("required_skills", "required"), ("nice_to_have_skills", "nice")):
            through = getattr(Vacancy, field).through
            through.objects.bulk_create(
                [
                    through(vacancy_id=vacancy.pk, skill_id=skill)
                    for vacancy, plan in zip(vacancies, plans, strict=True)
                    for skill in plan[key]
                ]
            )
        self._applications(rng, vacancies, plans)

    def _vacancy_plan(self, rng: random.Random, index: int) -> dict:
        family, _w, (low, high), areas = rng.choices(VACANCY_FAMILIES, weights=[f[1] for f in VACANCY_FAMILIES])[0]
        seniority = {
            "chief-product-officer": "executive",
            "vp-product": "vp",
            "head-of-product": "head",
            "director-of-product": "director",
        }.get(family, "principal")
        area = rng.choice(areas)
        family_name = next(name for name, slug in FAMILY_NAMES.items() if slug == family)
        title = f"{family_name}, {area}" if area else family_name
        company_pk, company_name, industry_pk, company_description = rng.choice(self.companies)
        country, cities, currency, level, _weight = rng.choices(PLACES, weights=PLACE_WEIGHTS)[0]
        salary_min = _round_to(BASE_PAY[seniority] * level * rng.uniform(0.85, 1.05))
        salary_max = _round_to(salary_min * rng.uniform(1.15, 1.35))
        status = rng.choices(
            ["published", "pending_review", "draft", "closed", "rejected", "expired"], weights=[70, 10, 7, 7, 3, 3]
        )[0]
        created = self.now - dt.timedelta(days=rng.uniform(2, 150))
        submitted = created + dt.timedelta(days=rng.uniform(0, 1.5))
        published = submitted + dt.timedelta(days=rng.uniform(0.1, 0.5))
        history = [("", "draft", created)]
        if status != "draft":
            history.append(("draft", "pending_review", submitted))
        if status == "rejected":
            history.append(("pending_review", "rejected", published))
        if status in {"published", "closed", "expired"}:
            history.append(("pending_review", "published", published))
        today = timezone.localdate()
        closes_on = None if rng.random() < 0.2 else today + dt.timedelta(days=rng.randint(7, 75))
        closed_at = None
        if status in {"closed", "expired"}:
            closed_at = min(self.now, published + dt.timedelta(days=rng.uniform(10, 60)))
            history.append(("published", status, closed_at))
            if status == "expired":
                closes_on = timezone.localdate(closed_at) - dt.timedelta(days=1)
        vacancy = Vacancy(
            company_id=company_pk,
            title=title,
            slug=f"{slugify(title)}-{slugify(company_name)}-v{index:06d}"[-160:].lstrip("-"),
            role_family_id=self.families[family],
            seniority=seniority,
            min_years=rng.randint(low, high),
            industry_id=industry_pk,
            city=rng.choice(cities),
            country=country,
            remote_policy=rng.choices(["hybrid", "remote", "onsite"], weights=[50, 30, 20])[0],
            salary_min=salary_min,
            salary_max=salary_max,
            salary_currency=currency,
            employment_type=rng.choices(["FULL_TIME", "CONTRACTOR", "TEMPORARY"], weights=[90, 6, 4])[0],
            description=_generated_description(title, company_name, company_description, rng),
            closes_on=closes_on,
            status=status,
            rejection_reason=rng.choice(REJECTION_REASONS) if status == "rejected" else "",
            close_reason="filled" if status == "closed" else "",
            submitted_at=submitted if status != "draft" else None,
            published_at=published if status in {"published", "closed", "expired"} else None,
            closed_at=closed_at,
            created_at=created,
            updated_at=history[-1][2],
        )
        required = rng.sample(self.skills, rng.randint(3, 5))
        nice = rng.sample([s for s in self.skills if s not in required], rng.randint(1, 3))
        return {
            "vacancy": vacancy,
            "history": history,
            "required": [pk for pk, _name in required],
            "nice": [pk for pk, _name in nice],
        }

    def _applications(self, rng: random.Random, vacancies: list[Vacancy], plans: list[dict]) -> None:
        if not self.candidate_ids:
            return
        applications, stage_plans = [], []
        for vacancy in vacancies:
            if vacancy.published_at is None:
                continue
            count = min(len(self.candidate_ids), int(rng.expovariate(1 / 4)))
            window_end = vacancy.closed_at or self.now
            for candidate_id in rng.sample(self.candidate_ids, count):
                applied_at = vacancy.published_at + (window_end - vacancy.published_at) * rng.random() * 0.8
                stages = self._stage_path(rng, applied_at, open_=vacancy.closed_at is None)
                applications.append(
                    Application(
                        candidate_id=candidate_id,
                        vacancy=vacancy,
                        cover_letter=rng.choice(COVER_LETTERS).format(years=rng.randint(6, 20)),
                        stage=stages[-1][0],
                        stage_changed_at=stages[-1][1],
                        created_at=applied_at,
                        updated_at=stages[-1][1],
                    )
                )
                stage_plans.append(stages)
        Application.objects.bulk_create(applications)
        changes = []
        for application, stages in zip(applications, stage_plans, strict=True):
            previous = ""
            for stage, at in stages:
                by_id = application.candidate_id if stage in {"applied", "withdrawn"} else self.recruiter.pk
                changes.append(
                    ApplicationStageChange(
                        application=application, from_stage=previous, to_stage=stage, by_id=by_id, at=at
                    )
                )
                previous = stage
        ApplicationStageChange.objects.bulk_create(changes)
        self.created["applications"] += len(applications)

    def _stage_path(self, rng: random.Random, applied_at: dt.datetime, *, open_: bool) -> list[tuple[str, dt.datetime]]:
        """The stages one application went through, with when; the last one is where it is now."""
        path = [("applied", applied_at)]
        at = applied_at
        for stage in ["screening", "shortlisted", "interview", "offer", "hired"]:
            step = at + dt.timedelta(days=rng.uniform(1, 9))
            if step >= self.now:
                break
            current = path[-1][0]
            if rng.random() < PROGRESSION[current]:
                path.append((stage, step))
                at = step
                continue
            # Did not move on: declined, withdrew, or (on an open vacancy) still waiting.
            if not open_ or rng.random() < 0.6:
                path.append(("withdrawn" if rng.random() < 0.08 else "rejected", step))
            break
        return path


FAMILY_NAMES = {
    "Chief Product Officer": "chief-product-officer",
    "VP Product": "vp-product",
    "Head of Product": "head-of-product",
    "Director of Product": "director-of-product",
    "Group Product Manager": "group-product-manager",
    "Principal Product Manager": "principal-product-manager",
}


def _generated_description(title: str, company: str, about: str, rng: random.Random) -> str:
    focus = rng.choice(
        [
            "take the product from strong product-market fit to a multi-product platform",
            "rebuild discovery practices and connect the roadmap to revenue",
            "lead the expansion into two new markets",
            "turn a sales-led company into a product-led one",
            "bring AI features from prototype to a dependable product line",
        ]
    )
    return (
        f"{company} is hiring a {title}.\n\n{about}\n\n"
        f"The role: you will {focus}, reporting to the CEO and working closely with engineering, "
        "design, sales and marketing.\n\n"
        "What you bring:\n"
        "- Years of leading product managers and designers, and hiring well\n"
        "- Sound judgement with data and customers, and clear writing\n"
        "- Experience owning outcomes, not just output"
    )
