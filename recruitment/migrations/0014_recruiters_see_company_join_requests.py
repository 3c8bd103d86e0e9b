"""Recruiters see the requests to join a company (sign-ups naming a company that already has an account)
and the invitations companies sent, and mark a request handled once they linked the person."""

from django.db import migrations

from accounts.migration_helpers import grant_to_recruiters

ADDED = (
    "vacancies.view_companyjoinrequest",
    "vacancies.change_companyjoinrequest",
    "vacancies.view_companyinvite",
    "vacancies.view_employerprofile",
    "vacancies.change_employerprofile",
    "vacancies.add_employerprofile",
)


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0013_notification_kind_colleague_invite"),
        ("vacancies", "0007_company_team_invites_and_join_requests"),
    ]
    operations = [grant_to_recruiters(*ADDED)]
