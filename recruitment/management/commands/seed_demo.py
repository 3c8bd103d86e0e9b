"""Demo data for `make run`: believable companies, openings and candidates, plus one login per role.

Idempotent: running it again updates the demo accounts and adds nothing twice."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import CandidateProfile, Industry, RoleFamily, Skill, User
from vacancies.models import Company, EmployerProfile, Vacancy, VacancyStatusChange

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
    help = "Create demo companies, vacancies, candidates and one account per role (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
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
        for row in VACANCIES:
            self._vacancy(companies, recruiter, *row)

        self._candidate_profile(users[User.Role.CANDIDATE], *CANDIDATES[0][3:])
        for email, first, last, *rest in CANDIDATES[1:]:
            self._candidate_profile(self._user(email, User.Role.CANDIDATE, first, last), *rest)

        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in with:"))
        for email, role, _first, _last in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role.label:<10} {email:<32} password: {DEMO_PASSWORD}")

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
