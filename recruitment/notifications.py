"""The notification outbox: every email is first a `Notification` row, written in the same
transaction as the change that causes it, then delivered by a Celery task.

Delivery is at-least-once with a very small duplicate window:
- a row is *claimed* with a conditional UPDATE (pending -> sending) right before its message goes out,
  so two workers can never both send it;
- it is marked sent right after the SMTP server accepted the message;
- transient failures (network, timeouts, 4xx) put it back to pending with an exponential, jittered,
  capped delay; permanent ones (5xx) mark it failed with the error; after OUTBOX_MAX_ATTEMPTS it fails;
- the sweeper (`outbox_sweep`) re-enqueues rows left pending or sending too long, so a broker outage or
  a killed worker loses nothing.

No function here imports the Celery tasks except `notification_retry`, which enqueues on commit.
"""

from __future__ import annotations

import contextlib
import logging
import random
import smtplib
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import CandidateProfile, User
from recruitment import emails
from recruitment.models import Match, Notification
from vacancies.models import Application, Vacancy, VacancyStatusChange
from vacancies.services import WorkflowError, user_is_recruiter

logger = logging.getLogger(__name__)

Kind = Notification.Kind
Status = Notification.Status
ALERT_KINDS = (Kind.MATCH_ALERT, Kind.MATCH_DIGEST)
# Rows per query when a list of keys or ids goes into an IN (...) clause.
CHUNK = 500
# How far back the sweeper looks for published vacancies whose matching never ran.
MATCH_RUN_LOOKBACK = timedelta(days=1)
# A vacancy the sweeper re-matched is not re-matched again for this many seconds.
REMATCH_INTERVAL = 3600
# Most rows one sweep re-enqueues (the next sweep takes the rest).
SWEEP_LIMIT = 20_000


