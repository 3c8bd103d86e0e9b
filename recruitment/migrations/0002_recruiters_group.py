"""The "Recruiters" group with exactly the model permissions recruiters need.

No user or group editing, no deleting of audit history (status/stage changes,
notifications) and no deleting of vacancies or applications."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECRUITER_PERMISSIONS = {
    "accounts": {
        "candidateprofile": ["view"],
        "rolefamily": ["view"],
        "skill": ["view", "add", "change"],
        "industry": ["view", "add", "change"],
    },
    "vacancies": {
        "company": ["view", "add", "change"],
        "employerprofile": ["view"],
        "vacancy": ["view", "add", "change"],
        "vacancystatuschange": ["view"],
        "application": ["view", "change"],
        "applicationstagechange": ["view"],
    },
    "recruitment": {
        "match": ["view"],
        "notification": ["view", "change"],
        "recruiternote": ["view", "add", "change"],
    },
}


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Recruiters")
    wanted = []
    for app_label, models in RECRUITER_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                wanted.append(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                )
    group.permissions.set(wanted)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Recruiters").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
        ("accounts", "0002_seed_vocabularies"),
        ("vacancies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, remove_group)]
