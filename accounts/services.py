"""Writes on users and candidate profiles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.files import generate_private_name, safe_download_name
from accounts.models import CandidateProfile, RoleFamily, User
from accounts.signals import candidate_profile_changed
from accounts.validators import validate_cv_file

# Fields whose change can change who a candidate matches (the recruitment app re-matches on them).
MATCHING_FIELDS = (
    "years_experience",
    "seniority",
    *CandidateProfile.PLACE_AND_PAY_FIELDS,
    "open_to_opportunities",
    "alert_frequency",
    "consent_given_at",
)
MATCHING_M2M = CandidateProfile.VOCABULARY_FIELDS
# What the candidate edits on their profile form (besides the vocabularies, their name and consent).
PROFILE_FIELDS = (
    "headline",
    "current_title",
    "years_experience",
    "seniority",
    *CandidateProfile.PLACE_AND_PAY_FIELDS,
    "notice_period_weeks",
    "linkedin_url",
    "open_to_opportunities",
    "alert_frequency",
)


def candidate_register(*, user: User) -> CandidateProfile:
    """Give a newly signed-up user the candidate role and an empty profile."""
    user.role = User.Role.CANDIDATE
    user.save(update_fields=["role"])
    profile, _ = CandidateProfile.objects.get_or_create(user=user)
    return profile


def _require_owner(profile: CandidateProfile, by: User) -> None:
    if not (by and by.is_authenticated and by.pk == profile.user_id):
        raise PermissionDenied("Only the candidate can change their profile.")


def _snapshot(profile: CandidateProfile) -> dict[str, Any]:
    values = {name: getattr(profile, name) for name in MATCHING_FIELDS}
    values["country"] = str(profile.country or "")
    # A consent date changing from one date to another is not a change of who may be matched.
    values["consent_given_at"] = profile.consent_given_at is not None
    return values


@transaction.atomic
def candidate_profile_update(
    *,
    profile: CandidateProfile,
    by: User,
    data: dict[str, Any],
    m2m: dict[str, Iterable] | None = None,
    consent: bool | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    extra_alert_role_families: Iterable | None = None,
) -> CandidateProfile:
    """Save what a candidate edits on their profile.

    `extra_alert_role_families`: role families to alert on top of the agency's; only target role families
    count (dropping a target drops its opt-in too), and the agency's own are never stored.

    `consent` True records the date consent was first given (kept while it stays given); False withdraws it.
    When anything matching depends on changes, `candidate_profile_changed` is sent inside this transaction."""
    _require_owner(profile, by)
    locked = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    before = _snapshot(locked)
    before_m2m = {name: set(getattr(locked, name).values_list("pk", flat=True)) for name in MATCHING_M2M}

    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(profile, name, value)
    if profile.open_to_opportunities != locked.open_to_opportunities:
        profile.placed_until = None  # the candidate's own word wins over the agency's date
    if consent is True and profile.consent_given_at is None:
        profile.consent_given_at = timezone.now()
    elif consent is False:
        profile.consent_given_at = None
    profile.full_clean(exclude=["user", "cv"])
    profile.save()

    m2m = m2m or {}
    after_m2m = dict(before_m2m)
    for name, values in m2m.items():
        if name not in MATCHING_M2M:
            raise ValueError(f"Not a profile vocabulary: {name}")
        getattr(profile, name).set(values)
        after_m2m[name] = {getattr(v, "pk", v) for v in values}

    extra_before = set(locked.extra_alert_role_families.values_list("pk", flat=True))
    wanted = extra_before if extra_alert_role_families is None else extra_alert_role_families
    extra_after = _extra_alert_families(profile, wanted)

    user = profile.user
    user_fields = []
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and getattr(user, field) != value.strip():
            setattr(user, field, value.strip())
            user_fields.append(field)
    if user_fields:
        user.save(update_fields=user_fields)

    if _snapshot(profile) != before or after_m2m != before_m2m or extra_after != extra_before:
        candidate_profile_changed.send(sender=CandidateProfile, profile=profile)
    return profile


def _extra_alert_families(profile: CandidateProfile, wanted: Iterable) -> set[int]:
    """Store the opt-in role families that are among the profile's targets and not alerted anyway."""
    targets = set(profile.role_families.values_list("pk", flat=True))
    default = set(RoleFamily.objects.alerted_by_default().values_list("pk", flat=True))
    keep = {getattr(family, "pk", family) for family in wanted} & targets - default
    profile.extra_alert_role_families.set(keep)
    return keep


def candidate_cv_replace(*, profile: CandidateProfile, upload: UploadedFile, by: User) -> CandidateProfile:
    """Store a new CV (checked by content) under a server-generated name; the old file is deleted on commit.

    Raises ValidationError with a message for the person; then nothing is stored."""
    _require_owner(profile, by)
    checked = validate_cv_file(upload)
    storage = profile.cv.storage
    upload.seek(0)
    new_name = storage.save(f"cvs/{generate_private_name(checked.extension)}", upload)
    try:
        with transaction.atomic():
            locked = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
            old_name = locked.cv.name
            locked.cv.name = new_name
            locked.cv_original_name = safe_download_name(checked.original_name, fallback="cv")
            locked.cv_uploaded_at = timezone.now()
            locked.save(update_fields=["cv", "cv_original_name", "cv_uploaded_at", "updated_at"])
            if old_name and old_name != new_name:
                transaction.on_commit(lambda: storage.delete(old_name))
    except BaseException:
        storage.delete(new_name)
        raise
    profile.refresh_from_db()
    return profile


@transaction.atomic
def candidate_placed(*, profile: CandidateProfile, until: date) -> CandidateProfile:
    """The agency placed this candidate: not open to opportunities until `until`, when
    `candidates_placed_release` opens them again. Matching drops them at once (the profile-changed signal).
    Called by the placement services, which check who may act."""
    locked = CandidateProfile.objects.select_for_update().get(pk=profile.pk)
    was_open = locked.open_to_opportunities
    locked.open_to_opportunities = False
    locked.placed_until = until
    locked.save(update_fields=["open_to_opportunities", "placed_until", "updated_at"])
    if was_open:
        candidate_profile_changed.send(sender=CandidateProfile, profile=locked)
    profile.refresh_from_db()
    return profile


def candidates_placed_release(*, today: date) -> int:
    """Open to opportunities again every placed candidate whose date has come; returns how many. Each one is
    its own transaction, so a second run finds nothing left."""
    released = 0
    due = CandidateProfile.objects.filter(placed_until__lte=today, open_to_opportunities=False)
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            profile = CandidateProfile.objects.select_for_update().filter(pk=pk, placed_until__lte=today).first()
            if profile is None or profile.open_to_opportunities:
                continue
            profile.open_to_opportunities = True
            profile.placed_until = None
            profile.save(update_fields=["open_to_opportunities", "placed_until", "updated_at"])
            candidate_profile_changed.send(sender=CandidateProfile, profile=profile)
            released += 1
    return released


def user_time_zone_set(*, user: User, time_zone: str) -> User:
    """The zone a person's times are shown in ("" for the site's)."""
    user.time_zone = time_zone or ""
    user.full_clean(validate_unique=False, exclude=[f.name for f in User._meta.fields if f.name != "time_zone"])
    user.save(update_fields=["time_zone"])
    return user
