"""Each required skill becomes a must-have or important.

The plain many-to-many table keeps its rows: the through model takes it over (state only), then gains the
importance column and a named unique constraint. Existing required skills that the agency counts as core
for product leaders (product strategy, roadmapping, data-driven decisions, UX, people management) become
must-haves; the others are important."""

import django.db.models.deletion
from django.db import migrations, models

# The agency's core skills for product leaders, by slug (frozen here: a migration does not read the app).
CORE_SKILLS = [
    "product-strategy",
    "roadmapping",
    "data-driven-decision-making",
    "ux-and-design-thinking",
    "people-management",
]


def core_skills_become_must_haves(apps, schema_editor):
    RequiredSkill = apps.get_model("vacancies", "RequiredSkill")
    RequiredSkill.objects.filter(skill__slug__in=CORE_SKILLS).update(importance="must_have")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_seed_vocabularies"),
        ("vacancies", "0002_candidates_board_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RequiredSkill",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "skill",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="accounts.skill"
                            ),
                        ),
                        (
                            "vacancy",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="skill_requirements",
                                to="vacancies.vacancy",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "vacancies_vacancy_required_skills",
                        "unique_together": {("vacancy", "skill")},
                    },
                ),
                migrations.AlterField(
                    model_name="vacancy",
                    name="required_skills",
                    field=models.ManyToManyField(
                        blank=True, related_name="required_by", through="vacancies.RequiredSkill", to="accounts.skill"
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="requiredskill",
            name="importance",
            field=models.CharField(
                choices=[("must_have", "Must-have"), ("important", "Important")], default="important", max_length=10
            ),
        ),
        migrations.AlterUniqueTogether(name="requiredskill", unique_together=set()),
        migrations.AddConstraint(
            model_name="requiredskill",
            constraint=models.UniqueConstraint(fields=("vacancy", "skill"), name="required_skill_unique_vacancy_skill"),
        ),
        migrations.RunPython(core_skills_become_must_haves, migrations.RunPython.noop),
    ]
