"""The accounts app's part of a candidate's personal data (accounts.personal_data): their account with its
email addresses, and their profile with its CV. Registered at start-up (AccountsConfig.ready)."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from accounts import personal_data
from accounts.files import safe_download_name
from accounts.models import CandidateProfile, User
from accounts.personal_data import ExportFiles, FilesToDelete, Policy, Section


def export_account(user: User, profile: CandidateProfile | None, files: ExportFiles) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "time_zone": user.time_zone,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def export_profile(user: User, profile: CandidateProfile | None, files: ExportFiles) -> dict[str, Any] | None:
    if profile is None:
        return None
    profile = CandidateProfile.objects.prefetch_related(
        "role_families", "skills", "industries", "extra_alert_role_families"
    ).get(pk=profile.pk)
    data = {
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
        "placed_not_looking_until": profile.placed_until,
        "alert_frequency": profile.alert_frequency,
        "also_alert_me_for": [rf.name for rf in profile.extra_alert_role_families.all()],
        "consent_given_at": profile.consent_given_at,
        "last_digest_sent_at": profile.last_digest_sent_at,
        "created_at": profile.created_at,
        "updated_at": profile.updated_at,
        "cv": None,
    }
    if profile.cv:
        name = safe_download_name(profile.cv_original_name or profile.cv.name, fallback="cv")
        data["cv"] = {
            "original_name": profile.cv_original_name,
            "uploaded_at": profile.cv_uploaded_at,
            "file": files.add(f"files/profile-cv/{name}", profile.cv),
        }
    return data


def erase_profile(user: User, profile: CandidateProfile | None, files: FilesToDelete) -> None:
    # The row itself (with its vocabularies) goes with the user row; its CV file goes after the commit.
    if profile is not None:
        files.add(profile.cv)


personal_data.register(
    Section(
        name="account",
        title="Account",
        models=(User, EmailAddress),
        export=export_account,
        policy=Policy.DELETED,
        reason="The login itself: the user row is deleted last, and its email addresses with it.",
        count=lambda user, profile: 1,
    )
)
personal_data.register(
    Section(
        name="profile",
        title="Profile, with your CV",
        models=(CandidateProfile,),
        export=export_profile,
        erase=erase_profile,
        policy=Policy.DELETED,
        reason="The person's own description of themselves: deleted with the user row, its CV file after the commit.",
        count=lambda user, profile: int(profile is not None),
    )
)
