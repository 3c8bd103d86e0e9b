"""The workflow as an employer meets it in the browser: buttons that work, and refusals that
say why and change nothing."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from vacancies.models import Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

S = Vacancy.Status


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _post(client, name, vacancy, data=None):
    return client.post(reverse(name, args=[vacancy.pk]), data or {})


def test_submit_a_draft_from_its_page(client, employer, make_vacancy):
    draft = make_vacancy(S.DRAFT)
    client.force_login(employer)
    response = _post(client, "employers:vacancy_submit", draft)
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:vacancy_detail", args=[draft.pk])
    assert any("Submitted for review" in m for m in _messages(response))
    draft.refresh_from_db()
    assert draft.status == S.PENDING_REVIEW
    change = draft.status_changes.latest("at", "pk")
    assert (change.to_status, change.by) == (S.PENDING_REVIEW, employer)


def test_submit_twice_is_refused_with_a_message(client, employer, make_vacancy):
    pending = make_vacancy(S.PENDING_REVIEW)
    client.force_login(employer)
    before = VacancyStatusChange.objects.count()
    response = _post(client, "employers:vacancy_submit", pending)
    assert response.status_code == 302
    assert _messages(response) == ["This vacancy is already pending review."]
    pending.refresh_from_db()
    assert pending.status == S.PENDING_REVIEW
    assert VacancyStatusChange.objects.count() == before


@pytest.mark.parametrize("status", [S.PENDING_REVIEW, S.CLOSED, S.EXPIRED])
def test_a_pending_or_finished_vacancy_cannot_be_edited(client, employer, make_vacancy, status):
    vacancy = make_vacancy(status)
    client.force_login(employer)
    response = client.get(reverse("employers:vacancy_edit", args=[vacancy.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:vacancy_detail", args=[vacancy.pk])
    response = _post(client, "employers:vacancy_edit", vacancy, _form_data(vacancy, salary_max=999_000))
    assert response.status_code == 302
    assert any("only a draft, a rejected or a live vacancy can be edited" in m for m in _messages(response))
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.salary_max) == (status, 150_000)


@pytest.mark.parametrize("status", [S.DRAFT, S.PENDING_REVIEW, S.REJECTED, S.CLOSED])
def test_only_a_live_or_expired_vacancy_can_be_closed(client, employer, make_vacancy, status):
    vacancy = make_vacancy(status)
    client.force_login(employer)
    response = _post(client, "employers:vacancy_close", vacancy, {"reason": "filled"})
    # Refused: the vacancy's page again with the reason on the close form (was a redirect with a message,
    # which lost the choice); a vacancy that is not the employer's own is still a 404.
    assert response.status_code == 400
    assert _messages(response)
    fresh = Vacancy.objects.get(pk=vacancy.pk)
    assert (fresh.status, fresh.close_reason, fresh.closed_at) == (status, vacancy.close_reason, vacancy.closed_at)


@pytest.mark.parametrize("reason", ["filled", "withdrawn"])
def test_close_a_published_vacancy(client, colleague, vacancy, reason):
    client.force_login(colleague)
    response = _post(client, "employers:vacancy_close", vacancy, {"reason": reason})
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == (S.CLOSED, reason)
    assert vacancy.status_changes.latest("at", "pk").by == colleague
    assert not Vacancy.objects.open().filter(pk=vacancy.pk).exists()
    assert any(f"Closed as {reason}" in m for m in _messages(response))


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "bored"}])
def test_close_without_a_valid_reason_is_refused(client, employer, vacancy, data):
    client.force_login(employer)
    response = _post(client, "employers:vacancy_close", vacancy, data)
    # Refused on the vacancy's page itself (status 400), not by a redirect and a message.
    assert response.status_code == 400
    assert "Choose whether the role was filled or withdrawn." in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.status == S.PUBLISHED


def test_workflow_buttons_answer_only_post(client, employer, vacancy):
    client.force_login(employer)
    for name in ["employers:vacancy_submit", "employers:vacancy_close"]:
        assert client.get(reverse(name, args=[vacancy.pk])).status_code == 405


def test_rejected_vacancy_shows_the_reason_escaped_and_can_be_resubmitted(client, employer, make_vacancy):
    rejected = make_vacancy(S.REJECTED, rejection_reason="Add the <b>city</b> & currency.")
    client.force_login(employer)
    for url in [
        reverse("employers:vacancy_detail", args=[rejected.pk]),
        reverse("employers:vacancy_edit", args=[rejected.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Add the &lt;b&gt;city&lt;/b&gt; &amp; currency." in page
        assert "<b>city</b>" not in page

    data = _form_data(rejected, city="Amsterdam", action="submit")
    response = _post(client, "employers:vacancy_edit", rejected, data)
    assert response.status_code == 302
    rejected.refresh_from_db()
    assert (rejected.status, rejected.city) == (S.PENDING_REVIEW, "Amsterdam")
    assert [c.to_status for c in rejected.status_changes.all()][-1] == S.PENDING_REVIEW


def test_save_draft_keeps_a_rejected_vacancy_rejected(client, employer, make_vacancy):
    rejected = make_vacancy(S.REJECTED)
    client.force_login(employer)
    _post(client, "employers:vacancy_edit", rejected, _form_data(rejected, city="Lisbon", action="save"))
    rejected.refresh_from_db()
    assert (rejected.status, rejected.city) == (S.REJECTED, "Lisbon")


def test_posted_status_fields_are_ignored(client, employer, make_vacancy):
    draft = make_vacancy(S.DRAFT)
    client.force_login(employer)
    data = _form_data(draft, status="published", published_at="2020-01-01", company=999, rejection_reason="x")
    _post(client, "employers:vacancy_edit", draft, data)
    draft.refresh_from_db()
    assert (draft.status, draft.published_at, draft.rejection_reason) == (S.DRAFT, None, "")


def test_detail_page_shows_status_history_with_who_and_when(client, employer, recruiter, make_vacancy):
    from vacancies import services

    vacancy = make_vacancy(S.DRAFT)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_reject(vacancy=vacancy, by=recruiter, reason="Say where the team sits.")
    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Pending review" in page
    assert "Rejected" in page
    assert employer.get_full_name() in page
    assert recruiter.get_full_name() not in page  # recruiters appear by role, not by name
    assert timezone.localtime(vacancy.status_changes.latest("at", "pk").at).strftime("%-d %b %Y") in page


def test_detail_page_renders_the_description_as_candidates_will_see_it(client, employer, make_vacancy):
    vacancy = make_vacancy(
        S.DRAFT, description="**Own the roadmap**\n\n- Lead four teams\n\n<script>alert(1)</script><b onclick=x>hi</b>"
    )
    client.force_login(employer)
    page = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "<strong>Own the roadmap</strong>" in page
    assert "<li>Lead four teams</li>" in page
    assert "<script>alert(1)</script>" not in page
    assert "onclick" not in page


def _form_data(vacancy, **overrides):
    data = {
        "title": vacancy.title,
        "role_family": vacancy.role_family_id,
        "seniority": vacancy.seniority,
        "min_years": vacancy.min_years,
        "employment_type": vacancy.employment_type,
        "industry": vacancy.industry_id or "",
        "city": vacancy.city,
        "country": vacancy.country.code or "",
        "remote_policy": vacancy.remote_policy,
        "salary_min": vacancy.salary_min,
        "salary_max": vacancy.salary_max,
        "salary_currency": vacancy.salary_currency,
        "description": vacancy.description,
        "closes_on": vacancy.closes_on.isoformat() if vacancy.closes_on else "",
        "action": "save",
    }
    data.update(overrides)
    return data
