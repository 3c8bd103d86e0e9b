"""The outbox: the emails sent (or about to be sent) to the person, and the emails to other people that
name them (a client told of an introduction, a recruiter told of an answer, an employer told of a
request for other interview times)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from accounts import personal_data
from accounts.personal_data import Policy, Section
from recruitment.models import Introduction, Notification
from vacancies.models import Application

# What an email to someone else says about the person, under these context keys (recruitment/outbox writes
# them), and what it says once they are gone. The row stays: it is the record of what the agency sent.
ABOUT_THEM = {
    "candidate_name": "A deleted candidate",
    "account_email": "a deleted account",
    "note": "",
    "pitch": "",
    "reason": "",
}
# The erase reads the ids of the person's applications and introductions before they change or go.
NOTIFICATIONS_ERASE_ORDER = 20


def _to_them(user):
    return Notification.objects.filter(recipient=user)


def _exported(user):
    # A scheduled row is a decline the recruiter may still reword: the person hears of it when it goes.
    return _to_them(user).exclude(status=Notification.Status.SCHEDULED)


def export_notifications(user, profile, files) -> list[dict]:
    return [
        {
            "kind": n.kind,
            "to_email": n.to_email,
            "status": n.status,
            "vacancy": n.vacancy.title if n.vacancy else None,
            "created_at": n.created_at,
            "sent_at": n.sent_at,
        }
        for n in _exported(user).select_related("vacancy").order_by("created_at", "pk")
    ]


def about_them(user, profile):
    """Rows addressed to other people that name the person."""
    introductions = list(Introduction.objects.filter(candidate=profile).values_list("pk", flat=True)) if profile else []
    admin_paths = [reverse("admin:recruitment_introduction_change", args=[pk]) for pk in introductions]
    return Notification.objects.exclude(recipient=user).filter(
        Q(application__in=Application.objects.for_candidate(user))
        | Q(context__introduction_id__in=introductions)
        | Q(context__admin_path__in=admin_paths)
        | Q(context__account_email=user.email)
    )


def erase_notifications(user, profile, files) -> None:
    _to_them(user).delete()
    for row in about_them(user, profile).only("pk", "context"):
        context = {**row.context, **{key: value for key, value in ABOUT_THEM.items() if key in row.context}}
        if context != row.context:
            Notification.objects.filter(pk=row.pk).update(context=context)


personal_data.register(
    Section(
        name="notifications",
        title="Emails we sent or will send you",
        models=(Notification,),
        export=export_notifications,
        erase=erase_notifications,
        erase_order=NOTIFICATIONS_ERASE_ORDER,
        policy=Policy.ANONYMISED,
        reason="Emails to the person are deleted; emails to others about them stay as the record of what the "
        "agency sent, without their name, email address, notes, reasons or pitch.",
        count=lambda user, profile: _exported(user).count(),
    )
)
