"""The workspace's history (the Django admin's log): which of the person's records recruiters added, changed
or deleted, and when. A log row names its record as the record printed itself then (the person's name, or
their email address for an email to them); that name is what deletion removes."""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from accounts import personal_data
from accounts.models import CandidateProfile, User
from accounts.personal_data import Policy, Section, actor
from recruitment.models import Interview, Introduction, Match, Notification, PendingOutcome, Placement, SavedSearch
from vacancies.models import Application

DELETED_NAME = "Deleted candidate"
# Before any other section: it reads the ids of the rows that are about to change or go.
WORKSPACE_ERASE_ORDER = 10


def _records(user, profile) -> dict[type, list]:
    """The person's records whose printed name says who they are, by model."""
    emails = list(Notification.objects.filter(recipient=user).values_list("pk", flat=True))
    applications = list(Application.objects.for_candidate(user).values_list("pk", flat=True))
    about_profile = {"candidate": profile} if profile is not None else {"pk__in": []}
    return {
        User: [user.pk],
        CandidateProfile: [profile.pk] if profile is not None else [],
        Application: applications,
        Notification: emails,
        PendingOutcome: emails,
        # Their workspace titles name the candidate too ("Ingrid Solberg, first interview, ...").
        Interview: list(Interview.objects.filter(application_id__in=applications).values_list("pk", flat=True)),
        Placement: list(Placement.objects.filter(application_id__in=applications).values_list("pk", flat=True)),
        Introduction: list(Introduction.objects.filter(**about_profile).values_list("pk", flat=True)),
        Match: list(Match.objects.filter(**about_profile).values_list("pk", flat=True)),
    }


def _entries(user, profile):
    about = Q(pk__in=[])
    for model, ids in _records(user, profile).items():
        if ids:
            content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
            about |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    return LogEntry.objects.filter(about)


def export_workspace_history(user, profile, files) -> list[dict]:
    entries = _entries(user, profile).select_related("content_type", "user").order_by("action_time", "pk")
    actions = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}
    return [
        {
            "at": entry.action_time,
            "record": entry.content_type.name if entry.content_type else "",
            "action": actions.get(entry.action_flag, ""),
            "change": entry.get_change_message(),
            "by": actor(entry.user, user),
        }
        for entry in entries
    ]


def erase_workspace_history(user, profile, files) -> None:
    _entries(user, profile).update(object_repr=DELETED_NAME)


personal_data.register(
    Section(
        name="workspace_history",
        title="Changes our recruiters made to your records",
        models=(LogEntry,),
        export=export_workspace_history,
        erase=erase_workspace_history,
        erase_order=WORKSPACE_ERASE_ORDER,
        policy=Policy.ANONYMISED,
        reason="The workspace's audit trail of what staff did stays; the person's name, printed into its rows, "
        "is replaced.",
        count=lambda user, profile: _entries(user, profile).count(),
    )
)

personal_data.not_candidate_data(SavedSearch, "owner", reason="A recruiter's own saved search.")
