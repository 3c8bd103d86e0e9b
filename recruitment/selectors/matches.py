"""Reads for display: ranked matches (admin ranking, the candidate's "Matched for you"), a candidate's
invitations, and the contact timeline of the workspace's candidate page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from accounts.models import CandidateProfile
from recruitment.models import ContactLogEntry, Invitation, Match, Notification, RecruiterNote
from vacancies.models import Application, Vacancy


def matches_for_vacancy(*, vacancy: Vacancy, limit: int | None = None) -> QuerySet[Match]:
    qs = Match.objects.for_vacancy(vacancy).select_related("candidate__user")
    return qs[:limit] if limit else qs


def matches_for_candidate(*, profile: CandidateProfile, limit: int | None = None) -> QuerySet[Match]:
    """The candidate's matches with open vacancies, best first."""
    open_ids = Vacancy.objects.open().values("pk")
    qs = (
        Match.objects.for_candidate(profile)
        .filter(vacancy__in=open_ids)
        .select_related("vacancy__company", "vacancy__role_family")
    )
    return qs[:limit] if limit else qs


def invited_and_applied(*, profile: CandidateProfile, vacancy_ids: list[int]) -> tuple[dict[int, object], set[int]]:
    """For a candidate and some vacancies: {vacancy id: invitation date} and the ids they applied to."""
    invited = dict(
        Invitation.objects.filter(candidate=profile, vacancy_id__in=vacancy_ids).values_list("vacancy_id", "created_at")
    )
    applied = set(
        Application.objects.filter(candidate_id=profile.user_id, vacancy_id__in=vacancy_ids).values_list(
            "vacancy_id", flat=True
        )
    )
    return invited, applied


def invitations_for_candidate(*, profile: CandidateProfile, limit: int = 3) -> list[dict]:
    """The candidate's invitations to open vacancies they have not applied to yet, newest first, each with
    the match explaining why (the same stored Match rows as everywhere else). Two queries."""
    applied = Application.objects.filter(candidate_id=profile.user_id).values("vacancy_id")
    invitations = list(
        Invitation.objects.for_candidate(profile)
        .open()
        .exclude(vacancy_id__in=applied)
        .select_related("vacancy__company", "vacancy__role_family")
        .order_by("-created_at", "-pk")[:limit]
    )
    if not invitations:
        return []
    matches = {
        match.vacancy_id: match
        for match in Match.objects.filter(candidate=profile, vacancy_id__in=[i.vacancy_id for i in invitations])
    }
    return [{"invitation": i, "vacancy": i.vacancy, "match": matches.get(i.vacancy_id)} for i in invitations]


@dataclass(frozen=True)
class TimelineItem:
    at: datetime
    kind: str  # "contact", "email" or "note"
    label: str
    text: str
    by: str
    vacancy_title: str


def contact_timeline(*, profile: CandidateProfile, limit: int = 50) -> list[TimelineItem]:
    """One timeline of a candidate's contacts with the agency, newest first: logged contacts and invitations,
    the emails the system wrote to them (outbox rows) and recruiters' notes. Three queries, whatever the size."""
    contacts = ContactLogEntry.objects.for_candidate(profile).select_related("by", "vacancy")[:limit]
    emails = (
        Notification.objects.filter(recipient_id=profile.user_id)
        .select_related("vacancy")
        .order_by("-created_at", "-pk")[:limit]
    )
    notes = RecruiterNote.objects.filter(candidate=profile).select_related("author", "application__vacancy")[:limit]
    items = [
        TimelineItem(
            at=c.at,
            kind="contact",
            label=c.get_kind_display(),
            text=c.summary,
            by=str(c.by) if c.by_id else "",
            vacancy_title=c.vacancy.title if c.vacancy_id else "",
        )
        for c in contacts
    ]
    items += [
        TimelineItem(
            at=n.created_at,
            kind="email",
            label=f"Email: {n.get_kind_display()}",
            text=n.get_status_display(),
            by="",
            vacancy_title=n.vacancy.title if n.vacancy_id else "",
        )
        for n in emails
    ]
    items += [
        TimelineItem(
            at=n.created_at,
            kind="note",
            label="Note",
            text=n.body,
            by=str(n.author) if n.author_id else "",
            vacancy_title=n.application.vacancy.title if n.application_id else "",
        )
        for n in notes
    ]
    items.sort(key=lambda item: item.at, reverse=True)
    return items[:limit]
