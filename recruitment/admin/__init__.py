"""The recruiters' workspace, recruitment side: the notification outbox, matches and notes, and the parts
of the vacancy, application and candidate pages that need them (ranked matches with their explained
breakdown, "recompute matches", recruiter notes, the CV link).

The base admins live with their models (accounts/admin.py, vacancies/admin/: filters, search, workflow
actions); this package registers extended versions in their place, because only the recruitment app may
know about matches and notes. One module per record: vacancies, applications, candidates, introductions,
interviews, placements and records (the recruitment app's own models); `site` is the workspace itself (who
enters, its own pages), `reports` its revenue reports page, `common` what the modules share. `workspace`
registers them all."""
