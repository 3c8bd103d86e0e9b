"""Changing a vacancy after submitting it (issue 16, item 11): a live vacancy's edits go to review as a
revision while the live version stays up; recruiters publish or reject the changes; a pending submission
is withdrawn to draft; a closed vacancy is copied into a new draft."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.vacancies.vacancies.test_form import valid_data
from vacancies import services
from vacancies.models import Vacancy, VacancyRevision, VacancyStatusChange

pytestmark = pytest.mark.django_db

S = Vacancy.Status


def edit_data(vacancy: Vacancy, **overrides):
    """The editor's data for `vacancy` as it stands, with `overrides`."""
    by_importance = vacancy.required_skills_by_importance()
    data = valid_data(
        title=vacancy.title,
        role_family=vacancy.role_family_id,
        seniority=vacancy.seniority,
        min_years=vacancy.min_years,
        employment_type=vacancy.employment_type,
        industry=vacancy.industry_id or "",
        city=vacancy.city,
        country=str(vacancy.country),
        remote_policy=vacancy.remote_policy,
        salary_min=vacancy.salary_min,
        salary_max=vacancy.salary_max,
        salary_currency=vacancy.salary_currency,
        must_have_skills=[s.pk for s in by_importance["must_have"]],
        required_skills=[s.pk for s in by_importance["important"]],
        nice_to_have_skills=[s.pk for s in vacancy.nice_to_have_skills.all()],
        description=vacancy.description,
        closes_on=vacancy.closes_on.isoformat() if vacancy.closes_on else "",
        action="revise",
    )
    data.update(overrides)
    return data


def edit(client, vacancy, **overrides):
    return client.post(reverse("employers:vacancy_edit", args=[vacancy.pk]), edit_data(vacancy, **overrides))


# --- Editing a live vacancy -----------------------------------------------------------------


def test_editing_a_live_vacancy_makes_a_revision_and_the_live_version_stays(client, employer, vacancy):
    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_edit", args=[vacancy.pk]))
    assert page.status_code == 200
    assert "Send changes for review" in page.content.decode()
    response = edit(client, vacancy, title="Head of Product, Growth", salary_max=vacancy.salary_max + 10_000)
    assert response.status_code == 302
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.status, live.title, live.salary_max) == (S.PUBLISHED, vacancy.title, vacancy.salary_max)
    revision = VacancyRevision.objects.get(vacancy=vacancy)
    assert revision.status == VacancyRevision.Status.PENDING
    assert revision.fields["title"] == "Head of Product, Growth"
    assert revision.created_by == employer
    detail = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Changes waiting for review" in detail
    assert "Head of Product, Growth" in detail
    # Editing again starts from the waiting changes and replaces them.
    again = client.get(reverse("employers:vacancy_edit", args=[vacancy.pk])).content.decode()
    assert 'value="Head of Product, Growth"' in again
    edit(client, vacancy, title="Head of Product, Growth and Retention")
    assert VacancyRevision.objects.pending().get().fields["title"] == "Head of Product, Growth and Retention"
    assert VacancyRevision.objects.count() == 1


