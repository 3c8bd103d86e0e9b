"""A candidate's own data: export everything stored about them, and delete their account.

Deletion removes the person (user, profile, CVs, matches, notes about them, their notifications) and keeps
their applications only as anonymous rows for the agency's funnel statistics."""

from __future__ import annotations

import json
import tempfile
import zipfile
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.core.files.storage import Storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.files import safe_download_name
from accounts.models import CandidateProfile, User
from recruitment.models import Match, Notification, RecruiterNote
from vacancies.models import Application, ApplicationStageChange

EXPORT_FORMAT_VERSION = 1


def _require_self(user: User, by: User) -> None:
    if not (by and by.is_authenticated and by.pk == user.pk):
        raise PermissionDenied("Only the person themselves can do this.")


def _profile_data(profile: CandidateProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "headline": profile.headline,
        "current_title": profile.current_title,
        "years_experience": profile.years_experience,
        "seniority": profile.seniority,
        "role_families": [rf.name for rf in profile.role_families.all()],
        "skills": [s.name for s in profile.skills.all()],
        "industries": [i.name for i in profile.industries.all()],
        "city": profile.city,
        "country": str(profile.country or ""),
        "remote_preference": profile.remote_preference,
        "willing_to_relocate": profile.willing_to_relocate,
        "salary_floor": profile.salary_floor,
        "salary_currency": profile.salary_currency,
        "notice_period_weeks": profile.notice_period_weeks,
        "linkedin_url": profile.linkedin_url,
        "open_to_opportunities": profile.open_to_opportunities,
        "alert_frequency": profile.alert_frequency,
        "consent_given_at": profile.consent_given_at,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "cv": None,
    }


def candidate_data_export(*, user: User, by: User) -> tempfile.SpooledTemporaryFile:
    """A zip with `data.json` (account, profile, applications with their stage history, matches, notifications
    sent to the person, recruiters' notes about them) and every CV file stored for them. Returns an open file
    positioned at the start."""
    _require_self(user, by)
    profile = (
        CandidateProfile.objects.prefetch_related("role_families", "skills", "industries").filter(user=user).first()
    )
    applications = (
        Application.objects.for_candidate(user)
        .select_related("vacancy__company")
        .prefetch_related(Prefetch("stage_changes", queryset=ApplicationStageChange.objects.order_by("at", "pk")))
        .order_by("created_at", "pk")
    )
    matches = (
        Match.objects.filter(candidate=profile).select_related("vacancy__company").order_by("-score")
        if profile
        else Match.objects.none()
    )
    notifications = Notification.objects.filter(recipient=user).select_related("vacancy").order_by("created_at")
    notes = (
        RecruiterNote.objects.filter(candidate=profile).select_related("application__vacancy").order_by("created_at")
        if profile
        else RecruiterNote.objects.none()
    )

    files: list[tuple[str, Storage, str]] = []  # (path in zip, storage, stored name)
    data: dict[str, Any] = {
        "format_version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "profile": _profile_data(profile),
        "applications": [],
        "matches": [
            {
                "vacancy": m.vacancy.title,
                "company": m.vacancy.company.name,
                "score": m.score,
                "breakdown": m.breakdown,
                "computed_at": m.computed_at,
            }
            for m in matches
        ],
        "notifications": [
            {
                "kind": n.kind,
                "to_email": n.to_email,
                "status": n.status,
                "vacancy": n.vacancy.title if n.vacancy else None,
                "created_at": n.created_at,
                "sent_at": n.sent_at,
            }
            for n in notifications
        ],
        # What the agency's recruiters wrote about the person: personal data too. Authors by role, not name.
        "recruiter_notes": [
            {
                "written_at": note.created_at,
                "by": "recruiter",
                "about_application_to": note.application.vacancy.title if note.application else None,
                "note": note.body,
            }
            for note in notes
        ],
    }
    if profile and profile.cv:
        path = f"files/profile-cv/{safe_download_name(profile.cv_original_name or profile.cv.name, fallback='cv')}"
        data["profile"]["cv"] = {"original_name": profile.cv_original_name, "uploaded_at": profile.cv_uploaded_at,
                                 "file": path}  # fmt: skip
        files.append((path, profile.cv.storage, profile.cv.name))
    for application in applications:
        entry = {
            "id": application.pk,
            "vacancy": application.vacancy.title,
            "company": application.vacancy.company.name,
            "vacancy_url": application.vacancy.get_absolute_url(),
            "applied_at": application.created_at,
            "cover_letter": application.cover_letter,
            "stage": application.stage,
            "stage_changed_at": application.stage_changed_at,
            "stage_history": [
                {"from": c.from_stage, "to": c.to_stage, "at": c.at, "note": c.note}
                for c in application.stage_changes.all()
            ],
            "cv": None,
        }
        if application.cv:
            name = safe_download_name(application.cv_original_name or application.cv.name, fallback="cv")
            path = f"files/applications/{application.pk}-{name}"
            entry["cv"] = {"original_name": application.cv_original_name, "file": path}
            files.append((path, application.cv.storage, application.cv.name))
        data["applications"].append(entry)

    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - returned to the caller open
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for path, storage, stored_name in files:
            try:
                with storage.open(stored_name, "rb") as fh:
                    archive.writestr(path, fh.read())
            except FileNotFoundError:
                archive.writestr(f"{path}.missing.txt", "This file could not be found in storage.")
    out.seek(0)
    return out


@transaction.atomic
def candidate_account_delete(*, user: User, by: User) -> int:
    """Delete the person and everything personal about them; keep their applications anonymised.

    Files are removed from storage once the transaction has committed. Returns how many applications
    were anonymised."""
    _require_self(user, by)
    user = User.objects.select_for_update().get(pk=user.pk)
    doomed_files: list[tuple[Storage, str]] = []
    profile = CandidateProfile.objects.filter(user=user).first()
    if profile and profile.cv:
        doomed_files.append((profile.cv.storage, profile.cv.name))
    applications = Application.objects.for_candidate(user)
    for application in applications.exclude(cv="").only("pk", "cv"):
        doomed_files.append((application.cv.storage, application.cv.name))
    anonymised = applications.update(
        candidate=None, cover_letter="", cv="", cv_original_name="", anonymised_at=timezone.now()
    )
    # Outbox rows addressed to them (pending or sent) hold their email address.
    Notification.objects.filter(recipient=user).delete()
    # Cascades: profile (with its matches and recruiter notes), email addresses, allauth records.
    user.delete()

    def remove_files() -> None:
        for storage, name in doomed_files:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return anonymised
