"""A small world for the security tests: two candidates (A owns the objects, B is "the other"), two
employers (X owns the objects, Y is "the other"), a recruiter and a superuser.

Every object A or X owns carries a distinctive marker, so a test can tell "this page shows A's data"
from "this page shows the visitor's own data" by looking for the marker in the response."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Skill, User
from recruitment.models import Match, Notification
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.models.introductions import Introduction
from recruitment.models.placements import Placement
from recruitment.signed_links import consent_token, interview_token, unsubscribe_token
from tests import factories
from tests.support.pdfs import plain_pdf
from vacancies.models import Application, CompanyInvite, CompanyJoinRequest, Vacancy, VacancyRevision

PASSWORD = factories.PASSWORD

# Markers: each appears only in data that belongs to candidate A or employer X.
A_LAST_NAME = "Quintavalle"
A_EMAIL = "aurelia.quintavalle@example.com"
A_HEADLINE = "Aurelia headline 9431"
A_COVER = "Aurelia cover letter 9431"
A_REASON = "Aurelia match reason 9431"
A_PROFILE_CV = b"%ALPHA-PROFILE-CV-9431"
A_APPLICATION_CV = b"%ALPHA-APPLICATION-CV-9431"
X_COMPANY = "Xerxes Fieldworks 9431"
X_REVISED_TITLE = "Revised title 9431"
X_PUBLISHED_TITLE = "Head of Product Xerxes 9431"
X_DRAFT_TITLE = "VP Product Xerxes draft 9431"
X_PENDING_TITLE = "Pending Xerxes 9431"
X_SECOND_TITLE = "Chief Product Officer Xerxes 9431"
A_PITCH = "Aurelia pitch 9431: scaled two marketplaces"
A_MASKED_EMAIL = "a***@example.com"  # how the unsubscribe page names A
X_HIRED_TITLE = "Director of Product Xerxes 9431"
X_FEE = "94310.00"  # the fee of A's placement with X (never shown to a candidate)
X_FEE_SHOWN = "94,310.00"  # the same fee as pages write it

ROLES = ("anonymous", "candidate_A", "candidate_B", "employer_X", "employer_Y", "recruiter", "superuser")


def pdf_with(marker: bytes) -> bytes:
    """A minimal PDF that passes the CV check, with a comment line carrying `marker`."""
    return plain_pdf(comment=marker)


@dataclass
class World:
    users: dict[str, User | None]
    vacancy_x: Vacancy
    draft_x: Vacancy
    vacancy_y: Vacancy
    application_a: Application
    application_b: Application
    match_a: Match
    notification_a: Notification
    extra: dict = field(default_factory=dict)

    @property
    def cand_a(self) -> User:
        return self.users["candidate_A"]

    @property
    def cand_b(self) -> User:
        return self.users["candidate_B"]

    @property
    def emp_x(self) -> User:
        return self.users["employer_X"]

    @property
    def emp_y(self) -> User:
        return self.users["employer_Y"]

    @property
    def unsubscribe_token_a(self) -> str:
        """The signed token in the one-click unsubscribe link of A's alert emails."""
        return unsubscribe_token(self.cand_a)

    @property
    def forged_token(self) -> str:
        """A's token with its signature tampered with."""
        token = self.unsubscribe_token_a
        return token[:-1] + ("A" if token[-1] != "A" else "B")

    @property
    def introduction_a(self) -> Introduction:
        """A introduced, anonymised, to X's second vacancy: with the client, not revealed."""
        return self.extra["introduction_a"]

    @property
    def consent_token_a(self) -> str:
        return consent_token(introduction_id=self.introduction_a.pk, consent_round=1)

    @property
    def forged_consent_token(self) -> str:
        token = self.consent_token_a
        return token[:-1] + ("A" if token[-1] != "A" else "B")

    @property
    def interview_a(self) -> Interview:
        """An interview of A's application to X's vacancy: three slots proposed, none picked yet."""
        return self.extra["interview_a"]

    @property
    def slot_a(self) -> InterviewSlot:
        return self.interview_a.slots.order_by("starts_at").first()

    @property
    def interview_token_a(self) -> str:
        return interview_token(interview_id=self.interview_a.pk, proposal=1)

    @property
    def forged_interview_token(self) -> str:
        token = self.interview_token_a
        return token[:-1] + ("A" if token[-1] != "A" else "B")

    @property
    def profile_a(self):
        return self.cand_a.candidate_profile

    @property
    def company_x(self):
        return self.emp_x.employer_profile.company


def future_moment() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=7)


