"""Each database invariant holds even when the ORM's validation is bypassed."""

import pytest
from django.db import IntegrityError, transaction

from recruitment.models import Match, Notification
from tests import factories
from vacancies.models import Application

pytestmark = pytest.mark.django_db


def test_one_application_per_candidate_and_vacancy(candidate):
    application = factories.ApplicationFactory(candidate=candidate)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(candidate=candidate, vacancy=application.vacancy)


def test_anonymised_applications_do_not_collide():
    vacancy = factories.PublishedVacancyFactory()
    Application.objects.create(candidate=None, vacancy=vacancy)
    Application.objects.create(candidate=None, vacancy=vacancy)
    assert Application.objects.filter(vacancy=vacancy).count() == 2


def test_salary_min_must_not_exceed_max():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.VacancyFactory(salary_min=200_000, salary_max=100_000)


def test_salary_min_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.VacancyFactory(salary_min=0, salary_max=100_000)


def test_one_notification_per_dedupe_key():
    factories.NotificationFactory(dedupe_key="alert:1:2")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.NotificationFactory(dedupe_key="alert:1:2")
    assert Notification.objects.filter(dedupe_key="alert:1:2").count() == 1


def test_one_match_per_candidate_and_vacancy():
    match = factories.MatchFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(candidate=match.candidate, vacancy=match.vacancy, score=10)


def test_match_score_at_most_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.MatchFactory(score=101)


def test_user_email_is_unique():
    factories.UserFactory(email="same@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.UserFactory(email="same@example.com", verified=False)
