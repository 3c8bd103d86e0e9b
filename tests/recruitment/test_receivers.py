"""Vacancy and application events write their outbox rows in the same transaction and are sent only
after it commits."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from recruitment.emails.applications import APPLICATION_CONFIRMED, STAGE_CHANGED, application_confirmed_notifications
from recruitment.emails.vacancies import VACANCY_PUBLISHED, VACANCY_REJECTED
from recruitment.models import Notification
from tests import factories
from vacancies.models import Application, Vacancy
from vacancies.services import (
    application_move,
    application_submit,
    application_withdraw,
    vacancy_expire,
    vacancy_publish,
    vacancy_reject,
    vacancy_save,
    vacancy_submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager")]

Status = Notification.Status


@pytest.fixture
def company_employers(employer):
    """Two employer users of one company, plus one of another company who must hear nothing."""
    colleague = factories.EmployerProfileFactory(company=employer.employer_profile.company).user
    factories.EmployerProfileFactory()
    return [employer, colleague]


@pytest.fixture
def pending(employer):
    return factories.PendingVacancyFactory(company=employer.employer_profile.company, title="VP Product, Mobility")


def test_publishing_tells_every_employer_user_of_the_company(
    pending, company_employers, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_publish(vacancy=pending, by=recruiter)

    rows = Notification.objects.filter(kind=VACANCY_PUBLISHED)
    assert sorted(rows.values_list("to_email", flat=True)) == sorted(u.email for u in company_employers)
    assert set(rows.values_list("status", flat=True)) == {Status.SENT}
    subjects = {m.subject for m in mail.outbox}
    assert subjects == {"Your vacancy is live: VP Product, Mobility"}
    assert "http://testserver" + pending.get_absolute_url() in mail.outbox[0].body


def test_rows_are_written_in_the_changes_transaction_and_sent_only_after_commit(
    pending, employer, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        vacancy_publish(vacancy=pending, by=recruiter)
        assert Notification.objects.filter(kind=VACANCY_PUBLISHED, recipient=employer).exists()
    assert callbacks  # send + match, on commit
    assert mail.outbox == []


def test_a_rolled_back_change_leaves_no_row(pending, employer, recruiter):
    def request_that_fails_after_publishing():
        with transaction.atomic():
            vacancy_publish(vacancy=pending, by=recruiter)
            raise RuntimeError("the request failed after publishing")

    with pytest.raises(RuntimeError):
        request_that_fails_after_publishing()
    assert not Notification.objects.exists()
    pending.refresh_from_db()
    assert pending.status == Vacancy.Status.PENDING_REVIEW


def test_rejection_tells_the_employer_why_once_per_rejection(
    pending, employer, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_reject(vacancy=pending, by=recruiter, reason="Please add the salary band's currency & bonus.")
    (message,) = mail.outbox
    assert message.subject == "Changes needed before we publish VP Product, Mobility"
    assert "Please add the salary band's currency & bonus." in message.body
    assert "currency &amp; bonus" in message.alternatives[0].content

    # Fixed, submitted again, rejected again: a second email.
    vacancy_save(vacancy=pending, by=employer)
    vacancy_submit(vacancy=pending, by=employer)
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_reject(vacancy=pending, by=recruiter, reason="The description is still empty.")
    assert Notification.objects.filter(kind=VACANCY_REJECTED).count() == 2
    assert "The description is still empty." in mail.outbox[1].body


def test_expiry_tells_the_employer(employer, django_capture_on_commit_callbacks):
    vacancy = factories.PublishedVacancyFactory(
        company=employer.employer_profile.company, title="CPO", closes_on=timezone.localdate() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_expire(vacancy=vacancy)
    (message,) = mail.outbox
    assert message.to == [employer.email]
    assert message.subject == "CPO has reached its closing date"


def test_an_application_tells_the_companys_employers_and_the_recruiters(
    candidate, employer, recruiter, django_capture_on_commit_callbacks
):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="Head of Product")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(candidate=candidate, vacancy=vacancy)

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {employer.email, recruiter.email, candidate.email}
    name = candidate.get_full_name()
    assert by_recipient[employer.email].subject == f"New application: {name} for Head of Product"
    admin_link = f"http://testserver/admin/vacancies/application/{application.pk}/change/"
    assert admin_link in by_recipient[recruiter.email].body
    assert "http://testserver/employers/" in by_recipient[employer.email].body


def test_an_application_tells_the_applicant_it_arrived_once(candidate, employer, django_capture_on_commit_callbacks):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company, title="Head of Product")
    with django_capture_on_commit_callbacks(execute=True):
        application = application_submit(candidate=candidate, vacancy=vacancy)

    (message,) = [m for m in mail.outbox if m.to == [candidate.email]]
    assert message.subject == "We received your application for Head of Product"
    assert message.body.startswith(f"Hi {candidate.first_name},")
    assert f"Head of Product at {vacancy.company.name}" in message.body
    detail = f"http://testserver/me/applications/{application.pk}/"
    assert f"Follow your application: {detail}" in message.body
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{detail}"' in html
    assert "List-Unsubscribe" not in message.extra_headers  # a transactional email, not a mailing

    row = Notification.objects.get(kind=APPLICATION_CONFIRMED)
    assert (row.recipient, row.application) == (candidate, application)
    assert row.dedupe_key == f"application_confirmed:{application.pk}:{candidate.pk}"
    # The same event again (a re-sent signal) makes no second email.
    assert application_confirmed_notifications(application=application) == []
    assert Notification.objects.filter(kind=APPLICATION_CONFIRMED).count() == 1


def test_a_stage_change_tells_the_candidate(candidate, recruiter, django_capture_on_commit_callbacks):
    application = factories.ApplicationFactory(candidate=candidate)
    with django_capture_on_commit_callbacks(execute=True):
        application_move(application=application, stage=Application.Stage.SHORTLISTED, by=recruiter)

    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert message.subject == f"Your application for {application.vacancy.title}: Shortlisted"
    assert "you are on the shortlist" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # a transactional email, not a mailing


def test_a_candidates_own_withdrawal_sends_them_nothing(candidate, django_capture_on_commit_callbacks):
    application = factories.ApplicationFactory(candidate=candidate)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, by=candidate)
    assert not Notification.objects.filter(kind=STAGE_CHANGED).exists()
    assert mail.outbox == []


def test_every_stage_has_its_own_row(candidate, recruiter):
    application = factories.ApplicationFactory(candidate=candidate)
    for stage in [Application.Stage.SCREENING, Application.Stage.INTERVIEW, Application.Stage.OFFER]:
        application_move(application=application, stage=stage, by=recruiter)
    keys = list(Notification.objects.order_by("pk").values_list("dedupe_key", flat=True))
    assert keys == [
        f"stage_changed:{application.pk}:applied:screening:{candidate.pk}",
        f"stage_changed:{application.pk}:screening:interview:{candidate.pk}",
        f"stage_changed:{application.pk}:interview:offer:{candidate.pk}",
    ]
