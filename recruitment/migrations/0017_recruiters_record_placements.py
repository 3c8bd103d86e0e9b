"""The Recruiters group may record placements (open, update, invoice, mark paid, fall through), read them,
and keep the clients' terms; nothing more: no deleting a placement."""

from django.db import migrations

from accounts.migration_helpers import grant_to_recruiters

ADDED = (
    "recruitment.add_placement",
    "recruitment.change_placement",
    "recruitment.view_placement",
    "recruitment.add_clientterms",
    "recruitment.change_clientterms",
    "recruitment.view_clientterms",
)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0016_placements_and_client_terms")]

    operations = [grant_to_recruiters(*ADDED)]