def build_world() -> World:
    future = timezone.localdate() + dt.timedelta(days=30)
    cand_a = factories.UserFactory(role="candidate", email=A_EMAIL, first_name="Aurelia", last_name=A_LAST_NAME)
    factories.CompleteCandidateProfileFactory(
        user=cand_a, headline=A_HEADLINE, cv=ContentFile(pdf_with(A_PROFILE_CV), name="a.pdf")
    )
    cand_b = factories.UserFactory(role="candidate", first_name="Bruno", last_name="Okafor")
    factories.CompleteCandidateProfileFactory(
        user=cand_b, headline="Bruno headline", cv=ContentFile(pdf_with(b"%BRAVO-CV"), name="b.pdf")
    )
    company_x = factories.CompanyFactory(name=X_COMPANY, industry=factories.industry())
    emp_x = factories.EmployerProfileFactory(company=company_x, is_company_admin=True).user
    # X's team: a colleague the admin (X) may remove, a pending invitation X may revoke, and a request to
    # join X's company that the recruiters see.
    colleague_x = factories.EmployerProfileFactory(company=company_x)
    invite_x = CompanyInvite.objects.create(
        company=company_x, email="invitee-9431@example.com", invited_by=emp_x, expires_at=future_moment()
    )
    join_request_x = CompanyJoinRequest.objects.create(
        user=factories.UserFactory(role=User.Role.EMPLOYER, email="asker-9431@example.com"), company=company_x
    )
    emp_y = factories.EmployerProfileFactory(company__name="Yarrow Analytics").user
    vacancy_x = factories.PublishedVacancyFactory(company=company_x, title=X_PUBLISHED_TITLE, closes_on=future)
    draft_x = factories.VacancyFactory(company=company_x, title=X_DRAFT_TITLE, closes_on=future)
    vacancy_y = factories.PublishedVacancyFactory(
        company=emp_y.employer_profile.company, title="Head of Product Yarrow", closes_on=future
    )
    application_a = factories.ApplicationFactory(
        candidate=cand_a,
        vacancy=vacancy_x,
        cover_letter=A_COVER,
        cv=ContentFile(pdf_with(A_APPLICATION_CV), name="a-application.pdf"),
    )
    application_b = factories.ApplicationFactory(candidate=cand_b, vacancy=vacancy_y, cover_letter="Bruno's letter")
    breakdown = [
        {
            "criterion": "skills",
            "label": "Required skills",
            "status": "met",
            "points": 25,
            "max_points": 25,
            "reason": A_REASON,
        }
    ]
    match_a = factories.MatchFactory(candidate=cand_a.candidate_profile, vacancy=vacancy_x, breakdown=breakdown)
    notification_a = factories.NotificationFactory(recipient=cand_a, application=application_a, vacancy=vacancy_x)
    superuser = User.objects.create_superuser(email="root@example.com", password=PASSWORD)
    users = {
        "anonymous": None,
        "candidate_A": cand_a,
        "candidate_B": cand_b,
        "employer_X": emp_x,
        "employer_Y": emp_y,
        "recruiter": factories.RecruiterFactory(),
        "superuser": superuser,
    }
    # A vocabulary entry nothing uses, for the admin's delete page and delete action.
    spare_skill = Skill.objects.create(name="Spare skill 9431", slug="spare-skill-9431")
    # A vacancy of X waiting for a recruiter's review, for the admin's publish action.
    pending_x = factories.PendingVacancyFactory(company=company_x, title=X_PENDING_TITLE, closes_on=future)
    # A introduced, anonymised, to a second vacancy of X (the client sees no name, email or CV).
    second_x = factories.PublishedVacancyFactory(company=company_x, title=X_SECOND_TITLE, closes_on=future)
    introduction_a = Introduction.objects.create(
        candidate=cand_a.candidate_profile,
        vacancy=second_x,
        recruiter=users["recruiter"],
        pitch=A_PITCH,
        presentation=Introduction.Presentation.ANONYMISED,
        status=Introduction.Status.WITH_CLIENT,
        consent_round=1,
        asked_at=timezone.now(),
    )
    interview_a = Interview.objects.create(
        application=application_a, proposed_by=emp_x, video_url="https://meet.example.com/a", proposal=1
    )
    for days in (3, 4, 5):
        InterviewSlot.objects.create(interview=interview_a, starts_at=timezone.now() + dt.timedelta(days=days))
    # A ranked for Y's vacancy too (A has not applied to it), for the ranked candidates' bulk invitation.
    match_a_y = factories.MatchFactory(candidate=cand_a.candidate_profile, vacancy=vacancy_y, score=60)
    # X's closed vacancy (to copy into a new draft) and changes to X's live vacancy waiting for review.
    closed_x = factories.VacancyFactory(company=company_x, title="Closed role 9431", status=Vacancy.Status.CLOSED)
    revision_x = VacancyRevision.objects.create(vacancy=vacancy_x, fields={"title": X_REVISED_TITLE}, created_by=emp_x)
    # A hired by X for a third vacancy: a placement, priced, not yet invoiced.
    hired_x = factories.PublishedVacancyFactory(company=company_x, title=X_HIRED_TITLE, closes_on=future)
    hired_a = factories.ApplicationFactory(candidate=cand_a, vacancy=hired_x, stage=Application.Stage.HIRED)
    today = timezone.localdate()
    placement_a = Placement.objects.create(
        application=hired_a,
        company=company_x,
        recruiter=users["recruiter"],
        first_contact_at=timezone.now() - dt.timedelta(days=20),
        days_to_hire=20,
        start_date=today,
        base_salary=Decimal("471550"),
        currency="EUR",
        fee_percent=Decimal("20"),
        guarantee_days=90,
        payment_days=30,
        fee_amount=Decimal(X_FEE),
        fee_currency="EUR",
        guarantee_ends_on=today + dt.timedelta(days=90),
    )
    return World(
        extra={
            "spare_skill": spare_skill,
            "pending_x": pending_x,
            "introduction_a": introduction_a,
            "interview_a": interview_a,
            "match_a_y": match_a_y,
            "colleague_x": colleague_x,
            "invite_x": invite_x,
            "join_request_x": join_request_x,
            "closed_x": closed_x,
            "revision_x": revision_x,
            "placement_a": placement_a,
        },
        users=users,
        vacancy_x=vacancy_x,
        draft_x=draft_x,
        vacancy_y=vacancy_y,
        application_a=application_a,
        application_b=application_b,
        match_a=match_a,
        notification_a=notification_a,
    )


