"""What a hiring manager needs on an applicant card (issue 16, item 12): the fit and its reasons, salary
floor, notice period, LinkedIn; the CV viewed in the browser under a sandboxing policy; declined
applicants in their own tab; feedback for the agency that recruiters read in the workspace."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.money import floor_against_band
from recruitment.models.placements import ClientTerms
from tests import factories
from vacancies import services
from vacancies.models import Application, ApplicationFeedback

pytestmark = pytest.mark.django_db

Stage = Application.Stage


def applicants_url(vacancy, **params) -> str:
    url = reverse("employers:vacancy_applicants", args=[vacancy.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_card_shows_fit_reasons_floor_notice_and_linkedin_when_the_terms_share_it(client, employer, application):
    ClientTerms.objects.create(company=application.vacancy.company, share_contact_details=True)
    profile = application.candidate.candidate_profile
    profile.salary_floor, profile.salary_currency, profile.notice_period_weeks = 140_000, "GBP", 12
    profile.linkedin_url = "https://www.linkedin.com/in/ada-lovelace/"
    profile.save()
    breakdown = [
        {"criterion": "skills", "label": "Required skills", "status": "met", "points": 25, "max_points": 25,
         "reason": "All 3 required skills"},
    ]  # fmt: skip
    factories.MatchFactory(candidate=profile, vacancy=application.vacancy, score=77, breakdown=breakdown)
    client.force_login(employer)
    page = client.get(applicants_url(application.vacancy)).content.decode()
    assert "77% match" in page
    assert "All 3 required skills" in page
    assert "GBP 140,000" not in page  # never the floor itself: where it sits against the band
    vacancy = application.vacancy
    assert escape(floor_against_band(140_000, "GBP", vacancy.salary_max, vacancy.salary_currency)) in page
    assert "12 weeks" in page
    assert 'href="https://www.linkedin.com/in/ada-lovelace/"' in page


def test_by_default_contact_goes_through_the_agency(client, employer, application):
    """The agency's fee protected (#23 item 9): no LinkedIn or email unless the client's terms say so."""
    profile = application.candidate.candidate_profile
    profile.linkedin_url = "https://www.linkedin.com/in/ada-lovelace/"
    profile.save()
    client.force_login(employer)
    page = client.get(applicants_url(application.vacancy)).content.decode()
    assert "linkedin.com/in/ada-lovelace" not in page
    assert application.candidate.email not in page
    assert "your recruiter arranges every conversation" in page


@pytest.mark.parametrize(
    ("floor", "currency", "words"),
    [
        (100_000, "EUR", "Within your band"),
        (150_000, "EUR", "Within your band"),
        (162_400, "EUR", "About EUR 12,000 above your band's top"),
        (1_900_000, "NOK", "About EUR 13,000 above your band's top"),
        (None, "EUR", "Not given"),
    ],
)
def test_the_floor_reads_against_the_band(floor, currency, words):
    assert floor_against_band(floor, currency, 150_000, "EUR") == words


def test_card_without_a_match_or_details_says_not_given(client, employer, application):
    profile = application.candidate.candidate_profile
    profile.salary_floor = None
    profile.notice_period_weeks = None
    profile.linkedin_url = ""
    profile.save()
    client.force_login(employer)
    page = client.get(applicants_url(application.vacancy)).content.decode()
    assert "% match" not in page
    assert page.count("Not given") >= 2  # the floor and the notice period (contact goes through the agency)


def test_declined_applicants_have_their_own_tab(client, employer, vacancy):
    kept = factories.ApplicationFactory(vacancy=vacancy, candidate__first_name="Still-In")
    declined = factories.ApplicationFactory(vacancy=vacancy, candidate__first_name="Let-Go")
    services.application_move(application=declined, stage=Stage.REJECTED, by=employer)
    client.force_login(employer)
    everything = client.get(applicants_url(vacancy))
    assert [a.pk for a in everything.context["applications"]] == [kept.pk]
    assert everything.context["applicants_total"] == 1
    assert "Let-Go" not in everything.content.decode()
    tab = client.get(applicants_url(vacancy, stage="rejected")).content.decode()
    assert "Let-Go" in tab
    assert "Still-In" not in tab


# --- The CV in the browser ---------------------------------------------------------------------


def test_cv_is_viewed_inline_under_a_sandbox(client, employer, application, caplog):
    client.force_login(employer)
    url = reverse("vacancies:application_cv_view", args=[application.pk])
    assert f'href="{url}"' in client.get(applicants_url(application.vacancy)).content.decode()
    with caplog.at_level("INFO", logger="security"):
        response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert f"cv download kind=application-view id={application.pk}" in caplog.text


def test_a_docx_cv_has_no_inline_view(client, employer, application):
    application.cv.name = application.cv.name.rsplit(".", 1)[0] + ".docx"
    Application.objects.filter(pk=application.pk).update(cv=application.cv.name)
    client.force_login(employer)
    assert client.get(reverse("vacancies:application_cv_view", args=[application.pk])).status_code == 404


def test_others_cannot_view_the_cv(client, application, other_employer, other_candidate):
    url = reverse("vacancies:application_cv_view", args=[application.pk])
    assert client.get(url).status_code == 302  # to the login page
    for user in (other_employer, other_candidate):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(application.candidate)
    assert client.get(url).status_code == 200


# --- Feedback for the agency -------------------------------------------------------------------


def test_employer_leaves_feedback_that_recruiters_read(client, employer, recruiter, application):
    client.force_login(employer)
    url = reverse("employers:application_feedback", args=[application.pk])
    response = client.post(url, {"body": "Strong on <b>payments</b>; weak on people leadership."})
    assert response.status_code == 302
    feedback = ApplicationFeedback.objects.get()
    assert (feedback.application, feedback.author) == (application, employer)
    page = client.get(applicants_url(application.vacancy)).content.decode()
    assert "Strong on &lt;b&gt;payments&lt;/b&gt;" in page
    client.force_login(recruiter)
    admin_page = client.get(reverse("admin:vacancies_application_change", args=[application.pk])).content.decode()
    assert "Strong on &lt;b&gt;payments&lt;/b&gt;" in admin_page
    client.force_login(application.candidate)
    mine = client.get(reverse("applications:application_detail", args=[application.pk])).content.decode()
    assert "weak on people leadership" not in mine


@pytest.mark.parametrize("body", ["", "   ", "x" * 2001, "nul\x00char", "\x00", "y" * 100_000])
def test_bad_feedback_stores_nothing(client, employer, application, body):
    client.force_login(employer)
    response = client.post(
        reverse("employers:application_feedback", args=[application.pk]), {"body": body}, follow=True
    )
    assert response.status_code == 200
    assert "Feedback not sent" in response.content.decode()
    assert not ApplicationFeedback.objects.exists()


def test_feedback_from_others_answers_404(client, application, other_employer, candidate):
    url = reverse("employers:application_feedback", args=[application.pk])
    for user in (other_employer, candidate):
        client.force_login(user)
        assert client.post(url, {"body": "Hi"}).status_code == 404
    assert not ApplicationFeedback.objects.exists()


def test_feedback_needs_csrf_and_post(employer, application):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employer)
    url = reverse("employers:application_feedback", args=[application.pk])
    assert client.post(url, {"body": "Hi"}).status_code == 403
    assert client.get(url).status_code == 405
    assert not ApplicationFeedback.objects.exists()
