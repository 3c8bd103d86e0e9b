"""The notification outbox: every email is first a `Notification` row, written in the same transaction as
the change that causes it, then delivered by a Celery task.

- `events`: creating rows (`notification_create`, rows for vacancy status, applications, stage moves);
- `alerts`: match alerts (`alerts_for_matches`, `vacancy_match_and_alert`, `vacancy_match_merge_and_alert`,
  `candidate_match_and_alert`, `candidate_alerts_unsubscribe`);
- `digests`: bundling held alerts into daily and weekly digests (`digests_build`);
- `delivery`: claiming, sending over SMTP, retrying and failing rows (`notifications_deliver`,
  `notification_retry`);
- `sweeper`: finding what a lost message or a killed worker left behind (`outbox_sweep`);
- `requeue`: the quick sweep of rows waiting for the broker or the SMTP server (`outbox_requeue`);
- `sent_marks`: the note, in the shared cache, that a server accepted a row's message.

Imports go one way: sweeper -> delivery -> alerts -> events (digests, requeue -> events; delivery ->
sent_marks), and alerts -> matching.
No module here imports `recruitment.tasks`: the services return ids, and whoever calls them (the tasks,
the receivers, the admin's retry action) enqueues what comes next.
"""

from recruitment.outbox.alerts import (
    ALERT_KINDS,
    alerts_for_matches,
    candidate_alerts_unsubscribe,
    candidate_match_and_alert,
    vacancy_match_and_alert,
    vacancy_match_merge_and_alert,
)
from recruitment.outbox.delivery import (
    DeliveryReport,
    classify_error,
    max_retry_delay,
    notification_claim,
    notification_retry,
    notifications_deliver,
    retry_delay,
)
from recruitment.outbox.digests import digests_build
from recruitment.outbox.events import (
    application_confirmed_notifications,
    application_received_notifications,
    colleague_invite_notifications,
    login_failures_notifications,
    notification_create,
    revision_decided_notifications,
    stage_changed_notifications,
    vacancy_status_notifications,
)
from recruitment.outbox.requeue import notifications_wait_for_broker, outbox_requeue
from recruitment.outbox.sweeper import SweepReport, outbox_sweep, vacancies_never_matched

__all__ = [
    "ALERT_KINDS",
    "DeliveryReport",
    "SweepReport",
    "alerts_for_matches",
    "application_confirmed_notifications",
    "application_received_notifications",
    "candidate_alerts_unsubscribe",
    "candidate_match_and_alert",
    "classify_error",
    "colleague_invite_notifications",
    "digests_build",
    "login_failures_notifications",
    "max_retry_delay",
    "notification_claim",
    "notification_create",
    "notification_retry",
    "notifications_deliver",
    "notifications_wait_for_broker",
    "outbox_requeue",
    "outbox_sweep",
    "retry_delay",
    "revision_decided_notifications",
    "stage_changed_notifications",
    "vacancies_never_matched",
    "vacancy_match_and_alert",
    "vacancy_match_merge_and_alert",
    "vacancy_status_notifications",
]
