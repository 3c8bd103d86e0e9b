"""The Recruiters group may introduce candidates to clients (and follow and withdraw the introductions) and
read and pass on the declines held for them; nothing more: no deleting either record."""

from django.db import migrations

from accounts.migration_helpers import grant_to_recruiters

ADDED = (
    "recruitment.add_introduction",
    "recruitment.change_introduction",
    "recruitment.view_introduction",
    "recruitment.view_pendingoutcome",
    "recruitment.change_pendingoutcome",
)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0008_introductions_and_scheduled_declines")]

    operations = [grant_to_recruiters(*ADDED)]
