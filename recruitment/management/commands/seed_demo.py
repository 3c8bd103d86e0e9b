"""Demo data for `make run`: believable companies, openings and candidates, plus one login per role.

`--candidates N --vacancies M` adds generated data at scale (bulk inserts in batches, a seeded
PRNG, progress on stdout): varied candidates, companies, vacancies in every workflow status,
and applications with their stage history for the pipeline.

Idempotent: running it again updates the demo accounts and adds nothing twice; with the scale
options it tops the generated candidates/vacancies up to N and M."""

from __future__ import annotations

import datetime as dt
import random
import time
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from recruitment.matching import match_vacancy
from vacancies.models import Application, ApplicationStageChange, Company, EmployerProfile, Vacancy, VacancyStatusChange

DEMO_PASSWORD = "northstar-demo-2026"  # noqa: S105 - printed demo credential, dev only

DEMO_ACCOUNTS = [
    # email, role, first, last
    ("recruiter@northstar.example", User.Role.RECRUITER, "Rosa", "Lindqvist"),
    ("employer@lumenhealth.example", User.Role.EMPLOYER, "Ethan", "Okafor"),
    ("candidate@northstar.example", User.Role.CANDIDATE, "Camille", "Durand"),
]

COMPANIES = [
    # name, industry slug, size, website, description
    (
        "Lumen Health",
        "healthcare",
        "251-1000",
        "https://lumenhealth.example",
        "Lumen Health builds clinical workflow software used by 900 hospitals across Europe.",
    ),
    (
        "Brightpay",
        "fintech-and-financial-services",
        "51-250",
        "https://brightpay.example",
        "Brightpay runs embedded payments and lending for vertical SaaS platforms.",
    ),
    (
        "Cartwheel Commerce",
        "e-commerce-and-retail",
        "1001-5000",
        "https://cartwheel.example",
        "Cartwheel powers the storefronts of 40,000 independent retailers.",
    ),
    (
        "Fieldnote Analytics",
        "b2b-saas",
        "51-250",
        "https://fieldnote.example",
        "Fieldnote turns product usage data into decisions for B2B software teams.",
    ),
    (
        "Harbour Mobility",
        "mobility-and-transport",
        "251-1000",
        "https://harbour.example",
        "Harbour Mobility operates shared e-bike and scooter fleets in 30 cities.",
    ),
]

VACANCIES = [
    # title, company index, role family slug, seniority, min years, required, nice, city, country, remote, min, max, cur
    (
        "Chief Product Officer",
        0,
        "chief-product-officer",
        "executive",
        12,
        ["product-strategy", "pl-ownership", "people-management", "regulatory-compliance"],
        ["ai-ml-products"],
        "Amsterdam",
        "NL",
        "hybrid",
        190_000,
        240_000,
        "EUR",
    ),
    (
        "Head of Product, Payments",
        1,
        "head-of-product",
        "head",
        8,
        ["product-strategy", "payments", "stakeholder-management"],
        ["pricing-and-monetisation"],
        "London",
        "GB",
        "hybrid",
        130_000,
        160_000,
        "GBP",
    ),
    (
        "VP Product",
        2,
        "vp-product",
        "vp",
        10,
        ["product-strategy", "people-management", "go-to-market"],
        ["marketplace-dynamics", "international-expansion"],
        "Berlin",
        "DE",
        "remote",
        160_000,
        200_000,
        "EUR",
    ),
    (
        "Director of Product, Data Platform",
        3,
        "director-of-product",
        "director",
        7,
        ["platform-products", "data-driven-decision-making", "technical-architecture"],
        ["api-and-developer-products"],
        "Dublin",
        "IE",
        "remote",
        120_000,
        150_000,
        "EUR",
    ),
    (
        "Head of Product",
        4,
        "head-of-product",
        "head",
        8,
        ["product-strategy", "mobile-products", "people-management"],
        ["experimentation-and-ab-testing"],
        "Paris",
        "FR",
        "onsite",
        115_000,
        140_000,
        "EUR",
    ),
    (
        "Group Product Manager, Growth",
        2,
        "group-product-manager",
        "principal",
        6,
        ["product-led-growth", "experimentation-and-ab-testing"],
        ["pricing-and-monetisation"],
        "Berlin",
        "DE",
        "hybrid",
        100_000,
        125_000,
        "EUR",
    ),
]

CANDIDATES = [
    # email, first, last, headline, title, years, seniority, families, skills, industries, city, country, remote, floor
    (
        "camille@northstar.example",
        "Camille",
        "Durand",
        "CPO who scaled two healthtech platforms",
        "VP Product",
        15,
        "vp",
        ["chief-product-officer", "vp-product"],
        ["product-strategy", "pl-ownership", "people-management", "regulatory-compliance", "ai-ml-products"],
        ["healthcare", "b2b-saas"],
        "Amsterdam",
        "NL",
        "hybrid",
        180_000,
    ),
    (
        "arjun@example.com",
        "Arjun",
        "Mehta",
        "Payments product leader, ex-fintech unicorn",
        "Director of Product",
        11,
        "director",
        ["head-of-product", "director-of-product"],
        ["product-strategy", "payments", "stakeholder-management", "pricing-and-monetisation"],
        ["fintech-and-financial-services"],
        "London",
        "GB",
        "hybrid",
        120_000,
    ),
    (
        "sofia@example.com",
        "Sofia",
        "Rossi",
        "Marketplace and growth product lead",
        "Group Product Manager",
        7,
        "principal",
        ["group-product-manager", "head-of-product"],
        ["product-led-growth", "experimentation-and-ab-testing", "marketplace-dynamics"],
        ["marketplaces", "e-commerce-and-retail"],
        "Milan",
        "IT",
        "remote",
        95_000,
    ),
]


