"""Interviews in the workspace: every round of every application, filtered by status, round and client,
with its slots; recruiters follow them here (the client and the candidate act on their own pages)."""

from __future__ import annotations

from django.contrib import admin

from recruitment.interview_models import Interview, InterviewSlot


class SlotInline(admin.TabularInline):
    model = InterviewSlot
    fields = ["starts_at", "current"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ["candidate_name", "vacancy_title", "client", "round", "status", "starts_at", "sequence"]
    list_select_related = ["application__candidate", "application__vacancy__company"]
    list_filter = ["status", "round", "application__vacancy__company"]
    search_fields = [
        "application__candidate__email",
        "application__candidate__last_name",
        "application__vacancy__title",
    ]
    readonly_fields = [f.name for f in Interview._meta.fields]
    inlines = [SlotInline]
    ordering = ["-created_at"]
    list_per_page = 50
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="candidate", ordering="application__candidate__last_name")
    def candidate_name(self, obj: Interview) -> str:
        candidate = obj.application.candidate
        return (candidate.get_full_name() or candidate.email) if candidate else "Deleted candidate"

    @admin.display(description="vacancy", ordering="application__vacancy__title")
    def vacancy_title(self, obj: Interview) -> str:
        return obj.application.vacancy.title

    @admin.display(description="client", ordering="application__vacancy__company__name")
    def client(self, obj: Interview) -> str:
        return obj.application.vacancy.company.name
