"""The Recruiters group may record placements (open, update, invoice, mark paid, fall through), read them,
and keep the clients' terms; nothing more: no deleting a placement."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADDED = [
    ("recruitment", "add_placement"),
    ("recruitment", "change_placement"),
    ("recruitment", "view_placement"),
    ("recruitment", "add_clientterms"),
    ("recruitment", "change_clientterms"),
    ("recruitment", "view_clientterms"),
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
    dependencies = [("recruitment", "0016_placements_and_client_terms")]

    operations = [migrations.RunPython(grant, revoke)]
