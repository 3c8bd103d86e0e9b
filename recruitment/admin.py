from django.contrib import admin

from recruitment.models import Match, Notification, RecruiterNote


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = ["candidate", "vacancy", "score", "computed_at"]
    list_select_related = ["candidate__user", "vacancy__company"]
    raw_id_fields = ["candidate", "vacancy"]
    ordering = ["-score"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "to_email", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "dedupe_key"]
    readonly_fields = [f.name for f in Notification._meta.fields]


@admin.register(RecruiterNote)
class RecruiterNoteAdmin(admin.ModelAdmin):
    list_display = ["candidate", "author", "created_at"]
    list_select_related = ["candidate__user", "author"]
    raw_id_fields = ["candidate", "application"]
