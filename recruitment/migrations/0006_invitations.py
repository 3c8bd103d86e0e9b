"""Invitations to apply and the contact log; the Recruiters group may send invitations and log contacts
(and read both), nothing more: no changing or deleting either record."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from accounts.migration_helpers import grant_to_recruiters

ADDED = (
    "recruitment.add_invitation",
    "recruitment.view_invitation",
    "recruitment.add_contactlogentry",
    "recruitment.view_contactlogentry",
)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_linkedin_url_canonical"),
        ("recruitment", "0005_outbox_waiting_for_and_login_failures"),
        ("vacancies", "0003_required_skill_importance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("match_alert", "Match alert"),
                    ("match_digest", "Match digest"),
                    ("application_received", "Application received"),
                    ("stage_changed", "Application stage changed"),
                    ("vacancy_published", "Vacancy published"),
                    ("vacancy_rejected", "Vacancy rejected"),
                    ("vacancy_expired", "Vacancy expired"),
                    ("login_failures", "Failed logins on an account"),
                    ("invitation", "Invitation to apply"),
                ],
                max_length=30,
            ),
        ),
        migrations.CreateModel(
            name="ContactLogEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("invitation", "Invited to apply"),
                            ("call", "Call"),
                            ("email", "Email"),
                            ("meeting", "Meeting"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("summary", models.TextField(blank=True, max_length=5000)),
                ("at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "candidate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_log",
                        to="accounts.candidateprofile",
                    ),
                ),
                (
                    "vacancy",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="vacancies.vacancy",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "contact log entries",
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["candidate", "-at"], name="contactlog_candidate_at_idx")],
            },
        ),
        migrations.CreateModel(
            name="Invitation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("message", models.TextField(blank=True, max_length=2000)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "candidate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="accounts.candidateprofile",
                    ),
                ),
                (
                    "recruiter",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "vacancy",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="invitations", to="vacancies.vacancy"
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(fields=("candidate", "vacancy"), name="invitation_unique_candidate_vacancy")
                ],
            },
        ),
        grant_to_recruiters(*ADDED),
    ]
