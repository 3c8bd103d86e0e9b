"""What the client's people hear about their vacancies: published, rejected (with the reason) or expired, and
the changes they proposed to a live vacancy published (naming what changed) or rejected. And what the
recruiters hear: a vacancy waiting for their review, saying when its client has no terms on file yet (a hire
would be charged on defaults nobody agreed)."""

from __future__ import annotations

from recruitment.emails.common import employer_users, recruiter_or_everyone
from recruitment.models import Notification
from recruitment.models.placements import ClientTerms
from recruitment.outbox.kinds import register
from recruitment.outbox.render import MessageCache, first_url
from recruitment.outbox.rows import notify_users
from vacancies.models import Vacancy, VacancyRevision, VacancyStatusChange


def employer_links(notification: Notification, shared: MessageCache) -> dict:
    return {
        "dashboard_url": first_url(("employers:dashboard", None)),
        "edit_url": first_url(
            ("employers:vacancy_edit", {"pk": notification.vacancy_id}), ("employers:dashboard", None)
        ),
    }


def review_links(notification: Notification, shared: MessageCache) -> dict:
    vacancy = notification.vacancy
    return {
        "review_url": first_url(("admin:vacancies_vacancy_change", {"object_id": notification.vacancy_id})),
        "terms_url": first_url(
            ("admin:vacancies_company_change", {"object_id": vacancy.company_id} if vacancy else None),
        ),
        "has_terms": bool(vacancy and ClientTerms.objects.filter(company_id=vacancy.company_id).exists()),
    }


VACANCY_PUBLISHED = register("vacancy_published", "Vacancy published", context=employer_links)
VACANCY_REJECTED = register("vacancy_rejected", "Vacancy rejected", context=employer_links)
VACANCY_EXPIRED = register("vacancy_expired", "Vacancy expired", context=employer_links)
REVISION_PUBLISHED = register("revision_published", "Vacancy changes published", context=employer_links)
REVISION_REJECTED = register("revision_rejected", "Vacancy changes rejected", context=employer_links)
VACANCY_SUBMITTED = register(
    "vacancy_submitted", "Vacancy waiting for review (to the recruiters)", context=review_links
)


def vacancy_status_notifications(*, vacancy: Vacancy, to_status: str, note: str = "") -> list[int]:
    """Rows telling the employer users of the company that their vacancy was published, rejected
    (with the reason) or expired."""
    Vstatus = Vacancy.Status
    if to_status == Vstatus.PUBLISHED:
        kind, context = VACANCY_PUBLISHED, {}
        key = f"{kind}:{vacancy.pk}"
    elif to_status == Vstatus.REJECTED:
        # A vacancy can be rejected, fixed and rejected again: one email per rejection.
        change_id = (
            VacancyStatusChange.objects.filter(vacancy=vacancy, to_status=Vstatus.REJECTED)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
        kind, context = VACANCY_REJECTED, {"reason": note or vacancy.rejection_reason}
        key = f"{kind}:{vacancy.pk}:{change_id}"
    elif to_status == Vstatus.EXPIRED:
        kind, context = VACANCY_EXPIRED, {}
        key = f"{kind}:{vacancy.pk}"
    elif to_status == Vstatus.PENDING_REVIEW:
        return review_waiting_notifications(vacancy=vacancy)
    else:
        return []
    return notify_users(employer_users(vacancy.company_id), kind=kind, key=key, vacancy=vacancy, context=context)


def review_waiting_notifications(*, vacancy: Vacancy) -> list[int]:
    """The recruiters hear that a vacancy waits for their review (once per submission), and whether its client
    has terms on file."""
    submission = (
        VacancyStatusChange.objects.filter(vacancy=vacancy, to_status=Vacancy.Status.PENDING_REVIEW)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return notify_users(
        recruiter_or_everyone(None),
        kind=VACANCY_SUBMITTED,
        key=f"{VACANCY_SUBMITTED}:{vacancy.pk}:{submission}",
        vacancy=vacancy,
    )


def revision_decided_notifications(*, revision: VacancyRevision, changes: str = "") -> list[int]:
    """Rows telling the company's employer users that the changes they proposed to a live vacancy were
    published (naming what changed) or rejected (with the reason). One email per revision."""
    if revision.status == VacancyRevision.Status.PUBLISHED:
        kind, context = REVISION_PUBLISHED, {"changes": changes}
    elif revision.status == VacancyRevision.Status.REJECTED:
        kind, context = REVISION_REJECTED, {"reason": revision.rejection_reason}
    else:
        return []
    vacancy = revision.vacancy
    return notify_users(
        employer_users(vacancy.company_id), kind=kind, key=f"{kind}:{revision.pk}", vacancy=vacancy, context=context
    )
