"""The review workflow: every transition from every status by every role, through the
services (one place for the rules). Allowed ones are recorded with who and when and
announced by a signal; refused ones raise WorkflowError and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests import factories
from vacancies import services
from vacancies.models import Vacancy, VacancyStatusChange
from vacancies.signals import vacancy_status_changed

pytestmark = pytest.mark.django_db

S = Vacancy.Status
ROLES = ["employer", "colleague", "other_employer", "candidate", "recruiter", "anonymous"]


def _edit(vacancy, user):
    vacancy.salary_max = 175_000
    return services.vacancy_save(vacancy=vacancy, by=user)


# action -> (call, statuses it may start from, roles allowed, status afterwards)
ACTIONS = {
    "edit": (_edit, {S.DRAFT, S.REJECTED}, {"employer", "colleague", "recruiter"}, None),
    "submit": (
        lambda v, u: services.vacancy_submit(vacancy=v, by=u),
        {S.DRAFT, S.REJECTED},
        {"employer", "colleague", "recruiter"},
        S.PENDING_REVIEW,
    ),
    "publish": (lambda v, u: services.vacancy_publish(vacancy=v, by=u), {S.PENDING_REVIEW}, {"recruiter"}, S.PUBLISHED),
    "reject": (
        lambda v, u: services.vacancy_reject(vacancy=v, by=u, reason="Needs a salary band."),
        {S.PENDING_REVIEW},
        {"recruiter"},
        S.REJECTED,
    ),
    "close": (
        lambda v, u: services.vacancy_close(vacancy=v, by=u, reason="withdrawn"),
        {S.PUBLISHED, S.EXPIRED},  # an expired role can still end as filled or withdrawn
        {"employer", "colleague", "recruiter"},
        S.CLOSED,
    ),
}


@pytest.fixture
def user_for(request):
    def get(role):
        return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def signals_sent():
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    vacancy_status_changed.connect(receiver, weak=False)
    yield sent
    vacancy_status_changed.disconnect(receiver)


def _state(vacancy):
    fresh = Vacancy.objects.get(pk=vacancy.pk)
    return (
        fresh.status,
        fresh.salary_max,
        fresh.rejection_reason,
        fresh.submitted_at,
        fresh.published_at,
        fresh.closed_at,
        fresh.close_reason,
        fresh.status_changes.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_transition_by_every_role(action, status, role, make_vacancy, user_for, colleague, signals_sent):
    call, sources, roles, target = ACTIONS[action]
    vacancy = make_vacancy(status)
    user = user_for(role)
    before = _state(vacancy)
    if status in sources and role in roles:
        call(vacancy, user)
        fresh = Vacancy.objects.get(pk=vacancy.pk)
        if target is None:  # an edit keeps the status and records no transition
            assert fresh.status == status
            assert fresh.salary_max == 175_000
            assert signals_sent == []
        else:
            assert fresh.status == target
            change = fresh.status_changes.latest("at", "pk")
            assert (change.from_status, change.to_status, change.by) == (status, target, user)
            assert timezone.now() - change.at < dt.timedelta(minutes=1)
            assert [(s["from_status"], s["to_status"], s["by"]) for s in signals_sent] == [(status, target, user)]
    else:
        with pytest.raises(services.WorkflowError) as refused:
            call(vacancy, user)
        assert str(refused.value)  # a message a person can read
        assert _state(vacancy) == before
        assert signals_sent == []


def test_transitions_stamp_the_workflow_dates(make_vacancy, employer, recruiter):
    vacancy = make_vacancy(S.DRAFT)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    assert vacancy.submitted_at is not None
    services.vacancy_reject(vacancy=vacancy, by=recruiter, reason="  Add the city.  ")
    assert vacancy.rejection_reason == "Add the city."
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_publish(vacancy=vacancy, by=recruiter)
    assert vacancy.published_at is not None
    assert vacancy.rejection_reason == ""
    services.vacancy_close(vacancy=vacancy, by=employer, reason="filled")
    assert (vacancy.status, vacancy.close_reason) == (S.CLOSED, "filled")
    assert vacancy.closed_at is not None
    history = list(vacancy.status_changes.values_list("from_status", "to_status"))
    assert history == [
        (S.DRAFT, S.PENDING_REVIEW),
        (S.PENDING_REVIEW, S.REJECTED),
        (S.REJECTED, S.PENDING_REVIEW),
        (S.PENDING_REVIEW, S.PUBLISHED),
        (S.PUBLISHED, S.CLOSED),
    ]


def test_submitting_twice_is_refused_with_a_clear_message(make_vacancy, employer):
    vacancy = make_vacancy(S.DRAFT)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    with pytest.raises(services.WorkflowError, match="already pending review"):
        services.vacancy_submit(vacancy=vacancy, by=employer)
    assert vacancy.status_changes.filter(to_status=S.PENDING_REVIEW).count() == 1


def test_reject_needs_a_reason(make_vacancy, recruiter):
    vacancy = make_vacancy(S.PENDING_REVIEW)
    with pytest.raises(services.WorkflowError, match="Say why"):
        services.vacancy_reject(vacancy=vacancy, by=recruiter, reason="   ")
    assert Vacancy.objects.get(pk=vacancy.pk).status == S.PENDING_REVIEW


def test_close_needs_filled_or_withdrawn(vacancy, employer):
    with pytest.raises(services.WorkflowError, match="filled or withdrawn"):
        services.vacancy_close(vacancy=vacancy, by=employer, reason="bored")
    assert Vacancy.objects.get(pk=vacancy.pk).status == S.PUBLISHED


def test_a_past_closing_date_blocks_submit_and_publish(make_vacancy, employer, recruiter):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    draft = make_vacancy(S.DRAFT, closes_on=yesterday)
    with pytest.raises(services.WorkflowError, match="closing date has passed"):
        services.vacancy_submit(vacancy=draft, by=employer)
    pending = make_vacancy(S.PENDING_REVIEW, closes_on=yesterday)
    with pytest.raises(services.WorkflowError, match="closing date has passed"):
        services.vacancy_publish(vacancy=pending, by=recruiter)
    assert Vacancy.objects.get(pk=draft.pk).status == S.DRAFT
    assert Vacancy.objects.get(pk=pending.pk).status == S.PENDING_REVIEW


def test_edit_cannot_change_the_status_company_or_dates(make_vacancy, employer, other_employer):
    """A stale or tampered instance saved through vacancy_save keeps the database's workflow fields."""
    vacancy = make_vacancy(S.REJECTED)
    stale = Vacancy.objects.get(pk=vacancy.pk)
    stale.status = S.PUBLISHED
    stale.published_at = timezone.now()
    stale.company = other_employer.employer_profile.company
    stale.title = "Head of Product, Growth"
    services.vacancy_save(vacancy=stale, by=employer)
    fresh = Vacancy.objects.get(pk=vacancy.pk)
    assert (fresh.status, fresh.published_at, fresh.company_id) == (S.REJECTED, None, vacancy.company_id)
    assert fresh.title == "Head of Product, Growth"
    assert fresh.rejection_reason == vacancy.rejection_reason


