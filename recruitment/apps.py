from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        # Register every kind of email (recruitment/emails/) and each feature's part of the candidate's data
        # export and deletion (personal_sections, accounts.personal_data); connect the receivers that turn
        # vacancy, application and profile events into matches and outbox rows (vacancies never imports this app).
        from recruitment import emails, personal_sections, receivers  # noqa: F401

        # The workspace's admins, once the admin's autodiscovery has set the site up (recruitment/admin/workspace.py).
        from recruitment.admin import workspace  # noqa: F401


class AgencyAdminConfig(admin_apps.AdminConfig):
    """The Django admin as the recruiters' workspace: our own AdminSite (branding, who may enter,
    the pipeline view). Listed in INSTALLED_APPS instead of "django.contrib.admin"."""

    default = False  # "recruitment" alone still means RecruitmentConfig
    default_site = "recruitment.admin.site.AgencyAdminSite"
