"""The notification outbox: every email is first a `Notification` row, written in the same transaction as
the change that causes it, then delivered by a Celery task.

- `events`: creating rows (`notification_create`, rows for vacancy status, applications, stage moves);
- `alerts`: match alerts (`alerts_for_matches`, `vacancy_match_and_alert`, `candidate_match_and_alert`,
  `candidate_alerts_unsubscribe`);
- `digests`: bundling held alerts into daily and weekly digests (`digests_build`);
- `delivery`: claiming, sending over SMTP, retrying and failing rows (`notifications_deliver`,
  `notification_retry`);
- `sweeper`: finding what a lost message or a killed worker left behind (`outbox_sweep`).

Imports go one way: sweeper -> delivery -> alerts -> events (digests -> events), and alerts -> matching.
No module here imports `recruitment.tasks`: the services return ids, and whoever calls them (the tasks,
the receivers, the admin's retry action) enqueues what comes next.
"""

from recruitment.outbox.alerts import (
    ALERT_KINDS,
    alerts_for_matches,
    candidate_alerts_unsubscribe,
    candidate_match_and_alert,
    vacancy_match_and_alert,
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
    notification_create,
    stage_changed_notifications,
    vacancy_status_notifications,
)
from recruitment.outbox.sweeper import SweepReport, outbox_sweep

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
    "digests_build",
    "max_retry_delay",
    "notification_claim",
    "notification_create",
    "notification_retry",
    "notifications_deliver",
    "outbox_sweep",
    "retry_delay",
    "stage_changed_notifications",
    "vacancy_match_and_alert",
    "vacancy_status_notifications",
]
