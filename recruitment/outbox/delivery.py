"""Delivering outbox rows: claim, send over SMTP, mark sent, or fail / retry / cancel.

Delivery is at-least-once with a very small duplicate window:
- a row is *claimed* with a conditional UPDATE (pending -> sending) right before its message goes out,
  so two workers can never both send it;
- it is marked sent right after the SMTP server accepted the message, and before that, by the sending
  thread, in the shared cache (`sent_marks`): a row that comes back after a crash between the two is
  recorded as sent, not sent again;
- transient failures (network, timeouts, 4xx) put it back to pending with an exponential, jittered,
  capped delay; permanent ones (5xx) mark it failed with the error; after OUTBOX_MAX_ATTEMPTS it fails;
- an SMTP server that cannot be reached at all costs no attempt: the batch goes back to pending marked
  `waiting_for=smtp`, and the quick sweep (`recruitment.outbox.requeue`) probes the server every few
  seconds and enqueues the batch as soon as it answers;
- the sweeper (`recruitment.outbox.sweeper`) re-enqueues rows left pending or sending too long, so a
  broker outage or a killed worker loses nothing.

What may still be sent is each kind's own rule (`recruitment.outbox.kinds`: `prepare` once per batch,
`why_not_send` per row); delivery names no kind. `notifications_deliver` reports what to retry and
`recruitment.tasks.notifications_deliver_task` enqueues it; `notification_retry` schedules its row itself.
"""

from __future__ import annotations

import contextlib
import logging
import random
import smtplib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.models import User
from accounts.rules import recruiter_may
from recruitment.models import Notification
from recruitment.outbox import render
from recruitment.outbox.enqueue import deliver_on_commit
from recruitment.outbox.kinds import kind_for
from recruitment.outbox.rows import CHUNK, chunked
from recruitment.outbox.sent_marks import sent_mark, sent_marked
from vacancies.services import WorkflowError

logger = logging.getLogger(__name__)
Status = Notification.Status
Waiting = Notification.Waiting


# --- Claiming, sending, failing ----------------------------------------------------


# The two statements every email runs, written out once: building them through the ORM for each row
# costs more CPU than the rest of the row's database work (see tests/perf/bench_alerts.py).
_TABLE = Notification._meta.db_table
_CLAIM_SQL = (
    f"UPDATE {_TABLE} SET status = %s, claimed_at = %s, updated_at = %s, attempts = attempts + 1, "  # noqa: S608 - no user input
    "waiting_for = '' WHERE id = %s AND status = %s"
)
_MARK_SENT_SQL = (
    f"UPDATE {_TABLE} SET status = %s, sent_at = %s, updated_at = %s, last_error = '' "  # noqa: S608 - no user input
    "WHERE id = %s AND status IN (%s, %s)"
)


def _now_param() -> object:
    return db_connection.ops.adapt_datetimefield_value(timezone.now())


def _execute(sql: str, params: list) -> int:
    with db_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def notification_claim(*, notification_id: int) -> bool:
    """pending -> sending, only if still pending: exactly one worker wins."""
    now = _now_param()
    return _execute(_CLAIM_SQL, [Status.SENDING, now, now, notification_id, Status.PENDING]) == 1


def notification_mark_sent(*, notification_id: int) -> bool:
    now = _now_param()
    # Also from pending: if the sweeper took the row back meanwhile, this stops a second send.
    return _execute(_MARK_SENT_SQL, [Status.SENT, now, now, notification_id, Status.SENDING, Status.PENDING]) == 1


def notification_mark_failed(*, notification_id: int, error: str) -> bool:
    return bool(
        Notification.objects.sending()
        .filter(pk=notification_id)
        .update(status=Status.FAILED, last_error=error[:2000], updated_at=timezone.now())
    )


def notification_release(*, notification_id: int, error: str) -> bool:
    """sending -> pending after a transient error; a retry is scheduled by the caller."""
    return bool(
        Notification.objects.sending()
        .filter(pk=notification_id)
        .update(status=Status.PENDING, last_error=error[:2000], updated_at=timezone.now())
    )


def notifications_wait_for_smtp(*, claimed_id: int | None, ids: Sequence[int], error: str) -> None:
    """The SMTP server could not be reached: the claimed row (its attempt undone: no message left) and the
    rest of the batch go back to pending, waiting for the quick sweep's probe to find the server back."""
    now = timezone.now()
    if claimed_id is not None:
        Notification.objects.sending().filter(pk=claimed_id).update(
            status=Status.PENDING,
            attempts=Greatest(F("attempts") - 1, 0),
            waiting_for=Waiting.SMTP,
            last_error=error[:2000],
            updated_at=now,
        )
    for chunk in chunked(list(ids), CHUNK):
        Notification.objects.pending().filter(pk__in=chunk).update(waiting_for=Waiting.SMTP, updated_at=now)


