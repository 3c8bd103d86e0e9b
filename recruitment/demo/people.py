"""The demo's people: one login per role (the accounts the README lists) and the hand-written
candidates, each with a complete profile and a one-page PDF CV."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from accounts.files import generate_private_name, safe_download_name
from accounts.models import CandidateProfile, User
from accounts.validators import validate_cv_file
from recruitment.demo.context import DemoContext
from recruitment.demo.pdf import candidate_cv_pdf
from recruitment.demo.world import DemoCandidate
from vacancies.models import Company, EmployerProfile

DEMO_ACCOUNTS = [
    # email, role, first, last
    ("recruiter@northstar.example", User.Role.RECRUITER, "Rosa", "Lindqvist"),
    ("employer@lumenhealth.example", User.Role.EMPLOYER, "Ethan", "Okafor"),
    ("candidate@northstar.example", User.Role.CANDIDATE, "Camille", "Durand"),
]
DEMO_EMPLOYER_TITLE = "VP People"


def user(demo: DemoContext, email: str, role: str, first: str, last: str, *, joined: dt.datetime | None = None) -> User:
    """The user with this email, created with a verified address if new."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "role": role,
            "first_name": first,
            "last_name": last,
            "password": demo.password,
            "date_joined": joined or demo.now,
        },
    )
    demo.created["users"] += created
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def staff_accounts(demo: DemoContext) -> tuple[User, User]:
    """The demo accounts (the candidate's profile comes with the other candidates); returns the
    recruiter, staff and in the Recruiters group, and the employer."""
    accounts = {role: user(demo, email, role, first, last) for email, role, first, last in DEMO_ACCOUNTS}
    recruiter = accounts[User.Role.RECRUITER]
    recruiter.is_staff = True
    recruiter.save(update_fields=["is_staff"])
    recruiter.groups.add(Group.objects.get_or_create(name="Recruiters")[0])
    return recruiter, accounts[User.Role.EMPLOYER]


def employer_profile(demo: DemoContext, company: Company) -> None:
    EmployerProfile.objects.update_or_create(
        user=demo.employer, defaults={"company": company, "job_title": DEMO_EMPLOYER_TITLE}
    )


def candidate(demo: DemoContext, c: DemoCandidate) -> CandidateProfile:
    """The candidate's profile, created if new; a missing CV is put back either way."""
    joined = demo.ago(c.joined_days_ago, c.email)
    account = user(demo, c.email, User.Role.CANDIDATE, c.first, c.last, joined=joined)
    profile = CandidateProfile.objects.filter(user=account).first()
    if profile is None:
        profile = CandidateProfile(
            user=account,
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
        profile.role_families.set(demo.pick(demo.families, c.families, "role families"))
        profile.skills.set(demo.pick(demo.skills, c.skills, "skills"))
        profile.industries.set(demo.pick(demo.industries, c.industries, "industries"))
        demo.created["candidates"] += 1
        demo.new_profiles.append(profile)
    if not profile.cv:
        attach_cv(demo, profile, c, at=joined + dt.timedelta(minutes=40))
    return profile


def attach_cv(demo: DemoContext, profile: CandidateProfile, c: DemoCandidate, *, at: dt.datetime) -> None:
    """Store a generated PDF CV the way the upload does: checked, under a server-generated name."""
    original = safe_download_name(f"{c.first} {c.last} CV.pdf", fallback="cv")
    content = candidate_cv_pdf(
        c,
        skills=[s.name for s in demo.pick(demo.skills, c.skills, "skills")],
        industries=[i.name for i in demo.pick(demo.industries, c.industries, "industries")],
    )
    validate_cv_file(ContentFile(content, name=original))
    profile.cv.save(generate_private_name(".pdf"), ContentFile(content), save=False)
    profile.cv_original_name = original
    profile.cv_uploaded_at = at
    profile.save(update_fields=["cv", "cv_original_name", "cv_uploaded_at"])
    demo.created["CVs"] += 1