def test_new_vacancy_starts_as_a_draft_whatever_the_instance_says(company, employer):
    vacancy = factories.VacancyFactory.build(
        company=company, status=S.PUBLISHED, published_at=timezone.now(), slug="", title="CPO"
    )
    services.vacancy_save(vacancy=vacancy, by=employer)
    fresh = Vacancy.objects.get(pk=vacancy.pk)
    assert (fresh.status, fresh.published_at, fresh.created_by) == (S.DRAFT, None, employer)
    assert fresh.slug.startswith("cpo-")
    change = fresh.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("", S.DRAFT, employer)


def test_a_skill_is_never_both_required_and_nice_to_have(make_vacancy, employer):
    vacancy = make_vacancy(S.DRAFT)
    strategy, payments, pricing = factories.skills("product-strategy", "payments", "pricing-and-monetisation")
    services.vacancy_save(
        vacancy=vacancy,
        by=employer,
        skills={
            "must_have": [strategy],
            "important": [strategy, payments],
            "nice_to_have": [strategy, payments, pricing],
        },
    )
    assert vacancy.required_skills_by_importance() == {"must_have": [strategy], "important": [payments]}
    assert list(vacancy.nice_to_have_skills.all()) == [pricing]


def test_status_changes_are_kept_in_order(make_vacancy, employer, recruiter):
    vacancy = make_vacancy(S.DRAFT)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_publish(vacancy=vacancy, by=recruiter)
    changes = VacancyStatusChange.objects.filter(vacancy=vacancy)
    assert [c.by for c in changes] == [employer, recruiter]
    assert changes[0].at <= changes[1].at
