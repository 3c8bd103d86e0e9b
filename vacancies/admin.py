from django.contrib import admin

from vacancies.models import Application, ApplicationStageChange, Company, EmployerProfile, Vacancy, VacancyStatusChange


class EmployerInline(admin.TabularInline):
    model = EmployerProfile
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "size", "website", "created_at"]
    list_filter = ["industry", "size"]
    search_fields = ["name", "website"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [EmployerInline]


class VacancyStatusChangeInline(admin.TabularInline):
    model = VacancyStatusChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "note", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "company",
        "role_family",
        "status",
        "remote_policy",
        "salary_min",
        "salary_max",
        "published_at",
    ]
    list_filter = ["status", "role_family", "remote_policy", "company"]
    search_fields = ["title", "company__name", "description"]
    list_select_related = ["company", "role_family"]
    autocomplete_fields = ["company"]
    filter_horizontal = ["required_skills", "nice_to_have_skills"]
    date_hierarchy = "created_at"
    readonly_fields = ["status", "submitted_at", "published_at", "closed_at", "rejection_reason", "close_reason"]
    inlines = [VacancyStatusChangeInline]


class ApplicationStageChangeInline(admin.TabularInline):
    model = ApplicationStageChange
    extra = 0
    can_delete = False
    readonly_fields = ["from_stage", "to_stage", "by", "note", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "vacancy", "stage", "stage_changed_at", "created_at"]
    list_filter = ["stage", "vacancy__company"]
    search_fields = ["candidate__email", "candidate__last_name", "vacancy__title"]
    list_select_related = ["candidate", "vacancy__company"]
    raw_id_fields = ["candidate", "vacancy"]
    readonly_fields = ["stage", "stage_changed_at", "cv", "cv_original_name", "anonymised_at"]
    inlines = [ApplicationStageChangeInline]
