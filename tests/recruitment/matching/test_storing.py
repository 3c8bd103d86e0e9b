"""Bounded storage: per vacancy the best MATCH_KEEP_PER_VACANCY matches, per candidate the best
MATCH_KEEP_PER_CANDIDATE, plus any row an alert links to; re-matching removes rows that fall out."""

import pytest

from recruitment.matching import candidate_match, vacancy_match
from recruitment.models import Match
from recruitment.selectors.matches import matches_for_candidate, matches_for_vacancy
from tests import factories
from tests.recruitment.matching.test_scoring import profile, vacancy

pytestmark = pytest.mark.django_db


def ranked_people():
    """Four candidates for the default opening, best first (each a little weaker than the one before)."""
    return [
        profile(years_experience=15),
        profile(industries=["gaming"]),
        profile(industries=["gaming"], salary_floor=140_000),
        profile(industries=["gaming"], salary_floor=140_000, years_experience=7),
    ]


def test_a_vacancy_keeps_its_best_k_matches(settings):
    settings.MATCH_KEEP_PER_VACANCY = 2
    people = ranked_people()
    opening = vacancy(min_years=8)
    rows = vacancy_match(vacancy=opening)
    assert [r.candidate_id for r in rows] == [people[0].pk, people[1].pk]
    assert [m.candidate_id for m in matches_for_vacancy(vacancy=opening)] == [people[0].pk, people[1].pk]


def test_rematching_drops_rows_that_fall_out_but_keeps_those_an_alert_links_to(settings):
    people = ranked_people()
    opening = vacancy(min_years=8)
    vacancy_match(vacancy=opening)
    assert Match.objects.filter(vacancy=opening).count() == 4
    alerted = Match.objects.get(vacancy=opening, candidate=people[3])
    factories.NotificationFactory(kind="match_alert", match=alerted, vacancy=opening, recipient=people[3].user)
    settings.MATCH_KEEP_PER_VACANCY = 2
    rows = vacancy_match(vacancy=opening)
    kept = set(Match.objects.filter(vacancy=opening).values_list("candidate_id", flat=True))
    assert kept == {people[0].pk, people[1].pk, people[3].pk}
    assert {r.candidate_id for r in rows} == kept
    alerted.refresh_from_db()  # still there, rescored
    assert alerted.notifications.count() == 1


def test_a_candidate_keeps_their_best_k_vacancies(settings):
    settings.MATCH_KEEP_PER_CANDIDATE = 2
    person = profile(years_experience=10, industries=["b2b-saas"])
    best = vacancy(min_years=8)
    second = vacancy(min_years=8, industry=factories.industry("gaming"))
    third = vacancy(min_years=12, industry=factories.industry("gaming"))
    rows = candidate_match(profile=person)
    assert [r.vacancy_id for r in rows] == [best.pk, second.pk]
    assert [m.vacancy_id for m in matches_for_candidate(profile=person)] == [best.pk, second.pk]
    assert not Match.objects.filter(vacancy=third).exists()


def test_vacancy_matching_trims_candidates_past_their_quota(settings):
    settings.MATCH_KEEP_PER_CANDIDATE = 2
    person = profile(years_experience=10, industries=["b2b-saas"])
    weak = vacancy(min_years=12, industry=factories.industry("gaming"))
    middle = vacancy(min_years=8, industry=factories.industry("gaming"))
    for opening in (weak, middle):
        vacancy_match(vacancy=opening)
    assert Match.objects.filter(candidate=person).count() == 2
    best = vacancy(min_years=8)
    vacancy_match(vacancy=best)
    assert set(Match.objects.filter(candidate=person).values_list("vacancy_id", flat=True)) == {best.pk, middle.pk}


def test_storage_stays_bounded_with_a_constant_number_of_queries(settings, django_assert_max_num_queries):
    settings.MATCH_KEEP_PER_VACANCY = 3
    opening = vacancy()
    for _ in range(10):
        profile()
    with django_assert_max_num_queries(15):
        rows = vacancy_match(vacancy=opening)
    assert len(rows) == 3
    assert Match.objects.filter(vacancy=opening).count() == 3
