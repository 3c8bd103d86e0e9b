"""A hire closes the loop (#23): the hire that fills a vacancy's last opening closes it as filled, through the
same closing as by hand; a closed role alerts, invites and introduces nobody; an expired role can still end as
filled; a role with more openings stays live until the last one."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import CandidateProfile
from recruitment.emails.alerts import MATCH_ALERT
from recruitment.emails.declines import APPLICATION_DECLINED
from recruitment.matching.alerting import candidate_match_and_alert
from recruitment.models import Match, Notification
from recruitment.models.placements import Placement
from recruitment.services.common import contact_refusal
from tests import factories
from tests.support.alerts import hop_candidate, hop_vacancy
from vacancies.models import Application, Vacancy, VacancyStatusChange
from vacancies.services import WorkflowError, application_move, vacancy_close

pytestmark = pytest.mark.django_db
Stage = Application.Stage


def offer(vacancy, **fields):
    return factories.ApplicationFactory(vacancy=vacancy, stage=Stage.OFFER, **fields)


def test_the_hire_of_the_only_opening_closes_the_vacancy_as_filled(recruiter):
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    hired, waiting = offer(vacancy), factories.ApplicationFactory(vacancy=vacancy, stage=Stage.SCREENING)
    application_move(application=hired, stage=Stage.HIRED, by=recruiter)
    vacancy.refresh_from_db()
    waiting.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == (Vacancy.Status.CLOSED, Vacancy.CloseReason.FILLED)
    assert vacancy.closed_at is not None
    last = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert (last.to_status, last.by, last.note) == ("closed", recruiter, "Filled: the one opening is hired.")
    # The others end with the role and hear it through the recruiter, as when it is closed by hand.
    assert (waiting.stage, waiting.closed_with_role) == (Stage.REJECTED, True)
    assert Notification.objects.get(kind=APPLICATION_DECLINED, application=waiting).status == "scheduled"
    assert Placement.objects.filter(application=hired).exists()
    assert not Vacancy.objects.filter(pk=vacancy.pk).open().exists()


def test_a_role_with_two_openings_stays_live_until_the_second_hire(recruiter):
    vacancy = factories.PublishedVacancyFactory(openings=2)
    first, second, third = offer(vacancy), offer(vacancy), offer(vacancy)
    application_move(application=first, stage=Stage.HIRED, by=recruiter)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    third.refresh_from_db()
    assert third.stage == Stage.OFFER  # untouched while an opening is left
    application_move(application=second, stage=Stage.HIRED, by=recruiter)
    vacancy.refresh_from_db()
    third.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
    assert "all 2 openings are hired" in VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk").note
    assert (third.stage, third.closed_with_role) == (Stage.REJECTED, True)
    assert Application.objects.filter(vacancy=vacancy, stage=Stage.HIRED).count() == 2


def test_an_expired_vacancy_still_closes_as_filled_by_its_hire(recruiter):
    vacancy = factories.PublishedVacancyFactory()
    application = offer(vacancy)
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.EXPIRED)
    application_move(application=application, stage=Stage.HIRED, by=recruiter)
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.close_reason) == (Vacancy.Status.CLOSED, Vacancy.CloseReason.FILLED)


def test_a_refused_hire_closes_nothing(recruiter, employer):
    vacancy = factories.PublishedVacancyFactory(company=employer.employer_profile.company)
    application = factories.ApplicationFactory(vacancy=vacancy, stage=Stage.SCREENING)
    with pytest.raises(WorkflowError):  # Screening cannot jump to Hired
        application_move(application=application, stage=Stage.HIRED, by=recruiter)
    with pytest.raises(WorkflowError):  # and an employer never hires by a move
        application_move(application=application, stage=Stage.HIRED, by=employer)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_a_filled_role_alerts_invites_and_introduces_nobody(recruiter):
    vacancy = hop_vacancy(factory=factories.PublishedVacancyFactory)
    application_move(application=offer(vacancy), stage=Stage.HIRED, by=recruiter)
    vacancy.refresh_from_db()
    newcomer = hop_candidate()  # would score 100 against the open role
    candidate_match_and_alert(profile=newcomer)
    assert not Match.objects.filter(vacancy=vacancy, candidate=newcomer).exists()
    assert not Notification.objects.filter(kind=MATCH_ALERT, vacancy=vacancy).exists()
    newcomer.consent_given_at = newcomer.created_at
    refusal = contact_refusal(profile=newcomer, vacancy=vacancy, closed="That role is closed.")
    assert refusal == "That role is closed."


def test_closing_by_hand_keeps_the_reason_in_the_history(recruiter):
    vacancy = factories.PublishedVacancyFactory()
    vacancy_close(vacancy=vacancy, by=recruiter, reason="withdrawn", note="  The client paused the search.  ")
    note = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk").note
    assert note == "Withdrawn: The client paused the search."


@pytest.mark.parametrize("note", ["x" * 2001])
def test_an_overlong_closing_reason_is_refused_and_nothing_changes(recruiter, note):
    vacancy = factories.PublishedVacancyFactory()
    with pytest.raises(WorkflowError, match="under 2,000"):
        vacancy_close(vacancy=vacancy, by=recruiter, reason="withdrawn", note=note)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


@pytest.mark.parametrize("openings", [0, 51])
def test_openings_out_of_range_are_refused(openings):
    vacancy = factories.VacancyFactory.build(openings=openings, company=factories.CompanyFactory())
    with pytest.raises(ValidationError) as raised:
        vacancy.full_clean(exclude=["slug", "role_family"])
    assert set(raised.value.message_dict) == {"openings"}


def test_the_hired_candidate_is_no_longer_open_to_opportunities(recruiter):
    vacancy = factories.PublishedVacancyFactory()
    application = offer(vacancy)
    application_move(application=application, stage=Stage.HIRED, by=recruiter)
    profile = CandidateProfile.objects.get(user=application.candidate)
    assert profile.open_to_opportunities is False
    assert profile.placed_until is not None
