from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Recruitment"

    def ready(self) -> None:
        # The receivers turn vacancy/application/profile events into matches and outbox rows (vacancies never
        # imports this app); personal_sections registers each feature's part of the candidate's data export
        # and deletion (accounts.personal_data).
        from recruitment import (
            personal_sections,  # noqa: F401
            receivers,  # noqa: F401
        )

        # The workspace's admins, once the admin's autodiscovery has set the site up (recruitment/admin/workspace.py).
        from recruitment.admin import workspace  # noqa: F401


class AgencyAdminConfig(admin_apps.AdminConfig):
    """The Django admin as the recruiters' workspace: our own AdminSite (branding, who may enter,
    the pipeline view). Listed in INSTALLED_APPS instead of "django.contrib.admin"."""

    default = False  # "recruitment" alone still means RecruitmentConfig
    default_site = "recruitment.admin.site.AgencyAdminSite"
