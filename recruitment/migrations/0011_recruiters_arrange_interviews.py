"""The Recruiters group may arrange interviews (propose, reschedule, cancel, record feedback) and see them."""

from django.db import migrations

from accounts.migration_helpers import grant_to_recruiters

ADDED = (
    "recruitment.view_interview",
    "recruitment.change_interview",
)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0010_interviews")]

    operations = [grant_to_recruiters(*ADDED)]