def notification_cancel(*, notification_id: int, reason: str) -> bool:
    return bool(
        Notification.objects.filter(pk=notification_id, status__in=[Status.SENDING, Status.PENDING]).update(
            status=Status.CANCELLED, last_error=reason, updated_at=timezone.now()
        )
    )


def notification_retry(*, notification: Notification, by: User) -> Notification:
    """Make a failed (or cancelled) notification pending again, from a recruiter's retry action.

    Resets the attempt count; the row is delivered when the transaction commits."""
    if not recruiter_may(by, "recruitment.change_notification"):
        raise WorkflowError("Only recruiters can retry notifications.")
    with transaction.atomic():
        updated = Notification.objects.filter(pk=notification.pk, status__in=[Status.FAILED, Status.CANCELLED]).update(
            status=Status.PENDING, attempts=0, last_error="", claimed_at=None, updated_at=timezone.now()
        )
        if not updated:
            raise WorkflowError("Only a failed or cancelled notification can be retried.")
        deliver_on_commit([notification.pk])
    notification.refresh_from_db()
    return notification


def retry_delay(attempts: int) -> float:
    """Seconds before retry number `attempts` (1 = first retry): exponential, half of it jittered,
    capped at OUTBOX_RETRY_MAX_SECONDS and below the broker's visibility timeout."""
    ceiling = max_retry_delay(attempts)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 - jitter, not cryptography


def max_retry_delay(attempts: int) -> float:
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    cap = min(settings.OUTBOX_RETRY_MAX_SECONDS, visibility * 0.8)
    return float(min(cap, settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(0, attempts - 1)))


class SmtpUnreachable(Exception):
    """Opening the SMTP connection failed in a way worth retrying: no message was handed over."""


@dataclass(frozen=True)
class SendError:
    transient: bool  # retry later
    connection: bool  # the connection is unusable: stop this batch


