"""What migrations share: granting model permissions to the "Recruiters" group.

A migration that gives recruiters a new power adds one operation:

    operations = [grant_to_recruiters("recruitment.add_placement", "recruitment.view_placement")]

Forwards, the group (created if missing) gains the permissions; backwards, it loses them. The first
migration uses `create_recruiters_group(...)`: forwards the group holds exactly those, backwards it is gone.

Permissions are normally created after all migrations (post_migrate); these helpers create the missing ones
of the apps named, from the migration's historical models, so a grant works on a database migrated from zero.
This module imports no model of ours (migrations run against historical models only), and its callables
deconstruct, so the operations can be squashed."""

from __future__ import annotations

from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils.deconstruct import deconstructible

# Frozen here: past migrations must keep naming the group they named (accounts.rules.RECRUITERS_GROUP is the
# same name, for the running code; a test holds the two together).
RECRUITERS_GROUP = "Recruiters"

GRANT, REVOKE, SET, DELETE_GROUP = "grant", "revoke", "set", "delete_group"


def _permissions(apps, alias: str, names: tuple[str, ...]) -> list:
    """The Permission rows named "app_label.codename", created first when missing."""
    for app_label in sorted({name.split(".", 1)[0] for name in names}):
        # The installed app's config only tells create_permissions the label (and that the app has models);
        # the models and permissions it creates are the historical ones of `apps`.
        create_permissions(installed_apps.get_app_config(app_label), verbosity=0, using=alias, apps=apps)
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        try:
            found.append(Permission.objects.using(alias).get(content_type__app_label=app_label, codename=codename))
        except Permission.DoesNotExist as error:
            raise LookupError(f"No permission {name!r} at this migration.") from error
    return found


@deconstructible(path="accounts.migration_helpers.RecruitersPermissions")
class RecruitersPermissions:
    """One direction of a RunPython: grant, revoke or set exactly `permissions`, or delete the group."""

    def __init__(self, action: str, permissions: tuple[str, ...] | list[str]):
        if action not in (GRANT, REVOKE, SET, DELETE_GROUP):
            raise ValueError(f"Unknown action {action!r}.")
        self.action = action
        self.permissions = tuple(permissions)

    def __call__(self, apps, schema_editor) -> None:
        alias = schema_editor.connection.alias
        groups = apps.get_model("auth", "Group").objects.using(alias)
        if self.action == DELETE_GROUP:
            groups.filter(name=RECRUITERS_GROUP).delete()
        elif self.action == REVOKE:
            group = groups.filter(name=RECRUITERS_GROUP).first()
            if group is not None:
                group.permissions.remove(*_permissions(apps, alias, self.permissions))
        else:
            group, _ = groups.get_or_create(name=RECRUITERS_GROUP)
            wanted = _permissions(apps, alias, self.permissions)
            if self.action == SET:
                group.permissions.set(wanted)
            else:
                group.permissions.add(*wanted)


def grant_to_recruiters(*permissions: str) -> migrations.RunPython:
    """Forwards the Recruiters group gains `permissions` ("app_label.codename"), backwards it loses them."""
    return migrations.RunPython(RecruitersPermissions(GRANT, permissions), RecruitersPermissions(REVOKE, permissions))


def create_recruiters_group(*permissions: str) -> migrations.RunPython:
    """Forwards the Recruiters group holds exactly `permissions`; backwards the group is deleted."""
    return migrations.RunPython(
        RecruitersPermissions(SET, permissions), RecruitersPermissions(DELETE_GROUP, permissions)
    )
