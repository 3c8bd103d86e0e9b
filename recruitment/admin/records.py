"""The recruitment app's own records in the workspace: matches, the outbox, notes."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from recruitment.admin.common import rows_for_template, score_tone
from recruitment.models import Match, Notification, RecruiterNote
from recruitment.outbox.delivery import notification_retry
from vacancies.admin import log_action, report_outcome, status_badge
from vacancies.services import WorkflowError

NOTIFICATION_TONE = {
    Notification.Status.SENT: "ok",
    Notification.Status.DIGESTED: "ok",
    Notification.Status.PENDING: "warn",
    Notification.Status.SENDING: "warn",
    Notification.Status.HELD: "warn",
    Notification.Status.FAILED: "bad",
}


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Matches are computed, never edited: read-only, and only the engine deletes them."""

    list_display = ["candidate_name", "vacancy", "score_display", "computed_at"]
    list_select_related = ["candidate__user", "vacancy__company"]
    list_filter = ["vacancy__role_family", "vacancy__status"]
    search_fields = ["candidate__user__email", "candidate__user__last_name", "vacancy__title"]
    fields = ["candidate", "vacancy", "score", "explanation", "computed_at"]
    readonly_fields = fields
    ordering = ["-score", "pk"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The record's title (Match.__str__) names the candidate, the role and the client: the list's joins
        # (which Django leaves out of a queryset that selects already).
        return super().get_queryset(request).select_related(*self.list_select_related)

    def lookup_allowed(self, lookup, value, request=None):
        # "All matches" links from a vacancy or a candidate page.
        if lookup in {"vacancy__id__exact", "candidate__id__exact"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description="candidate", ordering="candidate__user__last_name")
    def candidate_name(self, obj: Match) -> str:
        return obj.candidate.user.get_full_name() or obj.candidate.user.email

    @admin.display(description="score", ordering="score")
    def score_display(self, obj: Match) -> str:
        return format_html('<span class="agency-score {}">{}</span>', score_tone(obj.score), obj.score)

    @admin.display(description="why this score")
    def explanation(self, obj: Match) -> str:
        """The breakdown in words, criterion by criterion (not the stored JSON)."""
        (row,) = rows_for_template([obj])
        if not row["criteria"]:
            return "-"
        items = format_html_join(
            "",
            '<li><span class="agency-badge {}">{}</span> {}: {} of {} points. {}</li>',
            (
                (c["status"], c["status"], c["label"], c["points"], c["max_points"], c["reason"])
                for c in row["criteria"]
            ),
        )
        return format_html("<ul>{}</ul>", items)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "to_email", "status_display", "attempts", "short_error", "created_at", "sent_at"]
    list_filter = ["status", "kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["to_email", "dedupe_key"]
    # What recruiters follow; the dedupe key, the rendering context (links, tokens) and the claim are the
    # outbox's machinery.
    fields = [
        *("kind", "recipient", "to_email", "vacancy", "application", "match", "digest", "status", "attempts"),
        *("waiting_for", "last_error", "created_at", "send_after", "sent_at"),
    ]
    readonly_fields = fields
    actions = ["retry_failed"]
    show_full_result_count = False
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The outbox is written by the system: a row's page is read-only; the change
        # permission only unlocks the retry action on the list.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # audit history

    @admin.display(description="status", ordering="status")
    def status_display(self, obj: Notification) -> str:
        return status_badge(obj.get_status_display(), NOTIFICATION_TONE.get(obj.status, ""))

    @admin.display(description="last error")
    def short_error(self, obj: Notification) -> str:
        return Truncator(obj.last_error).chars(80) if obj.last_error else "-"

    @admin.action(description="Retry failed notifications", permissions=["change"])
    def retry_failed(self, request, queryset):
        selected = queryset.count()
        failed = list(queryset.failed())
        skipped = selected - len(failed)
        done, errors = 0, []
        for notification in failed:
            try:
                notification_retry(notification=notification, by=request.user)
                log_action(self, request, notification, "Queued again")
                done += 1
            except WorkflowError as exc:
                errors.append((notification, str(exc)))
        report_outcome(self, request, done=done, verb="queued again", errors=errors)
        if skipped:
            self.message_user(
                request, f"{skipped} selected notification(s) had not failed and were left alone.", messages.WARNING
            )


@admin.register(RecruiterNote)
class RecruiterNoteAdmin(admin.ModelAdmin):
    list_display = ["candidate", "short_body", "application", "author", "created_at"]
    list_select_related = ["candidate__user", "author", "application__vacancy__company", "application__candidate"]
    list_filter = [("created_at", admin.DateFieldListFilter)]
    search_fields = ["body", "candidate__user__email", "candidate__user__last_name"]
    raw_id_fields = ["candidate", "application"]
    readonly_fields = ["author", "created_at"]
    show_full_result_count = False

    def has_change_permission(self, request, obj=None):
        # A note is a dated record; only its author may correct it.
        if obj is not None and obj.author_id != request.user.pk and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="note")
    def short_body(self, obj: RecruiterNote) -> str:
        return Truncator(obj.body).chars(80)