class Command(BaseCommand):
    help = (
        "Create demo companies, vacancies, candidates and one account per role (idempotent); "
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
        with transaction.atomic():
            recruiter = self._demo()
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

    def _demo(self) -> User:
        recruiters, _ = Group.objects.get_or_create(name="Recruiters")
        users = {}
        for email, role, first, last in DEMO_ACCOUNTS:
            users[role] = self._user(email, role, first, last)
        recruiter = users[User.Role.RECRUITER]
        recruiter.is_staff = True
        recruiter.save(update_fields=["is_staff"])
        recruiter.groups.add(recruiters)

        companies = [self._company(*row) for row in COMPANIES]
        EmployerProfile.objects.update_or_create(
            user=users[User.Role.EMPLOYER], defaults={"company": companies[0], "job_title": "VP People"}
        )
        vacancies = [self._vacancy(companies, recruiter, *row) for row in VACANCIES]

        self._candidate_profile(users[User.Role.CANDIDATE], *CANDIDATES[0][3:])
        for email, first, last, *rest in CANDIDATES[1:]:
            self._candidate_profile(self._user(email, User.Role.CANDIDATE, first, last), *rest)

        # Rank candidates for the demo openings once, so the admin has matches to show
        # ("Recompute matches" there brings them up to date after a large seed).
        for vacancy in vacancies:
            if vacancy.is_open and not vacancy.matches.exists():
                match_vacancy(vacancy=vacancy)
        return recruiter

    def _user(self, email, role, first, last) -> User:
        user, created = User.objects.get_or_create(
            email=email, defaults={"role": role, "first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user

    def _company(self, name, industry_slug, size, website, description) -> Company:
        company, _ = Company.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "industry": Industry.objects.get(slug=industry_slug),
                "size": size,
                "website": website,
                "description": description,
            },
        )
        return company

    def _vacancy(
        self,
        companies,
        recruiter,
        title,
        company_index,
        family,
        seniority,
        min_years,
        required,
        nice,
        city,
        country,
        remote,
        salary_min,
        salary_max,
        currency,
    ) -> Vacancy:
        company = companies[company_index]
        now = timezone.now()
        vacancy, created = Vacancy.objects.get_or_create(
            slug=slugify(f"{title} {company.name}"),
            defaults={
                "company": company,
                "title": title,
                "role_family": RoleFamily.objects.get(slug=family),
                "seniority": seniority,
                "min_years": min_years,
                "industry": company.industry,
                "city": city,
                "country": country,
                "remote_policy": remote,
                "salary_min": salary_min,
                "salary_max": salary_max,
                "salary_currency": currency,
                "description": _description(title, company),
                "closes_on": timezone.localdate() + dt.timedelta(days=45),
                "status": Vacancy.Status.PUBLISHED,
                "submitted_at": now,
                "published_at": now,
            },
        )
        if created:
            vacancy.required_skills.set(Skill.objects.filter(slug__in=required))
            vacancy.nice_to_have_skills.set(Skill.objects.filter(slug__in=nice))
            VacancyStatusChange.objects.create(
                vacancy=vacancy,
                from_status=Vacancy.Status.PENDING_REVIEW,
                to_status=Vacancy.Status.PUBLISHED,
                by=recruiter,
                note="Demo data",
            )
        return vacancy

    def _candidate_profile(
        self, user, headline, title, years, seniority, families, skills, industries, city, country, remote, floor
    ) -> CandidateProfile:
        profile, _ = CandidateProfile.objects.update_or_create(
            user=user,
            defaults={
                "headline": headline,
                "current_title": title,
                "years_experience": years,
                "seniority": seniority,
                "city": city,
                "country": country,
                "remote_preference": remote,
                "salary_floor": floor,
                "salary_currency": "EUR",
                "open_to_opportunities": True,
                "consent_given_at": timezone.now(),
            },
        )
        profile.role_families.set(RoleFamily.objects.filter(slug__in=families))
        profile.skills.set(Skill.objects.filter(slug__in=skills))
        profile.industries.set(Industry.objects.filter(slug__in=industries))
        return profile


def _description(title: str, company: Company) -> str:
    return (
        f"{company.name} is hiring a {title}.\n\n"
        f"{company.description}\n\n"
        "What you will do:\n"
        "- Own the product strategy and the roadmap that delivers it\n"
        "- Lead and grow a team of product managers and designers\n"
        "- Work with engineering, sales and the executive team on outcomes, not output\n\n"
        "What you bring:\n"
        "- A track record of shipping products customers love and pay for\n"
        "- Clear written communication and sound judgement with data"
    )


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
