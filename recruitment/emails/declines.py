"""Declines the recruiter passes on: a client's decline (or the news that a role closed) reaches the candidate
only after a delay, as a kind message the recruiter may edit or send at once: a `scheduled` row with
`send_after` (`decline_notice_schedule`), which the sweeper releases when its time comes. The recruiter hears
of it at once (`recruitment.emails.introductions.recruiter_update_notifications`). The workspace lists these
rows as "Declines to pass on" (`PendingOutcome`); the recruiter's edit is `recruitment.services.declines`."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from recruitment.emails.introductions import recruiter_update_notifications
from recruitment.models import Notification
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, first_url
from recruitment.outbox.rows import notification_create
from vacancies.models import Application


def declined_context(notification: Notification, shared: MessageCache) -> dict:
    return {"board_url": first_url(("vacancies:vacancy_list", None))}


APPLICATION_DECLINED = register(
    "application_declined", "Application declined (to the candidate)", context=declined_context
)


def default_decline_message(*, candidate_name: str, vacancy, role_closed: bool = False) -> str:
    """The kind words a decline starts from (or, when the vacancy closed, the news that the role has closed);
    the recruiter may rewrite them before they go."""
    return render_to_string(
        "recruitment/email/role_closed_default_message.txt"
        if role_closed
        else "recruitment/email/decline_default_message.txt",
        {
            "first_name": candidate_name.split(" ")[0] if candidate_name else "",
            "vacancy": vacancy,
            "site_name": settings.SITE_NAME,
        },
    ).strip()


def decline_notice_schedule(
    *, user: User, vacancy, key: str, application: Application | None = None, role_closed: bool = False
) -> int | None:
    """A kind decline to `user`, held for DECLINE_NOTICE_DELAY_HOURS so the recruiter can edit it or send it
    at once. Returns the row id (None when this decline was scheduled already)."""
    if not user.is_active or not user.email:
        return None
    row = notification_create(
        kind=APPLICATION_DECLINED,
        recipient=user,
        dedupe_key=f"{APPLICATION_DECLINED}:{key}",
        vacancy=vacancy,
        application=application,
        context={
            "message": default_decline_message(
                candidate_name=user.get_full_name(), vacancy=vacancy, role_closed=role_closed
            ),
            "role_closed": role_closed,
        },
        status=Notification.Status.SCHEDULED,
        send_after=timezone.now() + timedelta(hours=settings.DECLINE_NOTICE_DELAY_HOURS),
    )
    return row.pk if row else None


def client_decline_notifications(
    *, application: Application, by: User, note: str = "", from_stage: str = ""
) -> list[int]:
    """A client declined an applicant: the decline is held for the recruiter (who hears of it now, with the
    client's note) and reaches the candidate later, kindly worded. Returns the ids to send now (the recruiter's)."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active:
        return []
    row_id = decline_notice_schedule(
        user=candidate,
        vacancy=application.vacancy,
        key=f"application:{application.pk}",
        application=application,
        role_closed=application.closed_with_role,
    )
    if row_id is not None and from_stage:
        # Until the decline goes out, the candidate's pages show where the application stood before it.
        send_after = Notification.objects.values_list("send_after", flat=True).get(pk=row_id)
        Application.objects.filter(pk=application.pk).update(
            decline_told_at=send_after, stage_before_decline=from_stage
        )
    introduction = getattr(application, "introduction", None)
    return recruiter_update_notifications(
        event="role_closed" if application.closed_with_role else "decline_held",
        candidate_name=candidate.get_full_name() or candidate.email,
        key=f"application:{application.pk}",
        recruiter=introduction.recruiter if introduction is not None else None,
        vacancy=application.vacancy,
        application=application,
        note=note,
        admin_path=reverse("admin:recruitment_pendingoutcome_changelist"),
    )
