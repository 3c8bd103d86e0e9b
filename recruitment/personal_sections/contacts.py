"""The agency's contacts with the person: what recruiters wrote about them, the contacts they logged and
their invitations to apply. All three hang off the profile and go with it."""

from __future__ import annotations

from accounts import personal_data
from accounts.personal_data import Policy, Section, actor
from recruitment.models import ContactLogEntry, Invitation, RecruiterNote


def _of(model, profile):
    return model.objects.filter(candidate=profile) if profile is not None else model.objects.none()


def export_recruiter_notes(user, profile, files) -> list[dict]:
    # What the agency's recruiters wrote about the person: personal data too. Authors by role, not name.
    notes = _of(RecruiterNote, profile).select_related("application__vacancy").order_by("created_at", "pk")
    return [
        {
            "written_at": note.created_at,
            "by": "recruiter",
            "about_application_to": note.application.vacancy.title if note.application else None,
            "note": note.body,
        }
        for note in notes
    ]


def export_contact_log(user, profile, files) -> list[dict]:
    entries = _of(ContactLogEntry, profile).select_related("vacancy__company", "by").order_by("at", "pk")
    return [
        {
            "at": entry.at,
            "kind": entry.kind,
            "about_vacancy": entry.vacancy.title if entry.vacancy else None,
            "company": entry.vacancy.company.name if entry.vacancy else None,
            "summary": entry.summary,
            "by": actor(entry.by, user),
        }
        for entry in entries
    ]


def export_invitations(user, profile, files) -> list[dict]:
    invitations = _of(Invitation, profile).select_related("vacancy__company").order_by("created_at", "pk")
    return [
        {
            "vacancy": invitation.vacancy.title,
            "company": invitation.vacancy.company.name,
            "vacancy_url": invitation.vacancy.get_absolute_url(),
            "invited_at": invitation.created_at,
            "by": "recruiter",
            "message": invitation.message,
        }
        for invitation in invitations
    ]


personal_data.register(
    Section(
        name="recruiter_notes",
        title="Notes our recruiters wrote about you",
        models=(RecruiterNote,),
        export=export_recruiter_notes,
        policy=Policy.DELETED,
        reason="Opinions about the person: deleted with their profile.",
        count=lambda user, profile: _of(RecruiterNote, profile).count(),
    )
)
personal_data.register(
    Section(
        name="invitations",
        title="Invitations to apply",
        models=(Invitation,),
        export=export_invitations,
        policy=Policy.DELETED,
        reason="Addressed to the person only: deleted with their profile.",
        count=lambda user, profile: _of(Invitation, profile).count(),
    )
)
personal_data.register(
    Section(
        name="contact_log",
        title="Our contacts with you (calls, emails, meetings, invitations, introductions)",
        models=(ContactLogEntry,),
        export=export_contact_log,
        policy=Policy.DELETED,
        reason="A diary of contacts with the person: deleted with their profile (no law asks the agency to keep it).",
        count=lambda user, profile: _of(ContactLogEntry, profile).count(),
    )
)
