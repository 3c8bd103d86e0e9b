"""A candidate's own data: export everything stored about them, and delete their account.

What "everything" is comes from the registry (accounts.personal_data): each feature registers a section
with its export and what deletion does to it (deleted with the person, anonymised, or kept because the
agency must keep it, each with its reason). Deletion keeps their applications only as anonymous rows for
the agency's funnel statistics."""

from __future__ import annotations

import json
import tempfile
import zipfile

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from accounts import personal_data
from accounts.models import CandidateProfile, User
from accounts.personal_data import ExportFiles, FilesToDelete
from vacancies.models import Application

# 2: a section per feature (invitations, contact log, introductions, interviews, placements, employers'
# feedback, the workspace's history); held declines are left out until the person is told.
EXPORT_FORMAT_VERSION = 2


def _require_self(user: User, by: User) -> None:
    if not (by and by.is_authenticated and by.pk == user.pk):
        raise PermissionDenied("Only the person themselves can do this.")


def _profile_of(user: User) -> CandidateProfile | None:
    return CandidateProfile.objects.filter(user=user).first()


def candidate_data_export(*, user: User, by: User) -> tempfile.SpooledTemporaryFile:
    """A zip with `data.json` (one key per registered section, plus `format_version` and `exported_at`) and
    every stored file the sections name (the CVs). Returns an open file positioned at the start."""
    _require_self(user, by)
    profile = _profile_of(user)
    files = ExportFiles()
    data = {"format_version": EXPORT_FORMAT_VERSION, "exported_at": timezone.now()}
    for section in personal_data.sections():
        data[section.name] = section.export(user, profile, files)

    out = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - returned to the caller open
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False))
        for path, storage, stored_name in files.entries:
            try:
                with storage.open(stored_name, "rb") as fh:
                    archive.writestr(path, fh.read())
            except FileNotFoundError:
                archive.writestr(f"{path}.missing.txt", "This file could not be found in storage.")
    out.seek(0)
    return out


def candidate_data_summary(*, user: User) -> list[dict]:
    """What the "my data" page lists: each section's title, how many records it holds for the person,
    and what deletion does to it (with the reason)."""
    profile = _profile_of(user)
    return [
        {
            "name": section.name,
            "title": section.title,
            "count": section.count(user, profile) if section.count else None,
            "policy": section.policy,
            "reason": section.reason,
        }
        for section in personal_data.sections()
    ]


@transaction.atomic
def candidate_account_delete(*, user: User, by: User) -> int:
    """Delete the person and everything personal about them: every registered section's erase runs (by its
    `erase_order`), then the user row goes with whatever cascades from it (the profile, its matches, notes,
    invitations, contact log and introductions, the email addresses). Applications stay anonymised.

    Files are removed from storage once the transaction has committed. Returns how many applications
    were anonymised."""
    _require_self(user, by)
    user = User.objects.select_for_update().get(pk=user.pk)
    profile = _profile_of(user)
    anonymised = Application.objects.for_candidate(user).count()
    doomed = FilesToDelete()
    for section in personal_data.sections_to_erase():
        if section.erase is not None:
            section.erase(user, profile, doomed)
    user.delete()

    def remove_files() -> None:
        for storage, name in doomed.entries:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return anonymised
