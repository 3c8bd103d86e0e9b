"""The recruitment app's part of a candidate's personal data (accounts.personal_data), one module per feature:
matches, notifications (the outbox), contacts (recruiter notes, the contact log, invitations), introductions,
interviews, placements and the workspace's history. Imported at start-up (RecruitmentConfig.ready), which
registers them all."""

from recruitment.personal_sections import (  # noqa: F401 - importing a module registers its sections
    contacts,
    interviews,
    introductions,
    matches,
    notifications,
    placements,
    workspace,
)
