"""The demo data of `manage.py seed_demo` (recruitment/management/commands/seed_demo.py).

The hand-written world: data.json, read by world.py; written into the tables by seeder.py
(`DemoSeeder`) with people.py (the demo accounts, candidates and their CVs, laid out by pdf.py),
companies.py (companies, vacancies and their review trails) and applications.py (applications,
their stage histories, recruiter notes).

Generated data at scale (`--candidates N --vacancies M`): scale.py (`BulkSeeder`) with
scale_candidates.py, scale_vacancies.py and scale_applications.py, drawing from scale_tables.py
(data.json's `generated` section) and names.py (people's names, from Faker). context.py holds what
a run shares with the builders."""
