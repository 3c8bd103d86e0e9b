"""The "Recruiters" group with exactly the model permissions recruiters need.

No user or group editing, no deleting of audit history (status/stage changes,
notifications) and no deleting of vacancies or applications."""

from django.db import migrations

from accounts.migration_helpers import create_recruiters_group

RECRUITER_PERMISSIONS = (
    "accounts.view_candidateprofile",
    "accounts.view_rolefamily",
    "accounts.view_skill",
    "accounts.add_skill",
    "accounts.change_skill",
    "accounts.view_industry",
    "accounts.add_industry",
    "accounts.change_industry",
    "vacancies.view_company",
    "vacancies.add_company",
    "vacancies.change_company",
    "vacancies.view_employerprofile",
    "vacancies.view_vacancy",
    "vacancies.add_vacancy",
    "vacancies.change_vacancy",
    "vacancies.view_vacancystatuschange",
    "vacancies.view_application",
    "vacancies.change_application",
    "vacancies.view_applicationstagechange",
    "recruitment.view_match",
    "recruitment.view_notification",
    "recruitment.change_notification",
    "recruitment.view_recruiternote",
    "recruitment.add_recruiternote",
    "recruitment.change_recruiternote",
)


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
        ("accounts", "0002_seed_vocabularies"),
        ("vacancies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [create_recruiters_group(*RECRUITER_PERMISSIONS)]
