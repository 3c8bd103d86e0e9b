"""The recruiter's part in a held decline (`recruitment.emails.declines`): rewrite it, and send it at once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from recruitment.models import Notification
from recruitment.outbox.enqueue import deliver_on_commit
from vacancies.models import Application
from vacancies.services import WorkflowError

PASS_ON_DECLINES = "recruitment.change_pendingoutcome"  # noqa: S105 (a permission name)
DECLINE_MESSAGE_MAX = 5000


@transaction.atomic
def decline_notice_update(*, notification: Notification, by: User, message: str, send_now: bool = False) -> bool:
    """The recruiter rewrites a held decline and, with `send_now`, releases it at once (delivered when the
    transaction commits). Returns True when it is sent now; refused once it has left."""
    if not recruiter_may(by, PASS_ON_DECLINES):
        raise WorkflowError("You cannot pass on declines.")
    message = (message or "").strip()
    if not message or "\x00" in message or len(message) > DECLINE_MESSAGE_MAX:
        raise WorkflowError(f"Write the message (at most {DECLINE_MESSAGE_MAX:,} characters).")
    row = Notification.objects.select_for_update().filter(pk=notification.pk).first()
    if row is None or row.status != Notification.Status.SCHEDULED:
        raise WorkflowError("This decline has been sent already.")
    row.context = {**row.context, "message": message, "edited_by": by.get_full_name() or by.email}
    fields = ["context", "updated_at"]
    if send_now:
        row.status = Notification.Status.PENDING
        row.send_after = timezone.now()
        fields += ["status", "send_after"]
        if row.application_id:
            Application.objects.filter(pk=row.application_id).update(decline_told_at=row.send_after)
    row.save(update_fields=fields)
    if send_now:
        deliver_on_commit([row.pk])
    return send_now
