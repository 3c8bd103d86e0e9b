"""Reads for the introduction pages: the candidate's open questions, the client's list, and what a client
may see of a candidate (`client_profile`: the one place that decides, for HTML, emails and files alike)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import CandidateProfile
from accounts.money import floor_against_band
from recruitment.models import Match
from recruitment.models.introductions import Introduction, IntroductionEvent
from vacancies.selectors import contact_details_shared


def introductions_awaiting(*, profile: CandidateProfile, limit: int = 5) -> list[Introduction]:
    """The candidate's open questions (introduce me? reveal me?), newest first. One query."""
    return list(
        Introduction.objects.for_candidate(profile)
        .awaiting_candidate()
        .select_related("vacancy__company", "vacancy__role_family")
        .order_by("-asked_at", "-pk")[:limit]
    )


def introductions_for_company(*, company_id: int) -> QuerySet[Introduction]:
    """What the client sees: introductions the candidate agreed to, newest first (two queries with skills)."""
    return (
        Introduction.objects.for_company(company_id)
        .select_related("vacancy", "candidate__user")
        .order_by("-status_changed_at", "-pk")
    )


def match_for(introduction: Introduction) -> Match | None:
    return Match.objects.filter(candidate_id=introduction.candidate_id, vacancy_id=introduction.vacancy_id).first()


@dataclass(frozen=True)
class ClientProfile:
    """A candidate as the client sees them. For an anonymised introduction, no name, email, LinkedIn or
    CV: those fields are empty, whatever the template does."""

    title: str
    anonymised: bool
    current_title: str
    seniority: str
    years_experience: int | None
    location: str
    remote_preference: str
    willing_to_relocate: bool
    salary_floor: str
    notice_period: str
    role_families: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    name: str = ""
    email: str = ""
    linkedin_url: str = ""
    headline: str = ""
    has_cv: bool = False


def client_profile(introduction: Introduction) -> ClientProfile:
    profile = (
        CandidateProfile.objects.select_related("user")
        .prefetch_related("role_families", "skills", "industries")
        .get(pk=introduction.candidate_id)
    )
    anonymised = introduction.is_anonymised
    country = profile.country.name if profile.country else ""
    location = country if anonymised else ", ".join(part for part in (profile.city, country) if part)
    vacancy = introduction.vacancy
    salary = floor_against_band(
        profile.salary_floor, profile.salary_currency, vacancy.salary_max, vacancy.salary_currency
    )
    notice = f"{profile.notice_period_weeks} weeks" if profile.notice_period_weeks is not None else "Not given"
    shown = ClientProfile(
        title=f"Candidate {introduction.reference}" if anonymised else (profile.user.get_full_name() or "Candidate"),
        anonymised=anonymised,
        current_title=profile.current_title,
        seniority=profile.get_seniority_display() if profile.seniority else "",
        years_experience=profile.years_experience,
        location=location or "Not given",
        remote_preference=profile.get_remote_preference_display(),
        willing_to_relocate=profile.willing_to_relocate,
        salary_floor=salary,
        notice_period=notice,
        role_families=[r.name for r in profile.role_families.all()],
        skills=[s.name for s in profile.skills.all()],
        industries=[i.name for i in profile.industries.all()],
    )
    if anonymised:
        return shown
    return _full(shown, profile, contact=contact_details_shared(company_id=vacancy.company_id))


def _full(shown: ClientProfile, profile: CandidateProfile, *, contact: bool) -> ClientProfile:
    """Revealed: the name, headline and CV; the email and LinkedIn only when the client's terms share contact
    details (by default contact goes through the agency, which protects its fee)."""
    values = dict(shown.__dict__)
    values.update(name=profile.user.get_full_name(), headline=profile.headline, has_cv=bool(profile.cv))
    if contact:
        values.update(email=profile.user.email, linkedin_url=profile.linkedin_url)
    return ClientProfile(**values)


@dataclass(frozen=True)
class StatusSpan:
    label: str
    since: object
    duration: timedelta
    by: str
    note: str

    @property
    def duration_display(self) -> str:
        minutes = int(self.duration.total_seconds() // 60)
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        if days:
            return f"{days} d {hours} h"
        if hours:
            return f"{hours} h {minutes} min"
        return f"{minutes} min" if minutes else "under a minute"


def status_spans(introduction: Introduction) -> list[StatusSpan]:
    """Each status the introduction went through, with how long it stayed there (to now for the last)."""
    events = list(IntroductionEvent.objects.filter(introduction=introduction).select_related("by").order_by("at", "pk"))
    spans = []
    for index, event in enumerate(events):
        until = events[index + 1].at if index + 1 < len(events) else timezone.now()
        who = ""
        if event.by is not None:
            who = event.by.get_full_name() or event.by.email
        spans.append(
            StatusSpan(
                label=Introduction.Status(event.to_status).label,
                since=event.at,
                duration=until - event.at,
                by=who,
                note=event.note,
            )
        )
    return spans
