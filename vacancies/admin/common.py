"""What the vacancies app's workspace pages share: status badges, action outcomes, the log of what a recruiter
did, read-only history inlines."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst

from vacancies.models import Application, Vacancy

Status = Vacancy.Status
Stage = Application.Stage

STATUS_TONE = {
    Status.PUBLISHED: "ok",
    Status.PENDING_REVIEW: "warn",
    Status.REJECTED: "bad",
}
STAGE_TONE = {Stage.HIRED: "ok", Stage.OFFER: "ok", Stage.REJECTED: "bad", Stage.WITHDRAWN: "bad"}


def status_badge(label: str, tone: str = "") -> str:
    return format_html('<span class="agency-status {}">{}</span>', tone, label)


def report_outcome(modeladmin, request, *, done: int, verb: str, errors: list[tuple[object, str]]) -> None:
    """One success message for what worked, one error message per item the rules refused."""
    if done:
        noun = modeladmin.model._meta.verbose_name if done == 1 else modeladmin.model._meta.verbose_name_plural
        modeladmin.message_user(request, f"{capfirst(verb)} {done} {noun}.", messages.SUCCESS)
    for obj, message in errors:
        modeladmin.message_user(request, f"{obj}: {message}", messages.ERROR)


def log_action(modeladmin, request, obj, message: str) -> None:
    """Put what a recruiter did through a service on `obj` into the workspace's log (the admin's LogEntry, which
    its home page's "Recent actions" lists and the security log copies). Every workspace view and action that
    acts calls it once the service has succeeded. `message` says what was done ("Published", "Moved to
    screening"); it never names the candidate (the record's title does, and deleting an account erases that)."""
    modeladmin.log_change(request, obj, message)


class AuditTrailInline(admin.TabularInline):
    """A read-only history (who changed what, when): nobody adds, edits or deletes its rows here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @admin.display(description="by")
    def by_name(self, obj) -> str:
        # Plain text: the user admin a link would lead to is not the recruiters'.
        return str(obj.by) if obj.by_id else "System"


def short_date(moment) -> str:
    """A list column's date: "1 Dec 2026" in the local time zone (the time of day is on the record's page)."""
    return date_format(timezone.localtime(moment), "j M Y") if moment else "-"
