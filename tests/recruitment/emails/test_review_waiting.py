"""The recruiters hear when a vacancy waits for their review (#23 item 9), and whether its client has terms on
file: a hire on defaults nobody agreed is a fee dispute waiting to happen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from recruitment.emails.vacancies import VACANCY_SUBMITTED
from recruitment.models import Notification
from recruitment.models.placements import ClientTerms
from recruitment.outbox.render import build_message
from tests import factories
from vacancies.services import WorkflowError, vacancy_reject, vacancy_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(employer):
    return factories.VacancyFactory(company=employer.employer_profile.company, title="VP Product Review 6402")


def test_a_submitted_vacancy_emails_the_recruiters_with_the_review_link(draft, employer, recruiter):
    vacancy_submit(vacancy=draft, by=employer)
    (row,) = Notification.objects.filter(kind=VACANCY_SUBMITTED)
    assert row.recipient == recruiter
    message = build_message(row)
    assert message.subject.startswith("To review: VP Product Review 6402 at ")
    assert reverse("admin:vacancies_vacancy_change", args=[draft.pk]) in message.body
    assert not Notification.objects.filter(kind=VACANCY_SUBMITTED, recipient=employer).exists()


def test_a_client_without_terms_is_named_so(draft, employer, recruiter):
    vacancy_submit(vacancy=draft, by=employer)
    message = build_message(Notification.objects.get(kind=VACANCY_SUBMITTED))
    assert message.subject.endswith("(no client terms yet)")
    assert "has no terms on file yet" in message.body
    assert reverse("admin:vacancies_company_change", args=[draft.company_id]) in message.body
    assert "has no terms on file yet" in message.alternatives[0][0]


def test_a_client_with_terms_is_not(draft, employer, recruiter):
    ClientTerms.objects.create(company=draft.company)
    vacancy_submit(vacancy=draft, by=employer)
    message = build_message(Notification.objects.get(kind=VACANCY_SUBMITTED))
    assert "terms" not in message.subject
    assert "has no terms on file yet" not in message.body


def test_each_submission_is_one_email(draft, employer, recruiter):
    vacancy_submit(vacancy=draft, by=employer)
    with pytest.raises(WorkflowError):
        vacancy_submit(vacancy=draft, by=employer)  # already waiting: no second email
    vacancy_reject(vacancy=draft, by=recruiter, reason="Add the salary currency.")
    vacancy_submit(vacancy=draft, by=employer)
    assert Notification.objects.filter(kind=VACANCY_SUBMITTED).count() == 2
