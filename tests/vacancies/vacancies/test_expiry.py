"""Vacancies past their closing date expire: the Celery task (on the beat schedule) and the
management command both call vacancies_expire_due, and the vacancy leaves the board."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from recruitment.config.celery import app as celery_app
from vacancies import services
from vacancies.models import Vacancy
from vacancies.signals import vacancy_status_changed
from vacancies.tasks import vacancies_expire_due_task

pytestmark = pytest.mark.django_db

S = Vacancy.Status


@pytest.fixture
def dated(make_vacancy):
    today = timezone.localdate()
    return {
        "past": make_vacancy(S.PUBLISHED, closes_on=today - dt.timedelta(days=1)),
        "today": make_vacancy(S.PUBLISHED, closes_on=today),
        "future": make_vacancy(S.PUBLISHED, closes_on=today + dt.timedelta(days=5)),
        "undated": make_vacancy(S.PUBLISHED, closes_on=None),
        "draft_past": make_vacancy(S.DRAFT, closes_on=today - dt.timedelta(days=3)),
        "closed_past": make_vacancy(S.CLOSED, closes_on=today - dt.timedelta(days=3)),
    }


def _statuses(dated):
    return {key: Vacancy.objects.get(pk=v.pk).status for key, v in dated.items()}


def test_task_expires_only_published_vacancies_past_their_closing_date(dated):
    assert Vacancy.objects.open().filter(pk=dated["past"].pk).exists() is False  # already hidden by date...
    assert Vacancy.objects.published().filter(pk=dated["past"].pk).exists()  # ...but still "published"
    sent = []

    def receiver(sender, **kwargs):
        sent.append((kwargs["vacancy"].pk, kwargs["from_status"], kwargs["to_status"], kwargs["by"]))

    vacancy_status_changed.connect(receiver, weak=False)
    try:
        assert vacancies_expire_due_task.apply().get() == 1
    finally:
        vacancy_status_changed.disconnect(receiver)

    assert _statuses(dated) == {
        "past": S.EXPIRED,
        "today": S.PUBLISHED,
        "future": S.PUBLISHED,
        "undated": S.PUBLISHED,
        "draft_past": S.DRAFT,
        "closed_past": S.CLOSED,
    }
    expired = Vacancy.objects.get(pk=dated["past"].pk)
    assert expired.closed_at is not None
    assert not Vacancy.objects.published().filter(pk=expired.pk).exists()
    assert set(Vacancy.objects.open().values_list("pk", flat=True)) == {
        dated["today"].pk,
        dated["future"].pk,
        dated["undated"].pk,
    }
    change = expired.status_changes.latest("at", "pk")
    assert (change.from_status, change.to_status, change.by, change.note) == (
        S.PUBLISHED,
        S.EXPIRED,
        None,
        "Closing date passed",
    )
    assert sent == [(expired.pk, S.PUBLISHED, S.EXPIRED, None)]


def test_second_run_finds_nothing(dated):
    assert vacancies_expire_due_task() == 1
    assert vacancies_expire_due_task() == 0
    assert dated["past"].status_changes.filter(to_status=S.EXPIRED).count() == 1


def test_management_command(dated):
    out = StringIO()
    call_command("expire_vacancies", stdout=out)
    assert "Expired 1 vacancy." in out.getvalue()
    assert Vacancy.objects.get(pk=dated["past"].pk).status == S.EXPIRED
    out = StringIO()
    call_command("expire_vacancies", stdout=out)
    assert "Expired 0 vacancies." in out.getvalue()


def test_expire_refuses_a_vacancy_still_in_date(make_vacancy):
    vacancy = make_vacancy(S.PUBLISHED, closes_on=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(services.WorkflowError, match="has not passed"):
        services.vacancy_expire(vacancy=vacancy)
    assert Vacancy.objects.get(pk=vacancy.pk).status == S.PUBLISHED


def test_expired_vacancy_page_tells_the_employer(client, employer, dated):
    vacancies_expire_due_task()
    client.force_login(employer)
    page = client.get(f"/employers/vacancies/{dated['past'].pk}/").content.decode()
    assert "The closing date passed" in page


def test_task_is_registered_and_on_the_beat_schedule():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "vacancies.tasks.vacancies_expire_due_task" in names
    assert celery_app.tasks["vacancies.tasks.vacancies_expire_due_task"].name == vacancies_expire_due_task.name
