"""Recruiters see the requests to join a company (sign-ups naming a company that already has an account)
and the invitations companies sent, and mark a request handled once they linked the person."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = [
    ("vacancies", "view_companyjoinrequest"),
    ("vacancies", "change_companyjoinrequest"),
    ("vacancies", "view_companyinvite"),
    ("vacancies", "view_employerprofile"),
    ("vacancies", "change_employerprofile"),
    ("vacancies", "add_employerprofile"),
]


def _permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in ADDED]


def grant(apps, schema_editor):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="Recruiters")
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Recruiters").first()
    if group:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0013_notification_kind_colleague_invite"),
        ("vacancies", "0007_company_team_invites_and_join_requests"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
