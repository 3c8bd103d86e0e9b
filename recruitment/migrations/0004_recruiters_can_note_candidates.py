"""Recruiters add notes on a candidate's admin page, which saves through that page: give the
Recruiters group the change permission on candidate profiles. The admin keeps every profile
field read-only for them (the candidate owns the data), so in practice they only add notes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = [("accounts", "change_candidateprofile")]


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
    dependencies = [("recruitment", "0003_site_from_settings")]
    operations = [migrations.RunPython(grant, revoke)]
