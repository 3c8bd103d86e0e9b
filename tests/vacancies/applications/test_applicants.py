"""The applicants of one vacancy: what the employer sees, shortlisting and declining through
the stage service, and a query count that does not grow with applicants."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tests import factories
from vacancies import services
from vacancies.models import Application, ApplicationStageChange
from vacancies.signals import application_stage_changed

pytestmark = pytest.mark.django_db

Stage = Application.Stage
# session, user, the vacancy, page count, applications with candidate and profile, their skills,
# their stage history, the employer's feedback, the stage counts, the vacancy's required skills, whether the
# client's terms share contact details, the fits
APPLICANTS_QUERIES = 12


def applicants_url(vacancy) -> str:
    return reverse("employers:vacancy_applicants", args=[vacancy.pk])


def move_url(application) -> str:
    return reverse("employers:application_move", args=[application.pk])


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("rows", [1, 12])
def test_applicants_query_count_does_not_grow_with_rows(client, employer, vacancy, django_assert_num_queries, rows):
    vacancy.required_skills.set(factories.skills("payments"))
    for i in range(rows):
        application = factories.ApplicationFactory(vacancy=vacancy)
        application.candidate.candidate_profile.skills.set(factories.skills("payments", "product-strategy"))
        if i % 2:
            services.application_move(application=application, stage=Stage.SHORTLISTED, by=employer)
    client.force_login(employer)
    with django_assert_num_queries(APPLICANTS_QUERIES):
        response = client.get(applicants_url(vacancy))
    assert response.status_code == 200
    assert len(response.context["applications"]) == rows


def test_applicant_card_shows_what_the_employer_needs(client, employer, vacancy, candidate):
    profile = candidate.candidate_profile
    profile.skills.set(factories.skills("payments", "product-strategy"))
    application = factories.ApplicationFactory(
        vacancy=vacancy, candidate=candidate, cover_letter="I <b>love</b> payments.\n<script>alert(1)</script>"
    )
    client.force_login(employer)
    page = client.get(applicants_url(vacancy)).content.decode()
    assert candidate.get_full_name() in page
    assert profile.headline in page
    assert f"{profile.years_experience} years of product experience" in page
    assert "Payments" in page
    assert "Product strategy" in page
    assert "I &lt;b&gt;love&lt;/b&gt; payments." in page
    assert "<script>alert(1)</script>" not in page
    assert "Applied" in page
    assert timezone.localtime(application.created_at).strftime("%-d %b %Y") in page
    assert candidate.email not in page  # contact goes through the agency


def test_cv_link_points_at_the_permission_checked_view(client, employer, application):
    """The CV view (vacancies:application_cv) is built by the candidates work; the page links to it
    by name as soon as it exists, and renders without it until then."""
    client.force_login(employer)
    page = client.get(applicants_url(application.vacancy)).content.decode()
    try:
        cv_url = reverse("vacancies:application_cv", args=[application.pk])
    except NoReverseMatch:
        assert "Download CV" not in page
    else:
        assert f'href="{cv_url}"' in page
    assert application.cv.name not in page  # never the storage path


def test_timeline_lists_every_stage_with_its_date(client, employer, recruiter, application):
    services.application_move(application=application, stage=Stage.SCREENING, by=recruiter)
    services.application_move(application=application, stage=Stage.SHORTLISTED, by=employer)
    client.force_login(employer)
    response = client.get(applicants_url(application.vacancy))
    card = response.context["applications"][0]
    assert [c.to_stage for c in card.stage_changes.all()] == [Stage.APPLIED, Stage.SCREENING, Stage.SHORTLISTED]
    page = response.content.decode()
    for label in ["Applied", "Screening", "Shortlisted"]:
        assert label in page


def test_filter_by_stage(client, employer, vacancy):
    factories.ApplicationFactory(vacancy=vacancy, candidate__first_name="Still-Applied")
    shortlisted = factories.ApplicationFactory(vacancy=vacancy, candidate__first_name="Made-Shortlist")
    services.application_move(application=shortlisted, stage=Stage.SHORTLISTED, by=employer)
    client.force_login(employer)
    page = client.get(applicants_url(vacancy), {"stage": "shortlisted"}).content.decode()
    assert "Made-Shortlist" in page
    assert "Still-Applied" not in page
    everything = client.get(applicants_url(vacancy), {"stage": "<bogus>"}).content.decode()
    assert "Made-Shortlist" in everything
    assert "Still-Applied" in everything


def test_empty_state(client, employer, vacancy):
    client.force_login(employer)
    assert "No applicants yet" in client.get(applicants_url(vacancy)).content.decode()


def test_shortlist(client, colleague, application):
    client.force_login(colleague)
    response = client.post(move_url(application), {"stage": "shortlisted"})
    assert response.status_code == 302
    assert response["Location"] == f"{applicants_url(application.vacancy)}#application-{application.pk}"
    application.refresh_from_db()
    assert application.stage == Stage.SHORTLISTED
    change = application.stage_changes.latest("at", "pk")
    assert (change.from_stage, change.to_stage, change.by) == (Stage.APPLIED, Stage.SHORTLISTED, colleague)
    assert _messages(response) == [f"{application.candidate.get_full_name()} is shortlisted."]


@pytest.mark.parametrize("note", ["", "Salary expectations far above the band."])
def test_decline_with_an_optional_note(client, employer, application, note):
    sent = []

    def receiver(sender, **kwargs):
        sent.append((kwargs["from_stage"], kwargs["to_stage"], kwargs["by"], kwargs["note"]))

    application_stage_changed.connect(receiver, weak=False)
    try:
        client.force_login(employer)
        client.post(move_url(application), {"stage": "rejected", "note": f"  {note}  "})
    finally:
        application_stage_changed.disconnect(receiver)
    application.refresh_from_db()
    assert application.stage == Stage.REJECTED
    assert application.stage_changes.latest("at", "pk").note == note
    assert sent == [(Stage.APPLIED, Stage.REJECTED, employer, note)]


def test_decline_note_is_shown_escaped(client, employer, application):
    client.force_login(employer)
    client.post(move_url(application), {"stage": "rejected", "note": "<i>Not</i> a fit"})
    page = client.get(applicants_url(application.vacancy), {"stage": "rejected"}).content.decode()
    assert "&lt;i&gt;Not&lt;/i&gt; a fit" in page


@pytest.mark.parametrize(
    ("start", "data", "message"),
    [
        (Stage.APPLIED, {"stage": "hired"}, "Nothing changed"),  # employers shortlist or decline only
        (Stage.APPLIED, {"stage": "interview"}, "Nothing changed"),
        (Stage.APPLIED, {"stage": ""}, "Nothing changed"),
        (Stage.APPLIED, {"stage": "rejected", "note": "x" * 2001}, "Nothing changed"),
        (Stage.SHORTLISTED, {"stage": "shortlisted"}, "already shortlisted"),
        (Stage.REJECTED, {"stage": "rejected"}, "already declined"),
        (Stage.REJECTED, {"stage": "shortlisted"}, "cannot move to shortlisted"),
        (Stage.WITHDRAWN, {"stage": "shortlisted"}, "cannot move to shortlisted"),
        (Stage.WITHDRAWN, {"stage": "rejected"}, "cannot move to declined"),
        (Stage.HIRED, {"stage": "rejected"}, "cannot move to declined"),
        (Stage.OFFER, {"stage": "shortlisted"}, "cannot move to shortlisted"),
    ],
)
def test_forbidden_moves_are_refused_with_a_message(client, employer, vacancy, start, data, message):
    application = factories.ApplicationFactory(vacancy=vacancy, stage=start)
    history = ApplicationStageChange.objects.count()
    client.force_login(employer)
    response = client.post(move_url(application), data)
    assert response.status_code == 302
    assert any(message in m for m in _messages(response)), _messages(response)
    application.refresh_from_db()
    assert application.stage == start
    assert ApplicationStageChange.objects.count() == history


def test_buttons_follow_the_stage(client, employer, vacancy):
    applied = factories.ApplicationFactory(vacancy=vacancy)
    withdrawn = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.WITHDRAWN)
    client.force_login(employer)
    page = client.get(applicants_url(vacancy)).content.decode()
    assert f'action="{move_url(applied)}"' in page
    assert f'action="{move_url(withdrawn)}"' not in page


def test_propose_interview_times_is_offered_from_screening_to_interview(client, employer, vacancy):
    at = {stage: factories.ApplicationFactory(vacancy=vacancy, stage=stage) for stage in Stage.values}
    client.force_login(employer)
    page = client.get(applicants_url(vacancy)).content.decode()
    offered = {stage for stage, a in at.items() if reverse("employer_interviews:propose", args=[a.pk]) in page}
    assert offered == {Stage.SCREENING, Stage.SHORTLISTED, Stage.INTERVIEW}


def test_move_answers_only_post(client, employer, application):
    client.force_login(employer)
    assert client.get(move_url(application)).status_code == 405


@pytest.mark.parametrize("stage", [Stage.SCREENING, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED])
def test_service_keeps_employers_to_shortlist_and_decline(employer, recruiter, application, stage):
    with pytest.raises(services.WorkflowError, match="shortlist or decline"):
        services.application_move(application=application, stage=stage, by=employer)
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED


def test_service_refuses_outsiders(application, other_employer, candidate, other_candidate):
    for outsider in (other_employer, candidate, other_candidate):
        with pytest.raises(services.WorkflowError, match="cannot change this application"):
            services.application_move(application=application, stage=Stage.SHORTLISTED, by=outsider)
    application.refresh_from_db()
    assert application.stage == Stage.APPLIED
