"""Recruiters add notes on a candidate's admin page, which saves through that page: give the
Recruiters group the change permission on candidate profiles. The admin keeps every profile
field read-only for them (the candidate owns the data), so in practice they only add notes."""

from django.db import migrations

from accounts.migration_helpers import grant_to_recruiters

ADDED = ("accounts.change_candidateprofile",)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0003_site_from_settings")]
    operations = [grant_to_recruiters(*ADDED)]