# --- Valid form submissions ---------------------------------------------------------------

# The field names of each form (usable at import time, without the database).
PROFILE_FIELDS = (
    "first_name", "last_name", "headline", "current_title", "years_experience", "seniority", "role_families",
    "skills", "industries", "city", "country", "remote_preference", "salary_floor", "salary_currency",
    "notice_period_weeks", "linkedin_url", "open_to_opportunities", "alert_frequency", "consent",
)  # fmt: skip
VACANCY_FIELDS = (
    "title", "role_family", "seniority", "min_years", "employment_type", "industry", "city", "country",
    "remote_policy", "salary_min", "salary_max", "salary_currency", "required_skills", "nice_to_have_skills",
    "description", "closes_on", "action",
)  # fmt: skip
COMPANY_FIELDS = ("name", "website", "industry", "size", "description")


def profile_data(**overrides) -> dict:
    data = {
        "first_name": "Pat",
        "last_name": "Example",
        "headline": "Product leader",
        "current_title": "Director of Product",
        "years_experience": "12",
        "seniority": "director",
        "role_families": [factories.role_family("head-of-product").pk],
        "skills": [s.pk for s in factories.skills("product-strategy")],
        "industries": [factories.industry("b2b-saas").pk],
        "city": "Berlin",
        "country": "DE",
        "remote_preference": "hybrid",
        "salary_floor": "140000",
        "salary_currency": "EUR",
        "notice_period_weeks": "12",
        "linkedin_url": "",
        "open_to_opportunities": "on",
        "alert_frequency": "weekly",
        "consent": "on",
    }
    data.update(overrides)
    return data


def vacancy_data(**overrides) -> dict:
    data = {
        "title": "Head of Product, Payments",
        "role_family": factories.role_family("head-of-product").pk,
        "seniority": "head",
        "min_years": 8,
        "employment_type": "FULL_TIME",
        "industry": factories.industry("fintech-and-financial-services").pk,
        "city": "London",
        "country": "GB",
        "remote_policy": "hybrid",
        "salary_min": 130_000,
        "salary_max": 160_000,
        "salary_currency": "GBP",
        "required_skills": [s.pk for s in factories.skills("payments")],
        "nice_to_have_skills": [],
        "description": "Own payments end to end.",
        "closes_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "action": "save",
    }
    data.update(overrides)
    return data


def workspace_vacancy_data(vacancy: Vacancy, **overrides) -> dict:
    """The vacancy's workspace page as it posts when saved, with a must-have skill and `overrides`."""
    data = {
        **{name: getattr(vacancy, name) for name in ("title", "seniority", "employment_type", "openings", "city")},
        **{name: getattr(vacancy, name) for name in ("min_years", "remote_policy", "salary_min", "salary_max")},
        "salary_currency": vacancy.salary_currency,
        "description": vacancy.description,
        "country": str(vacancy.country),
        "role_family": vacancy.role_family_id,
        "industry": vacancy.industry_id or "",
        "closes_on": vacancy.closes_on.isoformat() if vacancy.closes_on else "",
        "must_have_skills": [s.pk for s in factories.skills("payments")],
        "important_skills": [],
        "nice_to_have_skills": [],
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    data.update(overrides)
    return data


def company_data(**overrides) -> dict:
    data = {
        "name": "Renamed Company",
        "website": "https://example.com",
        "industry": factories.industry().pk,
        "size": "",
        "description": "What we do.",
    }
    data.update(overrides)
    return data


# --- Reading responses ----------------------------------------------------------------------


def response_bytes(response) -> bytes:
    """The body of any response (streamed downloads included); zip downloads are unpacked."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return b"\n".join(archive.read(name) for name in archive.namelist())
    return body


def login_url() -> str:
    return reverse("account_login")