def classify_error(exc: BaseException) -> SendError | None:
    """Transient: the network, timeouts and 4xx answers. Permanent: 5xx answers. None: not an SMTP error."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return SendError(transient=bool(codes) and all(400 <= code < 500 for code in codes), connection=False)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(transient=True, connection=True)
    if isinstance(exc, smtplib.SMTPResponseException):
        connection_level = isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPHeloError) or exc.smtp_code == 421
        return SendError(transient=400 <= exc.smtp_code < 500, connection=connection_level)
    if isinstance(exc, smtplib.SMTPException):
        return SendError(transient=False, connection=True)
    if isinstance(exc, OSError):  # refused, reset, unreachable, timeouts, TLS
        return SendError(transient=True, connection=True)
    return None


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()


@dataclass
class DeliveryReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # not pending any more: someone else has it
    # (ids, countdown seconds): what to enqueue again after a transient failure.
    retry: list[tuple[list[int], float]] = field(default_factory=list)
    # Left pending for the quick sweep: the SMTP server could not be reached.
    waiting_for_smtp: list[int] = field(default_factory=list)


def prepared_rules(rows) -> dict[str, object]:
    """What each kind's send-time rule needs for this batch, computed once per kind (`EmailKind.prepare`)."""
    by_kind: dict[str, list[Notification]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    return {
        kind: rule.prepare(kind_rows) if (rule := kind_for(kind)).prepare is not None else None
        for kind, kind_rows in by_kind.items()
    }


def why_not_send(notification: Notification, prepared: dict[str, object]) -> str:
    """A reason to cancel instead of sending, checked at send time (things change after queueing)."""
    return kind_for(notification.kind).why_not_send(notification, prepared.get(notification.kind))


def notifications_deliver(*, ids: Sequence[int]) -> DeliveryReport:
    """Send the given outbox rows over one SMTP connection.

    Each row is claimed (pending -> sending) just before its message is handed to the SMTP
    connection, and marked sent as soon as the server has accepted it. While one message is with the
    server (a background thread does the talking), the next one is rendered; only one message is in
    flight at a time, so a process killed at the worst moment can deliver at most that one twice."""
    return _Delivery(ids).run()


class _Delivery:
    def __init__(self, ids: Sequence[int]):
        self.ids = list(ids)
        self.report = DeliveryReport()
        self.rows = {
            n.pk: n
            for n in Notification.objects.pending()
            .filter(pk__in=self.ids)
            .select_related("recipient", "vacancy__company", "vacancy__role_family", "application__vacancy__company")
        }
        self.prepared = prepared_rules(self.rows.values())
        # Rows whose message a server accepted before a crash kept their row from being marked sent.
        self.accepted_before = sent_marked(self.rows)
        self.connection = get_connection()
        self.opened = False
        self.shared = render.MessageCache()
        self.sender = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-smtp")
        self.in_flight: tuple[Notification, Future] | None = None
        self.position = 0

    def run(self) -> DeliveryReport:
        try:
            for position, notification_id in enumerate(self.ids):
                self.position = position
                if not self.step(notification_id):
                    break
            else:
                self.settle(remaining=[])
        except SoftTimeLimitExceeded:
            # Finish the message in flight; the rest goes back to the queue (a row claimed but not yet
            # handed over stays `sending` until the sweeper takes it back).
            self.settle(remaining=[])
            self.report.retry.append((self.ids[self.position :], 1.0))
        except BaseException:
            # Something else broke (the database went away...): record the message in flight if we
            # can, so it is not sent again, then let the task fail; the sweeper does the rest.
            with contextlib.suppress(Exception):
                self.settle(remaining=[])
            raise
        finally:
            self.sender.shutdown(wait=True)
            if self.opened:
                _close_quietly(self.connection)
        return self.report

    def step(self, notification_id: int) -> bool:
        """Prepare one row while the previous one is sent, then hand it over. False: stop the batch."""
        notification = self.rows.get(notification_id)
        if notification is None:
            self.report.skipped.append(notification_id)
            return True
        if notification_id in self.accepted_before:
            if notification_mark_sent(notification_id=notification_id):
                logger.warning("Notification %s was accepted before a crash: marked sent, not resent", notification_id)
                self.report.sent.append(notification_id)
            return True
        reason = why_not_send(notification, self.prepared)
        message, build_error = None, None
        if not reason:
            try:
                message = render.build_message(notification, connection=self.connection, shared=self.shared)
            except SoftTimeLimitExceeded:
                raise
            except Exception as exc:  # a rendering bug: visible in the admin, retried only by a person
                logger.exception("Could not build notification %s", notification_id)
                build_error = exc
        if not self.settle(remaining=self.ids[self.position :]):
            return False
        if not notification_claim(notification_id=notification_id):
            self.report.skipped.append(notification_id)  # another worker has it, or it moved on
            return True
        notification.attempts += 1
        if reason:
            notification_cancel(notification_id=notification_id, reason=reason)
            self.report.cancelled.append(notification_id)
        elif build_error is not None:
            notification_mark_failed(notification_id=notification_id, error=describe(build_error))
            self.report.failed.append(notification_id)
        else:
            self.in_flight = (notification, self.sender.submit(self.send, notification.pk, message))
        return True

    def send(self, notification_id: int, message) -> None:
        """In the sender thread: open the connection once, then reuse it; note the server's 250 at once."""
        if not self.opened:
            try:
                self.connection.open()
            except Exception as exc:
                error = classify_error(exc)
                if error is not None and error.transient and error.connection:
                    raise SmtpUnreachable(describe(exc)) from exc
                raise
            self.opened = True
        message.send()
        sent_mark(notification_id)

    def settle(self, *, remaining: Sequence[int]) -> bool:
        """Wait for the message in flight and record how it went. False: the server is unreachable and
        the batch stops (`remaining`, not yet claimed, is retried with it)."""
        if self.in_flight is None:
            return True
        notification, future = self.in_flight
        self.in_flight = None
        try:
            future.result()
        except Exception as exc:
            return self.failed(notification, exc, remaining)
        if notification_mark_sent(notification_id=notification.pk):
            self.report.sent.append(notification.pk)
        else:
            logger.warning("Notification %s was sent but its row had moved on", notification.pk)
        return True

    def failed(self, notification: Notification, exc: Exception, remaining: Sequence[int]) -> bool:
        if isinstance(exc, SmtpUnreachable):
            _close_quietly(self.connection)
            self.opened = False
            ids = [pk for pk in remaining if pk != notification.pk and pk in self.rows]
            notifications_wait_for_smtp(claimed_id=notification.pk, ids=ids, error=str(exc))
            self.report.waiting_for_smtp += [notification.pk, *ids]
            return False
        error = classify_error(exc)
        if error is None:
            logger.error("Unexpected error sending notification %s", notification.pk, exc_info=exc)
            error = SendError(transient=False, connection=True)
        if error.connection:
            _close_quietly(self.connection)
            self.opened = False
        if not error.transient:
            notification_mark_failed(notification_id=notification.pk, error=describe(exc))
            self.report.failed.append(notification.pk)
            return True
        if notification.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            notification_mark_failed(
                notification_id=notification.pk,
                error=f"Gave up after {notification.attempts} attempts. Last error: {describe(exc)}",
            )
            self.report.failed.append(notification.pk)
            retry_ids = []
        else:
            notification_release(notification_id=notification.pk, error=describe(exc))
            retry_ids = [notification.pk]
        delay = retry_delay(notification.attempts)
        if error.connection:
            # The server is unreachable: the rest of the batch waits for the same retry.
            retry_ids += list(remaining)
        if retry_ids:
            self.report.retry.append((retry_ids, delay))
        return not error.connection


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except Exception:  # the connection is broken already; nothing else to do
        logger.debug("Closing the SMTP connection failed", exc_info=True)
