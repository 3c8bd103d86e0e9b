"""What the workspace's pages share: score tones, match rows for templates, notes inlines, and the
guard every workspace action passes (the permission it needs, through accounts.rules.recruiter_may)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from accounts.models import CandidateProfile
from accounts.rules import recruiter_may
from recruitment.models import RecruiterNote

MATCHES_SHOWN = 25
CRITERION_STATUSES = ("met", "partial", "missed")


def require_permission(request, permission: str) -> None:
    """403 unless the recruiter holds `permission` ("app.codename"), usually through the Recruiters group."""
    if not recruiter_may(request.user, permission):
        raise PermissionDenied


def score_tone(score: int) -> str:
    return "high" if score >= 70 else "mid" if score >= 45 else "low"


def rows_for_template(matches) -> list[dict]:
    rows = []
    for rank, match in enumerate(matches, start=1):
        criteria = [
            {
                "label": item.get("label") or item.get("criterion") or item.get("key", ""),
                "status": item.get("status") if item.get("status") in CRITERION_STATUSES else "missed",
                "points": item.get("points", 0),
                "max_points": item.get("max_points", 0),
                "reason": item.get("reason", ""),
            }
            for item in (match.breakdown or [])
            if isinstance(item, dict)
        ]
        rows.append({"rank": rank, "match": match, "tone": score_tone(match.score), "criteria": criteria})
    return rows


# --- Notes -------------------------------------------------------------------------


class NoteInlineMixin:
    """Existing notes are read-only history; new ones are written by the person logged in."""

    model = RecruiterNote
    extra = 1
    can_delete = False
    fields = ["body", "written_by", "created_at"]
    readonly_fields = ["written_by", "created_at"]
    verbose_name = "recruiter note"
    verbose_name_plural = "recruiter notes"

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("author", "application__vacancy__company", "application__candidate")
        )

    @admin.display(description="author")
    def written_by(self, obj: RecruiterNote) -> str:
        # Plain text: recruiters have no access to the user admin a link would lead to.
        return str(obj.author) if obj.author_id else "-"


class CandidateNoteInline(NoteInlineMixin, admin.TabularInline):
    fk_name = "candidate"
    fields = ["body", "written_by", "created_at", "application"]
    readonly_fields = ["written_by", "created_at", "application"]


class ApplicationNoteInline(NoteInlineMixin, admin.StackedInline):
    fk_name = "application"


def save_notes(request, formset, *, candidate: CandidateProfile | None = None) -> None:
    for note in formset.save(commit=False):
        if note.pk is None:
            note.author = request.user
            if candidate is not None:
                note.candidate = candidate
        note.full_clean()
        note.save()
    formset.save_m2m()