def test_an_edit_that_changes_nothing_is_refused(client, employer, vacancy):
    client.force_login(employer)
    response = edit(client, vacancy)
    assert response.status_code == 200
    assert "Nothing changed" in response.content.decode()
    assert not VacancyRevision.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 500}, "title"),
        ({"title": "nul\x00byte"}, "title"),
        ({"salary_min": "abc"}, "salary_min"),
        ({"salary_min": 200_000, "salary_max": 100_000}, "salary_max"),
        ({"closes_on": "2000-01-01"}, "closes_on"),
        ({"role_family": "99999"}, "role_family"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_edits_of_a_live_vacancy_store_nothing(client, employer, vacancy, overrides, field):
    client.force_login(employer)
    response = edit(client, vacancy, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not VacancyRevision.objects.exists()


def test_recruiter_publishes_the_changes_onto_the_live_vacancy(client, employer, recruiter, vacancy):
    skill = factories.skills("payments")[0]
    client.force_login(employer)
    edit(client, vacancy, title="VP Product, Payments", required_skills=[skill.pk])
    client.force_login(recruiter)
    change_page = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    assert "Changes waiting for review" in change_page
    assert "VP Product, Payments" in change_page
    queue = client.get(reverse("admin:vacancies_vacancy_changelist") + "?changes_waiting=yes").content.decode()
    assert vacancy.title in queue
    response = client.post(reverse("admin:vacancies_vacancy_revision_publish", args=[vacancy.pk]))
    assert response.status_code == 302
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.status, live.title) == (S.PUBLISHED, "VP Product, Payments")
    assert skill in live.required_skills.all()
    assert VacancyRevision.objects.get().status == VacancyRevision.Status.PUBLISHED
    row = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert (row.from_status, row.to_status, row.by) == (S.PUBLISHED, S.PUBLISHED, recruiter)
    assert "job title" in row.note.lower() or "title" in row.note.lower()


def test_publishing_changes_rematches_the_vacancy(
    employer, recruiter, vacancy, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        "recruitment.outbox.enqueue.enqueue", lambda task, args=(), kwargs=None, **_: queued.append((task, *args))
    )
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Changed title"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_revision_publish(revision=revision, by=recruiter)
    assert ("recruitment.tasks.vacancy_match_and_alert_task", vacancy.pk) in queued


def test_recruiter_rejects_the_changes_with_a_reason_the_employer_sees(client, employer, recruiter, vacancy):
    client.force_login(employer)
    edit(client, vacancy, title="Chief Everything Officer")
    client.force_login(recruiter)
    url = reverse("admin:vacancies_vacancy_revision_reject", args=[vacancy.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "x" * 2001}).status_code == 400
    assert client.post(url, {"reason": "Keep the title to the role."}).status_code == 302
    revision = VacancyRevision.objects.get()
    assert (revision.status, revision.rejection_reason) == (
        VacancyRevision.Status.REJECTED,
        "Keep the title to the role.",
    )
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title
    client.force_login(employer)
    detail = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Keep the title to the role." in detail


def test_employer_withdraws_their_changes(client, employer, vacancy):
    client.force_login(employer)
    edit(client, vacancy, title="Something else")
    response = client.post(reverse("employers:vacancy_revision_withdraw", args=[vacancy.pk]))
    assert response.status_code == 302
    assert VacancyRevision.objects.get().status == VacancyRevision.Status.WITHDRAWN
    assert client.post(reverse("employers:vacancy_revision_withdraw", args=[vacancy.pk])).status_code == 404


def test_changes_to_a_vacancy_closed_meanwhile_cannot_be_published(employer, recruiter, vacancy):
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Changed"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    services.vacancy_close(vacancy=vacancy, by=employer, reason="filled")
    with pytest.raises(services.WorkflowError):
        services.vacancy_revision_publish(revision=revision, by=recruiter)
    assert Vacancy.objects.get(pk=vacancy.pk).title != "Changed"


def test_only_recruiters_publish_or_reject_changes(employer, vacancy):
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Changed"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    with pytest.raises(services.WorkflowError):
        services.vacancy_revision_publish(revision=revision, by=employer)
    with pytest.raises(services.WorkflowError):
        services.vacancy_revision_reject(revision=revision, by=employer, reason="no")


def test_other_employers_get_404(client, other_employer, vacancy, make_vacancy, employer):
    pending = make_vacancy(S.PENDING_REVIEW)
    closed = make_vacancy(S.CLOSED)
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Changed"
    services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    client.force_login(other_employer)
    assert client.get(reverse("employers:vacancy_edit", args=[vacancy.pk])).status_code == 404
    assert edit(client, vacancy, title="Theirs").status_code == 404
    assert client.post(reverse("employers:vacancy_withdraw", args=[pending.pk])).status_code == 404
    assert client.post(reverse("employers:vacancy_duplicate", args=[closed.pk])).status_code == 404
    assert client.post(reverse("employers:vacancy_revision_withdraw", args=[vacancy.pk])).status_code == 404
    assert VacancyRevision.objects.pending().get().fields["title"] == "Changed"
    assert Vacancy.objects.get(pk=pending.pk).status == S.PENDING_REVIEW
    assert Vacancy.objects.count() == 3


# --- Withdrawing a submission; copying a closed vacancy --------------------------------------


def test_a_pending_submission_is_withdrawn_to_draft(client, employer, make_vacancy):
    pending = make_vacancy(S.PENDING_REVIEW)
    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_detail", args=[pending.pk])).content.decode()
    assert "Withdraw to draft" in page
    response = client.post(reverse("employers:vacancy_withdraw", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == S.DRAFT
    row = pending.status_changes.latest("pk")
    assert (row.from_status, row.to_status, row.by) == (S.PENDING_REVIEW, S.DRAFT, employer)
    assert client.get(reverse("employers:vacancy_edit", args=[pending.pk])).status_code == 200


@pytest.mark.parametrize("status", [S.DRAFT, S.PUBLISHED, S.REJECTED, S.CLOSED])
def test_only_a_pending_submission_can_be_withdrawn(employer, make_vacancy, status):
    vacancy = make_vacancy(status)
    with pytest.raises(services.WorkflowError):
        services.vacancy_withdraw(vacancy=vacancy, by=employer)
    vacancy.refresh_from_db()
    assert vacancy.status == status


@pytest.mark.parametrize("status", [S.CLOSED, S.EXPIRED])
def test_a_closed_vacancy_is_copied_into_a_new_draft(client, employer, make_vacancy, status):
    closed = make_vacancy(status, required_skills=factories.skills("payments"))
    client.force_login(employer)
    response = client.post(reverse("employers:vacancy_duplicate", args=[closed.pk]))
    copy = Vacancy.objects.exclude(pk=closed.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:vacancy_edit", args=[copy.pk])
    assert (copy.status, copy.title, copy.salary_max, copy.closes_on) == (
        S.DRAFT,
        closed.title,
        closed.salary_max,
        None,
    )
    assert copy.slug != closed.slug
    assert list(copy.required_skills.all()) == list(closed.required_skills.all())
    assert copy.created_by == employer
    assert Vacancy.objects.get(pk=closed.pk).status == status


@pytest.mark.parametrize("status", [S.DRAFT, S.PENDING_REVIEW, S.PUBLISHED, S.REJECTED])
def test_only_a_closed_vacancy_is_copied(employer, make_vacancy, status):
    vacancy = make_vacancy(status)
    with pytest.raises(services.WorkflowError):
        services.vacancy_duplicate(vacancy=vacancy, by=employer)
    assert Vacancy.objects.count() == 1


def test_the_new_buttons_need_csrf_and_post(employer, make_vacancy):
    pending = make_vacancy(S.PENDING_REVIEW)
    client = Client(enforce_csrf_checks=True)
    client.force_login(employer)
    for name in ("employers:vacancy_withdraw", "employers:vacancy_duplicate", "employers:vacancy_revision_withdraw"):
        assert client.post(reverse(name, args=[pending.pk])).status_code == 403
        assert client.get(reverse(name, args=[pending.pk])).status_code == 405
    pending.refresh_from_db()
    assert pending.status == S.PENDING_REVIEW


# --- The employer hears the outcome ----------------------------------------------------------


@pytest.fixture
def eager(settings):
    """Run the delivery task in-process (the unit tests' stand-in for a worker)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


def test_the_employer_is_emailed_when_their_changes_are_published(
    employer, recruiter, vacancy, django_capture_on_commit_callbacks, mailoutbox, eager
):
    colleague = factories.EmployerProfileFactory(company=employer.employer_profile.company).user
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "VP Product, Payments"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_revision_publish(revision=revision, by=recruiter)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([employer.email, colleague.email])
    message = mailoutbox[0]
    assert message.subject == "Your changes to VP Product, Payments are live"
    assert "published them (title)" in message.body
    assert reverse("vacancies:vacancy_detail", args=[vacancy.slug]) in message.body
    # Published once: told once, whatever the sweeper or a retry does.
    from recruitment.emails.vacancies import revision_decided_notifications

    assert revision_decided_notifications(revision=VacancyRevision.objects.get(), changes="job title") == []


def test_the_employer_is_emailed_the_reason_when_their_changes_are_rejected(
    employer, recruiter, vacancy, django_capture_on_commit_callbacks, mailoutbox, eager
):
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Chief Everything Officer"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_revision_reject(revision=revision, by=recruiter, reason="Keep the title to the role & level.")
    (message,) = mailoutbox
    assert message.to == [employer.email]
    assert message.subject == f"Your changes to {vacancy.title} need another look"
    assert "Keep the title to the role & level." in message.body
    assert "role &amp; level" in message.alternatives[0].content
    assert reverse("employers:vacancy_edit", args=[vacancy.pk]) in message.body


def test_a_withdrawn_revision_emails_no_one(employer, vacancy, django_capture_on_commit_callbacks, mailoutbox, eager):
    edited = Vacancy.objects.get(pk=vacancy.pk)
    edited.title = "Never mind"
    revision = services.vacancy_revision_submit(vacancy=edited, by=employer, skills={})
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_revision_withdraw(revision=revision, by=employer)
    assert mailoutbox == []
