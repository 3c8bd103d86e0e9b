"""Events the vacancies app announces. The recruitment app listens (matching, outbox rows);
vacancies never imports recruitment. Sent inside the service's transaction, so
receivers write their rows atomically with the change."""

from django.dispatch import Signal

# kwargs: vacancy, from_status, to_status, by, note
vacancy_status_changed = Signal()
# kwargs: application
application_submitted = Signal()
# kwargs: application, from_stage, to_stage, by, note
application_stage_changed = Signal()
# A recruiter published or rejected the changes an employer proposed to a live vacancy.
# kwargs: revision, by, changes (what changed, for people: "title, salary band"; "" when rejected)
vacancy_revision_decided = Signal()
# kwargs: invite (a colleague was invited to join a company; the outbox emails them the link)
company_invite_sent = Signal()
