"""Writing outbox rows: every email is first a `Notification` row, written in the same transaction as the
change that causes it, with a unique dedupe key so the same event never makes two emails.

This is the one seam for sending: a row written pending is scheduled for delivery when the transaction
commits (`recruitment.outbox.enqueue.deliver_on_commit`), so no caller carries ids around to enqueue them.
Held rows (for a digest) and scheduled rows (a decline the recruiter may edit) are not: the digests and the
sweeper release them, and schedule them the same way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from accounts.models import User
from recruitment.models import Match, Notification
from recruitment.outbox.enqueue import deliver_on_commit
from vacancies.models import Application, Vacancy

Status = Notification.Status
# Rows per query when a list of keys or ids goes into an IN (...) clause.
CHUNK = 500


def chunked(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(rows: Iterable[Notification]) -> dict[str, int]:
    """Insert the rows whose dedupe_key is new; return {dedupe_key: id} of the rows inserted now. Schedules
    nothing: callers that insert pending rows use `insert_pending`.

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


def insert_pending(rows: list[Notification]) -> list[int]:
    """Insert the new rows and schedule the pending ones for delivery on commit; return their ids."""
    pending = {row.dedupe_key for row in rows if row.status == Status.PENDING}
    ids = [pk for key, pk in insert_rows(rows).items() if key in pending]
    deliver_on_commit(ids)
    return ids


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
    send_after=None,
) -> Notification | None:
    """Write one outbox row (scheduled for delivery on commit when pending). None when a row with this
    dedupe key already exists."""
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
        send_after=send_after,
    )
    row.full_clean(exclude=["dedupe_key"])
    created = insert_rows([row])
    if not created:
        return None
    if status == Status.PENDING:
        deliver_on_commit(list(created.values()))
    return Notification.objects.get(pk=created[dedupe_key])


def notify_users(
    users: Iterable[User], *, kind: str, key: str, vacancy=None, application=None, context=None
) -> list[int]:
    """One pending row per user with an address (dedupe key `<key>:<user id>`); returns their ids."""
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
    return insert_pending(rows)
