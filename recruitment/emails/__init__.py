"""What each feature emails, one module per feature. Each registers its kinds once with the outbox's registry
(`recruitment.outbox.kinds.register`: the label, what the templates get, the rule checked at send time, and
whether it is a mass email with one-click unsubscribe), and writes its rows with `recruitment.outbox.rows`,
which schedules their delivery when the transaction commits. Templates:
templates/recruitment/email/<kind>_subject.txt, <kind>.txt, <kind>.html.

- alerts: match alerts and the daily / weekly digests (mass email)
- applications: application received (the client and the recruiters), confirmed (the applicant), stage changed
- vacancies: a vacancy published, rejected or expired, and proposed changes published or rejected (the client)
- team: a company admin's invitation to a colleague
- invitations: a recruiter's invitation to apply
- introductions: consent asked, presented to the client, the client's interest, updates for the recruiter
- declines: a decline held for the recruiter before it reaches the candidate
- interviews: slots, other times, confirmed / rescheduled / cancelled (.ics), reminder, feedback asked
- placements: a guarantee ending (the credited recruiter)
- security: many failed logins on one account (the recruiters)

`RecruitmentConfig.ready()` imports this package, so every kind is registered in every process before a row
is validated, rendered or sent. A new email is one module here (listed below) and its three templates."""

from recruitment.emails import (  # noqa: F401 - imported to register their kinds
    alerts,
    applications,
    declines,
    interviews,
    introductions,
    invitations,
    placements,
    security,
    team,
    vacancies,
)
