"""A recruiter's own change to a vacancy under review or live (`vacancy_amend`): in place, no second review,
the history naming what changed and who changed it, a live vacancy matched again; refused to anyone else, to
a vacancy in any other status, and while the employer's changes wait for review."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from vacancies import services
from vacancies.models import RequiredSkill, Vacancy, VacancyRevision, VacancyStatusChange

pytestmark = pytest.mark.django_db

S = Vacancy.Status
MATCH_TASK = "recruitment.tasks.vacancy_match_and_alert_task"


def skill(slug: str):
    return factories.skills(slug)[0]


def edited(vacancy: Vacancy, **fields) -> Vacancy:
    copy = Vacancy.objects.get(pk=vacancy.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    return copy


@pytest.fixture
def queued(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "recruitment.outbox.enqueue.enqueue", lambda task, args=(), kwargs=None, **_: sent.append((task, *args))
    )
    return sent


def test_a_live_vacancy_changes_in_place_and_is_matched_again(
    recruiter, vacancy, queued, django_capture_on_commit_callbacks
):
    skills = {"must_have": [skill("payments")], "important": [skill("roadmapping")], "nice_to_have": []}
    with django_capture_on_commit_callbacks(execute=True):
        changes = services.vacancy_amend(vacancy=edited(vacancy, salary_max=210_000), by=recruiter, skills=skills)
    assert [change["label"] for change in changes] == ["Salary max", "Must-have skills", "Important skills"]
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.status, live.salary_max) == (S.PUBLISHED, 210_000)
    assert {(r.skill.slug, r.importance) for r in RequiredSkill.objects.filter(vacancy=vacancy)} == {
        ("payments", "must_have"),
        ("roadmapping", "important"),
    }
    row = VacancyStatusChange.objects.get(vacancy=vacancy)
    assert (row.from_status, row.to_status, row.by) == (S.PUBLISHED, S.PUBLISHED, recruiter)
    assert row.note == "Changed by the agency: salary max, must-have skills, important skills"
    assert (MATCH_TASK, vacancy.pk) in queued
    assert not VacancyRevision.objects.exists()


def test_a_skill_given_twice_counts_once_must_have_first(recruiter, vacancy):
    payments = skill("payments")
    skills = {"must_have": [payments], "important": [payments], "nice_to_have": [payments, skill("roadmapping")]}
    services.vacancy_amend(vacancy=edited(vacancy), by=recruiter, skills=skills)
    assert list(RequiredSkill.objects.filter(vacancy=vacancy).values_list("skill__slug", "importance")) == [
        ("payments", "must_have")
    ]
    assert [s.slug for s in Vacancy.objects.get(pk=vacancy.pk).nice_to_have_skills.all()] == ["roadmapping"]


def test_nothing_changed_writes_nothing(recruiter, vacancy, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.vacancy_amend(vacancy=edited(vacancy), by=recruiter, skills={}) == []
    assert not VacancyStatusChange.objects.filter(vacancy=vacancy).exists()
    assert queued == []


def test_a_vacancy_under_review_is_not_matched(recruiter, make_vacancy, queued, django_capture_on_commit_callbacks):
    pending = make_vacancy(S.PENDING_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_amend(vacancy=edited(pending, title="Head of Product, Data"), by=recruiter, skills={})
    assert Vacancy.objects.get(pk=pending.pk).title == "Head of Product, Data"
    assert VacancyStatusChange.objects.get(vacancy=pending).to_status == S.PENDING_REVIEW
    assert queued == []


def test_only_recruiters_amend(employer, vacancy):
    with pytest.raises(services.WorkflowError, match="Only recruiters"):
        services.vacancy_amend(vacancy=edited(vacancy, title="Mine now"), by=employer, skills={})
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title


@pytest.mark.parametrize("status", [S.DRAFT, S.REJECTED, S.CLOSED, S.EXPIRED])
def test_other_statuses_are_refused(recruiter, make_vacancy, status):
    other = make_vacancy(status)
    with pytest.raises(services.WorkflowError, match="only a vacancy under review or live"):
        services.vacancy_amend(vacancy=edited(other, title="Changed"), by=recruiter, skills={})
    assert Vacancy.objects.get(pk=other.pk).title == other.title


def test_the_employers_waiting_changes_come_first(recruiter, employer, vacancy):
    services.vacancy_revision_submit(vacancy=edited(vacancy, title="Employer's title"), by=employer, skills={})
    with pytest.raises(services.WorkflowError, match="wait for review"):
        services.vacancy_amend(vacancy=edited(vacancy, title="Recruiter's title"), by=recruiter, skills={})
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title


def test_a_live_vacancy_keeps_a_closing_date_ahead(recruiter, vacancy):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(services.WorkflowError, match="closing date has passed"):
        services.vacancy_amend(vacancy=edited(vacancy, closes_on=yesterday), by=recruiter, skills={})
    assert Vacancy.objects.get(pk=vacancy.pk).closes_on == vacancy.closes_on


def test_workflow_fields_stay_whatever_the_instance_says(recruiter, vacancy):
    other = factories.CompanyFactory()
    services.vacancy_amend(
        vacancy=edited(vacancy, title="New", company=other, status=S.DRAFT, slug="moved"), by=recruiter, skills={}
    )
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.title, live.company_id, live.status, live.slug) == (
        "New",
        vacancy.company_id,
        S.PUBLISHED,
        vacancy.slug,
    )