def chunked(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Creating outbox rows ----------------------------------------------------------


def _insert(rows: Iterable[Notification]) -> dict[str, int]:
    """Insert the rows whose dedupe_key is new; return {dedupe_key: id} of the rows inserted now.

    Uses INSERT ... ON CONFLICT DO NOTHING, so a duplicate never aborts the caller's transaction
    (which on PostgreSQL an IntegrityError would)."""
    by_key: dict[str, Notification] = {}
    for row in rows:
        by_key.setdefault(row.dedupe_key, row)
    if not by_key:
        return {}
    keys = list(by_key)
    existing: set[str] = set()
    for chunk in chunked(keys, CHUNK):
        existing.update(Notification.objects.filter(dedupe_key__in=chunk).values_list("dedupe_key", flat=True))
    fresh = [row for key, row in by_key.items() if key not in existing]
    if not fresh:
        return {}
    Notification.objects.bulk_create(fresh, batch_size=CHUNK, ignore_conflicts=True)
    # bulk_create sets no ids when it may skip rows: read them back (in insertion order). A row another
    # process inserted in the same instant may come back too; it is still sent once (claims are atomic).
    created: dict[str, int] = {}
    for chunk in chunked([row.dedupe_key for row in fresh], CHUNK):
        created.update(Notification.objects.filter(dedupe_key__in=chunk).order_by("pk").values_list("dedupe_key", "pk"))
    return dict(sorted(created.items(), key=lambda item: item[1]))


def _insert_pending(rows: list[Notification]) -> list[int]:
    """Insert the new rows; return the ids of those to send now (pending, not held)."""
    pending = {row.dedupe_key for row in rows if row.status == Status.PENDING}
    return [pk for key, pk in _insert(rows).items() if key in pending]


def notification_create(
    *,
    kind: str,
    recipient: User,
    dedupe_key: str,
    vacancy: Vacancy | None = None,
    application: Application | None = None,
    match: Match | None = None,
    context: dict | None = None,
    status: str = Status.PENDING,
) -> Notification | None:
    """Write one outbox row. Returns None when a row with this dedupe key already exists."""
    row = Notification(
        kind=kind,
        recipient=recipient,
        to_email=recipient.email,
        vacancy=vacancy,
        application=application,
        match=match,
        dedupe_key=dedupe_key,
        context=context or {},
        status=status,
    )
    row.full_clean(exclude=["dedupe_key"])
    created = _insert([row])
    return Notification.objects.get(pk=created[dedupe_key]) if created else None


def _notify_users(
    users: Iterable[User], *, kind: str, key: str, vacancy=None, application=None, context=None
) -> list[int]:
    rows = [
        Notification(
            kind=kind,
            recipient=user,
            to_email=user.email,
            vacancy=vacancy,
            application=application,
            dedupe_key=f"{key}:{user.pk}",
            context=context or {},
        )
        for user in users
        if user.email
    ]
    return _insert_pending(rows)


def employer_users(company_id: int):
    return User.objects.filter(employer_profile__company_id=company_id, is_active=True).order_by("pk")


def vacancy_status_notifications(*, vacancy: Vacancy, to_status: str, note: str = "") -> list[int]:
    """Rows telling the employer users of the company that their vacancy was published, rejected
    (with the reason) or expired. Returns the ids to enqueue."""
    Vstatus = Vacancy.Status
    if to_status == Vstatus.PUBLISHED:
        kind, context = Kind.VACANCY_PUBLISHED, {}
        key = f"{kind}:{vacancy.pk}"
    elif to_status == Vstatus.REJECTED:
        # A vacancy can be rejected, fixed and rejected again: one email per rejection.
        change_id = (
            VacancyStatusChange.objects.filter(vacancy=vacancy, to_status=Vstatus.REJECTED)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        kind, context = Kind.VACANCY_REJECTED, {"reason": note or vacancy.rejection_reason}
        key = f"{kind}:{vacancy.pk}:{change_id}"
    elif to_status == Vstatus.EXPIRED:
        kind, context = Kind.VACANCY_EXPIRED, {}
        key = f"{kind}:{vacancy.pk}"
    else:
        return []
    return _notify_users(employer_users(vacancy.company_id), kind=kind, key=key, vacancy=vacancy, context=context)


def application_received_notifications(*, application: Application) -> list[int]:
    """Tell the employer users of the company and every recruiter that someone applied."""
    vacancy = application.vacancy
    recipients = {user.pk: user for user in employer_users(vacancy.company_id)}
    for user in User.objects.recruiters().order_by("pk"):
        recipients.setdefault(user.pk, user)
    return _notify_users(
        recipients.values(),
        kind=Kind.APPLICATION_RECEIVED,
        key=f"{Kind.APPLICATION_RECEIVED}:{application.pk}",
        vacancy=vacancy,
        application=application,
    )


def stage_changed_notifications(
    *, application: Application, from_stage: str, to_stage: str, by: User | None
) -> list[int]:
    """Tell the candidate their application moved. Stages only move forward, so from -> to is unique."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active or (by is not None and by.pk == candidate.pk):
        return []  # anonymised, deactivated, or the candidate's own withdrawal
    return _notify_users(
        [candidate],
        kind=Kind.STAGE_CHANGED,
        key=f"{Kind.STAGE_CHANGED}:{application.pk}:{from_stage or 'new'}:{to_stage}",
        vacancy=application.vacancy,
        application=application,
        context={"from_stage": from_stage, "to_stage": to_stage},
    )


# --- Match alerts ------------------------------------------------------------------


def alert_dedupe_key(*, profile_id: int, vacancy_id: int) -> str:
    return f"{Kind.MATCH_ALERT}:{profile_id}:{vacancy_id}"


def vacancy_is_alerted(vacancy: Vacancy) -> bool:
    return vacancy.is_open and vacancy.role_family.slug in settings.MATCH_ALERT_ROLE_FAMILIES


def alerts_for_matches(matches: Iterable) -> list[int]:
    """Outbox rows for the matches (Match rows, or what vacancy_match returns) that deserve an alert;
    returns the ids to send now.

    A match alerts when its vacancy is open and in an alerted role family, its score reaches
    MATCH_ALERT_THRESHOLD, the candidate is alertable (open, verified, consenting, alerts on) and has
    not applied to that vacancy already. The unique dedupe key (candidate + vacancy) means one alert per
    candidate and vacancy, ever. Instant candidates' rows are pending (sent now); daily and weekly
    candidates' rows are held for their digest."""
    threshold = settings.MATCH_ALERT_THRESHOLD
    candidates = [m for m in matches if m.score >= threshold]
    if not candidates:
        return []
    vacancies = {
        v.pk: v
        for v in Vacancy.objects.filter(pk__in={m.vacancy_id for m in candidates}).select_related(
            "role_family", "company"
        )
    }
    candidates = [m for m in candidates if m.vacancy_id in vacancies and vacancy_is_alerted(vacancies[m.vacancy_id])]
    profiles: dict[int, CandidateProfile] = {}
    profile_ids = sorted({m.candidate_id for m in candidates})
    for chunk in chunked(profile_ids, CHUNK):
        for profile in CandidateProfile.objects.alertable().filter(pk__in=chunk).select_related("user").distinct():
            profiles[profile.pk] = profile
    applied: set[tuple[int, int]] = set()
    user_ids = [p.user_id for p in profiles.values()]
    for chunk in chunked(user_ids, CHUNK):
        applied.update(
            Application.objects.filter(candidate_id__in=chunk, vacancy_id__in=vacancies).values_list(
                "candidate_id", "vacancy_id"
            )
        )
    # The Match rows' ids, for the alerts that will link to them.
    match_ids: dict[tuple[int, int], int] = {}
    for chunk in chunked(sorted(profiles), CHUNK):
        match_ids.update(
            ((candidate_id, vacancy_id), pk)
            for candidate_id, vacancy_id, pk in Match.objects.filter(
                candidate_id__in=chunk, vacancy_id__in=vacancies
            ).values_list("candidate_id", "vacancy_id", "pk")
        )
    rows = []
    for match in candidates:
        profile = profiles.get(match.candidate_id)
        if profile is None or (profile.user_id, match.vacancy_id) in applied:
            continue
        instant = profile.alert_frequency == CandidateProfile.AlertFrequency.INSTANT
        rows.append(
            Notification(
                kind=Kind.MATCH_ALERT,
                recipient_id=profile.user_id,
                to_email=profile.user.email,
                vacancy_id=match.vacancy_id,
                match_id=match_ids.get((match.candidate_id, match.vacancy_id)),
                dedupe_key=alert_dedupe_key(profile_id=profile.pk, vacancy_id=match.vacancy_id),
                # A snapshot: the email explains the match as it was when it was found.
                context={"score": match.score, "breakdown": match.breakdown},
                status=Status.PENDING if instant else Status.HELD,
            )
        )
    return _insert_pending(rows)


@transaction.atomic
def vacancy_match_and_alert(*, vacancy: Vacancy) -> list[int]:
    """Match a vacancy against candidates and write the alert rows, in one transaction: when Match
    rows computed after publication exist, so do the alerts (the sweeper relies on this)."""
    from recruitment.matching import vacancy_match

    return alerts_for_matches(vacancy_match(vacancy=vacancy))


@transaction.atomic
def candidate_match_and_alert(*, profile: CandidateProfile) -> list[int]:
    """Match a candidate against open vacancies and write the alert rows, in one transaction."""
    from recruitment.matching import candidate_match

    return alerts_for_matches(candidate_match(profile=profile))


def candidate_alerts_unsubscribe(*, profile: CandidateProfile) -> bool:
    """Turn match alerts off and cancel every alert not yet sent. Idempotent; True if anything changed."""
    with transaction.atomic():
        changed = False
        if profile.alert_frequency != CandidateProfile.AlertFrequency.OFF:
            profile.alert_frequency = CandidateProfile.AlertFrequency.OFF
            profile.save(update_fields=["alert_frequency", "updated_at"])
            changed = True
        cancelled = Notification.objects.filter(
            recipient_id=profile.user_id, kind__in=ALERT_KINDS, status__in=[Status.HELD, Status.PENDING]
        ).update(status=Status.CANCELLED, last_error="The candidate unsubscribed.", updated_at=timezone.now())
    return changed or cancelled > 0


# --- Digests -----------------------------------------------------------------------


def digest_period(frequency: str, now: datetime) -> str:
    today = timezone.localdate(now)
    if frequency == CandidateProfile.AlertFrequency.WEEKLY:
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"
    return today.isoformat()


def digests_build(*, frequency: str, now: datetime | None = None) -> list[int]:
    """Bundle each candidate's held alerts into one digest row (items become DIGESTED, linked to it).

    The daily run also collects held alerts of candidates who switched to instant since. Alerts for
    vacancies that closed meanwhile are cancelled. One digest per candidate and period (dedupe key),
    so a second run the same day does nothing. Returns the ids of the new digest rows."""
    Freq = CandidateProfile.AlertFrequency
    if frequency not in (Freq.DAILY, Freq.WEEKLY):
        raise ValueError(f"Unknown digest frequency: {frequency!r}")
    now = now or timezone.now()
    frequencies = [Freq.DAILY, Freq.INSTANT] if frequency == Freq.DAILY else [Freq.WEEKLY]
    held = Notification.objects.filter(kind=Kind.MATCH_ALERT, status=Status.HELD)
    closed = held.exclude(vacancy__in=Vacancy.objects.open())
    closed.update(status=Status.CANCELLED, last_error="The vacancy closed before the digest.", updated_at=now)

    alertable = CandidateProfile.objects.alertable().filter(alert_frequency__in=frequencies)
    recipients = (
        held.filter(recipient__candidate_profile__in=alertable.values("pk"))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    period = digest_period(frequency, now)
    digest_ids: list[int] = []
    users = User.objects.filter(pk__in=list(recipients)).select_related("candidate_profile").order_by("pk")
    for user in users:
        with transaction.atomic():
            created = _insert(
                [
                    Notification(
                        kind=Kind.MATCH_DIGEST,
                        recipient=user,
                        to_email=user.email,
                        dedupe_key=f"{Kind.MATCH_DIGEST}:{user.pk}:{frequency}:{period}",
                        context={"frequency": frequency, "period": period},
                    )
                ]
            )
            if not created:
                continue  # this period's digest exists already; new alerts wait for the next one
            (digest_id,) = created.values()
            held.filter(recipient=user).update(status=Status.DIGESTED, digest_id=digest_id, updated_at=now)
            CandidateProfile.objects.filter(user=user).update(last_digest_sent_at=now)
            digest_ids.append(digest_id)
    return digest_ids


# --- Claiming, sending, failing ----------------------------------------------------


# The two statements every email runs, written out once: building them through the ORM for each row
# costs more CPU than the rest of the row's database work (see tests/perf/bench_alerts.py).
_TABLE = Notification._meta.db_table
_CLAIM_SQL = (
    f"UPDATE {_TABLE} SET status = %s, claimed_at = %s, updated_at = %s, attempts = attempts + 1 "  # noqa: S608 - no user input
    "WHERE id = %s AND status = %s"
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
        Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
            status=Status.FAILED, last_error=error[:2000], updated_at=timezone.now()
        )
    )


def notification_release(*, notification_id: int, error: str) -> bool:
    """sending -> pending after a transient error; a retry is scheduled by the caller."""
    return bool(
        Notification.objects.filter(pk=notification_id, status=Status.SENDING).update(
            status=Status.PENDING, last_error=error[:2000], updated_at=timezone.now()
        )
    )


def notification_cancel(*, notification_id: int, reason: str) -> bool:
    return bool(
        Notification.objects.filter(pk=notification_id, status__in=[Status.SENDING, Status.PENDING]).update(
            status=Status.CANCELLED, last_error=reason, updated_at=timezone.now()
        )
    )


def notification_retry(*, notification: Notification, by: User) -> Notification:
    """Send a failed (or cancelled) notification again, from a recruiter's retry action.

    Resets the attempt count and enqueues it once the transaction commits."""
    if not user_is_recruiter(by):
        raise WorkflowError("Only recruiters can retry notifications.")
    with transaction.atomic():
        updated = Notification.objects.filter(pk=notification.pk, status__in=[Status.FAILED, Status.CANCELLED]).update(
            status=Status.PENDING, attempts=0, last_error="", claimed_at=None, updated_at=timezone.now()
        )
        if not updated:
            raise WorkflowError("Only a failed or cancelled notification can be retried.")
        from recruitment import tasks

        tasks.send_batch.delay_on_commit([notification.pk])
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


def _why_not_send(notification: Notification, alertable_user_ids: set[int]) -> str:
    """A reason to cancel instead of sending, checked at send time (things change after queueing)."""
    if notification.kind in ALERT_KINDS:
        if notification.recipient_id not in alertable_user_ids:
            return "The candidate no longer receives match alerts."
        if notification.kind == Kind.MATCH_ALERT and not (notification.vacancy and notification.vacancy.is_open):
            return "The vacancy is no longer open."
    elif notification.recipient_id and not notification.recipient.is_active:
        return "The recipient's account is deactivated."
    return ""


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
            for n in Notification.objects.filter(pk__in=self.ids, status=Status.PENDING).select_related(
                "recipient", "vacancy__company", "vacancy__role_family", "application__vacancy__company"
            )
        }
        recipients = sorted({n.recipient_id for n in self.rows.values() if n.kind in ALERT_KINDS and n.recipient_id})
        self.alertable: set[int] = set()
        for chunk in chunked(recipients, CHUNK):
            self.alertable.update(
                CandidateProfile.objects.alertable().filter(user_id__in=chunk).values_list("user_id", flat=True)
            )
        self.connection = get_connection()
        self.opened = False
        self.shared = emails.MessageCache()
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
        reason = _why_not_send(notification, self.alertable)
        message, build_error = None, None
        if not reason:
            try:
                message = emails.build_message(notification, connection=self.connection, shared=self.shared)
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
            self.in_flight = (notification, self.sender.submit(self.send, message))
        return True

    def send(self, message) -> None:
        """In the sender thread: open the connection once, then reuse it."""
        if not self.opened:
            self.connection.open()
            self.opened = True
        message.send()

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


# --- The sweeper -------------------------------------------------------------------


@dataclass
class SweepReport:
    notification_ids: list[int] = field(default_factory=list)
    vacancy_ids: list[int] = field(default_factory=list)
    failed: int = 0


def outbox_sweep(*, now: datetime | None = None) -> SweepReport:
    """Find the work a lost message or a killed worker left behind.

    - rows `sending` for longer than OUTBOX_STALE_AFTER_SECONDS go back to pending (or fail, when they
      used all their attempts) and are re-enqueued;
    - rows `pending` longer than that (plus the longest retry delay their attempt count allows) are
      re-enqueued; their updated_at is bumped so the next sweep leaves them alone for a while;
    - open vacancies in alerted role families, published in the last day, with no Match computed
      since publication (their matching task was never run) are returned for matching.
    """
    now = now or timezone.now()
    stale = timedelta(seconds=settings.OUTBOX_STALE_AFTER_SECONDS)
    max_attempts = settings.OUTBOX_MAX_ATTEMPTS
    report = SweepReport()

    stuck = Notification.objects.filter(status=Status.SENDING, claimed_at__lt=now - stale)
    report.failed = stuck.filter(attempts__gte=max_attempts).update(
        status=Status.FAILED,
        last_error=f"Gave up after {max_attempts} attempts: the worker stopped while sending it.",
        updated_at=now,
    )
    stuck_ids = list(stuck.filter(attempts__lt=max_attempts).order_by("pk").values_list("pk", flat=True)[:SWEEP_LIMIT])
    for chunk in chunked(stuck_ids, CHUNK):
        Notification.objects.filter(pk__in=chunk, status=Status.SENDING, claimed_at__lt=now - stale).update(
            status=Status.PENDING, updated_at=now
        )

    waiting = Q()
    for attempts in range(max_attempts + 1):
        cutoff = now - stale - timedelta(seconds=max_retry_delay(attempts) if attempts else 0)
        waiting |= Q(attempts=attempts, updated_at__lt=cutoff)
    waiting |= Q(attempts__gt=max_attempts, updated_at__lt=now - stale)
    pending_ids = list(
        Notification.objects.filter(waiting, status=Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:SWEEP_LIMIT]
    )
    for chunk in chunked(pending_ids, CHUNK):
        Notification.objects.filter(pk__in=chunk, status=Status.PENDING).update(updated_at=now)
    report.notification_ids = sorted(set(stuck_ids) | set(pending_ids))

    matched_since = Match.objects.filter(vacancy=OuterRef("pk"), computed_at__gte=OuterRef("published_at"))
    unmatched = (
        Vacancy.objects.open()
        .in_role_families(settings.MATCH_ALERT_ROLE_FAMILIES)
        .filter(published_at__gte=now - MATCH_RUN_LOOKBACK, published_at__lt=now - stale)
        .exclude(Exists(matched_since))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # A vacancy nobody scores high enough for keeps no Match rows; the cache keeps it from being
    # re-matched on every sweep (at most once per interval; losing the cache only costs a re-run).
    report.vacancy_ids = [pk for pk in unmatched if cache.add(f"outbox:rematch:{pk}", 1, REMATCH_INTERVAL)]
    return report
