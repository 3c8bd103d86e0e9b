"""Creating outbox rows: every email is first a `Notification` row, written in the same transaction as
the change that causes it, with a unique dedupe key so the same event never makes two emails.

The functions here write rows and return the ids of those to send now; they never enqueue anything.
Imports go one way: the other outbox modules import this one; it imports none of them, and nothing
in the outbox imports `recruitment.tasks` (the tasks, the receivers and the admin do the enqueueing).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from django.urls import reverse

from accounts.models import User
from recruitment.models import Match, Notification
from vacancies.models import Application, CompanyInvite, Vacancy, VacancyRevision, VacancyStatusChange

Kind = Notification.Kind
Status = Notification.Status
# Rows per query when a list of keys or ids goes into an IN (...) clause.
CHUNK = 500


def chunked(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(rows: Iterable[Notification]) -> dict[str, int]:
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


def insert_pending(rows: list[Notification]) -> list[int]:
    """Insert the new rows; return the ids of those to send now (pending, not held)."""
    pending = {row.dedupe_key for row in rows if row.status == Status.PENDING}
    return [pk for key, pk in insert_rows(rows).items() if key in pending]


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
        send_after=send_after,
    )
    row.full_clean(exclude=["dedupe_key"])
    created = insert_rows([row])
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
    return insert_pending(rows)


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


def revision_decided_notifications(*, revision: VacancyRevision, changes: str = "") -> list[int]:
    """Rows telling the company's employer users that the changes they proposed to a live vacancy were
    published (naming what changed) or rejected (with the reason). One email per revision."""
    if revision.status == VacancyRevision.Status.PUBLISHED:
        kind, context = Kind.REVISION_PUBLISHED, {"changes": changes}
    elif revision.status == VacancyRevision.Status.REJECTED:
        kind, context = Kind.REVISION_REJECTED, {"reason": revision.rejection_reason}
    else:
        return []
    vacancy = revision.vacancy
    return _notify_users(
        employer_users(vacancy.company_id), kind=kind, key=f"{kind}:{revision.pk}", vacancy=vacancy, context=context
    )


def application_received_notifications(*, application: Application) -> list[int]:
    """Tell the employer users of the company and every recruiter that someone applied, and the applicant
    that their application arrived (`application_confirmed_notifications`)."""
    vacancy = application.vacancy
    recipients = {user.pk: user for user in employer_users(vacancy.company_id)}
    for user in User.objects.recruiters().order_by("pk"):
        recipients.setdefault(user.pk, user)
    return [
        *application_confirmed_notifications(application=application),
        *_notify_users(
            recipients.values(),
            kind=Kind.APPLICATION_RECEIVED,
            key=f"{Kind.APPLICATION_RECEIVED}:{application.pk}",
            vacancy=vacancy,
            application=application,
        ),
    ]


def application_confirmed_notifications(*, application: Application) -> list[int]:
    """Tell the applicant we received their application (one email per application)."""
    candidate = application.candidate
    if candidate is None or not candidate.is_active:
        return []
    return _notify_users(
        [candidate],
        kind=Kind.APPLICATION_CONFIRMED,
        key=f"{Kind.APPLICATION_CONFIRMED}:{application.pk}",
        vacancy=application.vacancy,
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


def login_failures_notifications(
    *, user: User, failures: int, addresses: int, window_seconds: int, window_id: int
) -> list[int]:
    """Tell every recruiter that one account drew many failed logins (once per account per window)."""
    return _notify_users(
        User.objects.recruiters().order_by("pk"),
        kind=Kind.LOGIN_FAILURES,
        key=f"{Kind.LOGIN_FAILURES}:{user.pk}:{window_id}",
        context={
            "account_email": user.email,
            "account_path": reverse("admin:accounts_user_change", args=[user.pk]),
            "failures": failures,
            "addresses": addresses,
            "window_minutes": max(1, window_seconds // 60),
        },
    )


def colleague_invite_notifications(*, invite: CompanyInvite) -> list[int]:
    """Email a company admin's invitation to their colleague (who has no account yet: the row has an
    address and no recipient). The link's signed token is made when the email is rendered, never stored."""
    inviter = invite.invited_by
    row = Notification(
        kind=Kind.COLLEAGUE_INVITE,
        recipient=None,
        to_email=invite.email,
        dedupe_key=f"{Kind.COLLEAGUE_INVITE}:{invite.pk}",
        context={
            "invite_id": invite.pk,
            "company_name": invite.company.name,
            "inviter_name": (inviter.get_full_name() if inviter else "") or "A colleague",
        },
    )
    row.full_clean(exclude=["dedupe_key"])
    return insert_pending([row])
