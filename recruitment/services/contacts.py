"""Recruiters' contacts with candidates: notes, logged contacts and invitations to apply.

Each function is a service: keyword-only with `by=`, atomic, checking the permission it needs with
`accounts.rules.recruiter_may`, locking the candidate's row while it checks and writes, and leaving an audit
row (the note itself, or a `ContactLogEntry`). Refusals raise `WorkflowError` with a message a person reads.
Emails are outbox rows, scheduled for delivery when the transaction commits (`recruitment.emails.invitations`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import CandidateProfile, User
from accounts.rules import recruiter_may
from recruitment.emails.invitations import invitation_notifications
from recruitment.models import ContactLogEntry, Invitation, Match, RecruiterNote
from recruitment.services.common import contact_refusal, display_name, locked, require
from vacancies.models import Application, Vacancy
from vacancies.services import WorkflowError

ADD_NOTE = "recruitment.add_recruiternote"
LOG_CONTACT = "recruitment.add_contactlogentry"
SEND_INVITATION = "recruitment.add_invitation"
NOTE_MAX = 5000
# Invitations are logged by `invitation_send` itself; the rest a recruiter logs by hand.
LOGGABLE_KINDS = [kind for kind in ContactLogEntry.Kind.values if kind != ContactLogEntry.Kind.INVITATION]
MESSAGE_MAX = 2000

# What every state change here locks and reads with the row.
LOCK_RELATED = ("user",)


@transaction.atomic
def recruiter_note_add(
    *, candidate: CandidateProfile, body: str, by: User, application: Application | None = None
) -> RecruiterNote:
    """A dated note on a candidate (and, optionally, one of their applications), written by `by`."""
    require(recruiter_may(by, ADD_NOTE), "You cannot add notes.")
    body = (body or "").strip()
    require(bool(body), "Write the note first.")
    require(len(body) <= NOTE_MAX, f"Keep a note under {NOTE_MAX:,} characters.")
    if application is not None:
        require(application.candidate_id == candidate.user_id, "That application is another candidate's.")
    note = RecruiterNote(candidate=locked(candidate, *LOCK_RELATED), application=application, author=by, body=body)
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def contact_log_add(
    *, candidate: CandidateProfile, kind: str, summary: str, by: User, vacancy: Vacancy | None = None
) -> ContactLogEntry:
    """Record a contact the recruiter had with the candidate outside the system (a call, an email, a meeting)."""
    require(recruiter_may(by, LOG_CONTACT), "You cannot log contacts.")
    require(kind in LOGGABLE_KINDS, "Choose a kind of contact.")
    summary = (summary or "").strip()
    require(len(summary) <= NOTE_MAX, f"Keep the summary under {NOTE_MAX:,} characters.")
    entry = ContactLogEntry(
        candidate=locked(candidate, *LOCK_RELATED), kind=kind, summary=summary, by=by, vacancy=vacancy
    )
    entry.full_clean()
    entry.save()
    return entry


@dataclass
class InvitationSent:
    invitation: Invitation
    notification_ids: list[int] = field(default_factory=list)


def invitation_refusal(*, profile: CandidateProfile, vacancy: Vacancy) -> str | None:
    """Why `profile` may not be invited to `vacancy` now, in words; None when they may."""
    refusal = contact_refusal(
        profile=profile, vacancy=vacancy, closed=f"“{vacancy.title}” is not open for applications."
    )
    if refusal is not None:
        return refusal
    existing = Invitation.objects.filter(candidate=profile, vacancy=vacancy).first()
    if existing is not None:
        name, day = display_name(profile), f"{existing.created_at:%-d %b %Y}"
        return f"{name} was already invited to “{vacancy.title}” on {day}."
    return None


@transaction.atomic
def invitation_send(*, candidate: CandidateProfile, vacancy: Vacancy, by: User, message: str = "") -> InvitationSent:
    """Invite a candidate to apply: the invitation, a contact-log row and an outbox email
    (dedupe key `invitation:<profile>:<vacancy>`). Refused for a candidate who applied already, was
    invited already, is not open to opportunities, has not consented or has no verified address."""
    require(recruiter_may(by, SEND_INVITATION), "You cannot invite candidates.")
    message = (message or "").strip()
    require(len(message) <= MESSAGE_MAX, f"Keep the message under {MESSAGE_MAX:,} characters.")
    profile = locked(candidate, *LOCK_RELATED)
    refusal = invitation_refusal(profile=profile, vacancy=vacancy)
    require(refusal is None, refusal or "")
    invitation = Invitation(candidate=profile, vacancy=vacancy, recruiter=by, message=message)
    try:
        invitation.full_clean(exclude=["candidate", "vacancy"])
        with transaction.atomic():
            invitation.save()
    except (IntegrityError, ValidationError) as exc:
        raise WorkflowError(f"{display_name(profile)} was already invited to “{vacancy.title}”.") from exc
    ContactLogEntry.objects.create(
        candidate=profile,
        vacancy=vacancy,
        kind=ContactLogEntry.Kind.INVITATION,
        summary=message or f"Invited to apply to {vacancy.title} at {vacancy.company.name}.",
        by=by,
        at=invitation.created_at,
    )
    match = Match.objects.filter(candidate=profile, vacancy=vacancy).first()
    ids = invitation_notifications(invitation=invitation, match=match, by=by)
    return InvitationSent(invitation=invitation, notification_ids=ids)
