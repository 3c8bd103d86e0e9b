"""LinkedIn addresses: the model field checks them, and the stored ones are rebuilt in their canonical form
(https://www.linkedin.com/in/<slug>/); one a browser could read as another site is cleared."""

from django.core.exceptions import ValidationError
from django.db import migrations, models

import accounts.validators


def canonicalise_linkedin_urls(apps, schema_editor):
    CandidateProfile = apps.get_model("accounts", "CandidateProfile")
    for profile in CandidateProfile.objects.exclude(linkedin_url="").only("pk", "linkedin_url").iterator():
        try:
            canonical = accounts.validators.canonical_linkedin_url(profile.linkedin_url)
        except ValidationError:
            canonical = ""
        if canonical != profile.linkedin_url:
            CandidateProfile.objects.filter(pk=profile.pk).update(linkedin_url=canonical)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_extra_alert_role_families"),
    ]

    operations = [
        migrations.AlterField(
            model_name="candidateprofile",
            name="linkedin_url",
            field=models.URLField(
                blank=True, validators=[accounts.validators.validate_linkedin_url], verbose_name="LinkedIn URL"
            ),
        ),
        migrations.RunPython(canonicalise_linkedin_urls, migrations.RunPython.noop),
    ]
