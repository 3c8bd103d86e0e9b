"""The matching engine on hand-built cases, its properties, and the SQL pre-filter's agreement with it."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from accounts.models import RoleFamily, Skill
from recruitment.matching import (
    MISSED,
    PARTIAL,
    CandidateFacts,
    RoleLadder,
    VacancyFacts,
    candidate_match,
    candidates_for_vacancy,
    role_ladder,
    score,
    score_facts,
    vacancies_for_candidate,
    vacancy_match,
)
from recruitment.models import Match
from tests import factories
from tests.factories import industry, role_family, skills

pytestmark = pytest.mark.django_db

LEADERSHIP = ["product-strategy", "pl-ownership", "people-management", "stakeholder-management"]


def profile(**fields):
    families = fields.pop("families", ["chief-product-officer"])
    skill_slugs = fields.pop("skills", LEADERSHIP)
    industries = fields.pop("industries", ["b2b-saas"])
    p = factories.CandidateProfileFactory(**fields)
    p.role_families.set(RoleFamily.objects.filter(slug__in=families))
    p.skills.set(skills(*skill_slugs))
    p.industries.set([industry(s) for s in industries])
    return p


def vacancy(**fields):
    required = fields.pop("required", LEADERSHIP)
    nice = fields.pop("nice", [])
    fields.setdefault("role_family", role_family(fields.pop("family", "chief-product-officer")))
    fields.setdefault("industry", industry("b2b-saas"))
    return factories.PublishedVacancyFactory(
        required_skills=skills(*required), nice_to_have_skills=skills(*nice), **fields
    )


def by_key(result):
    return {c.key: c for c in result.criteria}


def test_seasoned_cpo_scores_high_on_a_cpo_opening():
    cpo = profile(years_experience=15, seniority="executive", salary_floor=180_000, country="NL", city="Amsterdam")
    opening = vacancy(min_years=12, seniority="executive", salary_min=190_000, salary_max=240_000, country="NL")
    result = score(cpo, opening)
    assert not result.excluded
    assert result.score >= 90
    criteria = by_key(result)
    assert criteria["experience"].reason == "15 years of product experience; this role asks for 12+."
    assert criteria["skills"].reason == "4 of 4 required skills."
    assert all(c.status == "met" for c in result.criteria)
    assert sum(c.max_points for c in result.criteria) == 100


def test_senior_pm_with_four_years_scores_low_on_head_of_product_asking_eight():
    pm = profile(
        families=["principal-product-manager"], years_experience=4, seniority="principal",
        skills=["product-discovery", "product-strategy"], industries=["e-commerce-and-retail"], salary_floor=80_000,
    )  # fmt: skip
    opening = vacancy(family="head-of-product", min_years=8, required=LEADERSHIP)
    result = score(pm, opening)
    assert not result.excluded
    assert result.score < 50
    criteria = by_key(result)
    assert criteria["experience"].status == MISSED
    assert criteria["experience"].reason == "4 years of product experience; this role asks for 8+."
    assert criteria["skills"].reason.startswith("1 of 4 required skills: missing ")
    assert "P&L ownership" in criteria["skills"].reason


def test_experience_close_to_minimum_gets_partial_credit():
    near = score(profile(years_experience=7), vacancy(min_years=8))
    far = score(profile(years_experience=2), vacancy(min_years=8))
    assert by_key(near)["experience"].status == PARTIAL
    assert 0 < by_key(near)["experience"].points < by_key(near)["experience"].max_points
    assert by_key(far)["experience"].points == 0


def test_salary_floor_above_band_excludes():
    rich = profile(salary_floor=250_000)
    result = score(rich, vacancy(salary_min=150_000, salary_max=200_000))
    assert result.excluded
    assert result.score == 0
    assert "below the candidate's floor" in result.exclusion_reason


def test_salary_compared_across_currencies():
    gbp = profile(salary_floor=150_000, salary_currency="GBP", country="GB")  # ~EUR 175,500
    assert score(gbp, vacancy(salary_min=150_000, salary_max=170_000, salary_currency="EUR", country="GB")).excluded
    assert not score(gbp, vacancy(salary_min=150_000, salary_max=180_000, salary_currency="EUR", country="GB")).excluded


def test_onsite_in_another_country_without_relocation_excludes():
    berliner = profile(country="DE", city="Berlin", willing_to_relocate=False, remote_preference="any")
    result = score(berliner, vacancy(country="FR", city="Paris", remote_policy="onsite"))
    assert result.excluded
    assert "won't relocate" in result.exclusion_reason


def test_onsite_in_another_country_with_relocation_is_partial():
    mover = profile(country="DE", willing_to_relocate=True)
    result = score(mover, vacancy(country="FR", city="Paris", remote_policy="onsite"))
    assert not result.excluded
    assert by_key(result)["location"].status == PARTIAL


def test_remote_role_makes_location_irrelevant():
    far_away = profile(country="PT", city="Lisbon", willing_to_relocate=False)
    result = score(far_away, vacancy(country="DE", city="Berlin", remote_policy="remote"))
    assert not result.excluded
    assert by_key(result)["location"].status == "met"
    assert by_key(result)["location"].reason == "Remote role: location doesn't matter."


def test_remote_only_candidate_is_excluded_from_office_roles():
    assert score(profile(remote_preference="remote"), vacancy(remote_policy="hybrid", country="DE")).excluded


def test_unrelated_role_family_excludes_adjacent_is_partial():
    director = profile(families=["director-of-product"])
    assert score(director, vacancy(family="chief-product-officer")).excluded
    result = score(director, vacancy(family="head-of-product"))
    assert not result.excluded
    assert by_key(result)["role_family"].status == PARTIAL


def test_nice_to_have_skills_add_a_little():
    opening = vacancy(required=["product-strategy"], nice=["pricing-and-monetisation"])
    without = score(profile(skills=["product-strategy"]), opening)
    with_nice = score(profile(skills=["product-strategy", "pricing-and-monetisation"]), opening)
    assert 0 < with_nice.score - without.score <= 10
    assert "nice to have: Pricing and monetisation" in by_key(with_nice)["skills"].reason


def test_breakdown_is_json_ready():
    result = score(profile(), vacancy())
    rows = result.breakdown()
    assert [r["criterion"] for r in rows] == ["role_family", "experience", "skills", "industry", "location", "salary"]
    assert all(set(r) == {"criterion", "label", "status", "points", "max_points", "reason", "must_have"} for r in rows)
    assert all(r["must_have"] == "" for r in rows)


def test_weights_are_settings(settings):
    settings.MATCH_WEIGHTS = {**settings.MATCH_WEIGHTS, "industry": 0, "skills": 35}
    result = score(profile(industries=["healthcare"]), vacancy())
    assert by_key(result)["industry"].max_points == 0
    assert by_key(result)["skills"].max_points == 35


# --- Properties -------------------------------------------------------------------------------

SKILL_IDS = list(range(1, 13))
ladder = RoleLadder.__new__(RoleLadder)
ladder.rank = {1: 4, 2: 3, 3: 2, 4: 1, 5: 0, 6: 0}
ladder.names = {i: f"Family {i}" for i in ladder.rank}

candidates = st.builds(
    CandidateFacts,
    id=st.just(1),
    years=st.one_of(st.none(), st.integers(0, 40)),
    role_family_ids=st.frozensets(st.sampled_from(list(ladder.rank)), max_size=3),
    skill_ids=st.frozensets(st.sampled_from(SKILL_IDS), max_size=12),
    industry_ids=st.frozensets(st.integers(1, 5), max_size=3),
    city=st.sampled_from(["Berlin", "Paris", ""]),
    country=st.sampled_from(["DE", "FR", "GB", ""]),
    remote_preference=st.sampled_from(["onsite", "hybrid", "remote", "any"]),
    willing_to_relocate=st.booleans(),
    salary_floor=st.one_of(st.none(), st.integers(1, 400_000)),
    salary_currency=st.sampled_from(["EUR", "GBP", "USD"]),
)


@st.composite
def vacancies(draw):
    low = draw(st.integers(1, 300_000))
    required = draw(st.frozensets(st.sampled_from(SKILL_IDS), max_size=6))
    nice = draw(st.frozensets(st.sampled_from(SKILL_IDS), max_size=4)) - required
    return VacancyFacts(
        id=1, role_family_id=draw(st.sampled_from(list(ladder.rank))), min_years=draw(st.integers(0, 20)),
        required_skills={i: f"Skill {i}" for i in required}, nice_skills={i: f"Skill {i}" for i in nice},
        industry_id=draw(st.one_of(st.none(), st.integers(1, 5))), industry_name="Industry",
        city=draw(st.sampled_from(["Berlin", "Paris", ""])), country=draw(st.sampled_from(["DE", "FR", ""])),
        country_name="Country", remote_policy=draw(st.sampled_from(["onsite", "hybrid", "remote"])),
        salary_min=low, salary_max=low + draw(st.integers(0, 100_000)),
        salary_currency=draw(st.sampled_from(["EUR", "GBP", "USD"])),
    )  # fmt: skip


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(candidate=candidates, opening=vacancies())
def test_score_is_always_between_0_and_100_and_deterministic(candidate, opening):
    result = score_facts(candidate, opening, ladder)
    assert 0 <= result.score <= 100
    assert result == score_facts(candidate, opening, ladder)
    if result.excluded:
        assert result.score == 0
        assert result.exclusion_reason
    else:
        assert all(0 <= c.points <= c.max_points for c in result.criteria)


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(candidate=candidates, opening=vacancies(), extra=st.sampled_from(SKILL_IDS))
def test_adding_a_skill_never_lowers_the_score(candidate, opening, extra):
    before = score_facts(candidate, opening, ladder)
    richer = candidate._replace(skill_ids=candidate.skill_ids | {extra})
    assert score_facts(richer, opening, ladder).score >= before.score


@hsettings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(candidates, min_size=1, max_size=30), openings=st.lists(vacancies(), min_size=1, max_size=3))
def test_memoised_scoring_gives_exactly_the_same_results(people, openings):
    """Ranking shares one memo across a whole batch; it must never change a score or a reason."""
    openings = [dataclasses.replace(opening, id=i) for i, opening in enumerate(openings)]  # distinct vacancies
    memo: dict = {}
    for opening in openings:
        for i, person in enumerate(people):
            person = person._replace(id=i)
            assert score_facts(person, opening, ladder, memo) == score_facts(person, opening, ladder)


# --- SQL pre-filter, storage ---------------------------------------------------------------------


def test_sql_prefilter_never_drops_a_candidate_the_scoring_keeps():
    opening = vacancy(country="DE", remote_policy="hybrid", salary_min=100_000, salary_max=130_000)
    people = [
        profile(country="DE"),
        profile(country="FR", willing_to_relocate=True),
        profile(country="FR", willing_to_relocate=False),
        profile(remote_preference="remote"),
        profile(salary_floor=140_000),
        profile(salary_floor=100_000, salary_currency="GBP"),
        profile(families=["group-product-manager"]),
        profile(families=[]),
        profile(open_to_opportunities=False),
    ]
    shortlisted = set(candidates_for_vacancy(opening).values_list("pk", flat=True))
    ladder_ = role_ladder()
    for person in people:
        kept = person.open_to_opportunities and not score(person, opening, ladder_).excluded
        assert (person.pk in shortlisted) == kept, person


def test_sql_vacancy_prefilter_agrees_with_scoring():
    person = profile(country="DE", willing_to_relocate=False, salary_floor=120_000)
    openings = [
        vacancy(country="DE"),
        vacancy(country="FR", remote_policy="onsite"),
        vacancy(country="FR", remote_policy="remote"),
        vacancy(salary_min=90_000, salary_max=110_000),
        vacancy(family="group-product-manager"),
    ]
    found = set(vacancies_for_candidate(person).values_list("pk", flat=True))
    for opening in openings:
        assert (opening.pk in found) == (not score(person, opening).excluded), opening


def test_vacancy_match_stores_ranked_rows_and_drops_stale_ones(django_assert_max_num_queries):
    opening = vacancy()
    strong = profile(years_experience=15)
    weak = profile(years_experience=3, skills=["product-strategy"], industries=["healthcare"])
    excluded = profile(salary_floor=500_000)
    with django_assert_max_num_queries(15):
        rows = vacancy_match(vacancy=opening)
    assert [m.candidate_id for m in rows][:2] == [strong.pk, weak.pk]
    stored = {m.candidate_id: m for m in Match.objects.filter(vacancy=opening)}
    assert excluded.pk not in stored
    assert stored[strong.pk].score == score(strong, opening).score
    assert stored[strong.pk].breakdown == score(strong, opening).breakdown()

    strong.salary_floor = 900_000
    strong.save()
    vacancy_match(vacancy=opening)
    assert not Match.objects.filter(vacancy=opening, candidate=strong).exists()
    assert Match.objects.filter(vacancy=opening, candidate=weak).count() == 1


def test_vacancy_match_query_count_does_not_grow_with_candidates(django_assert_max_num_queries):
    opening = vacancy()
    for _ in range(3):
        profile()
    with django_assert_max_num_queries(15) as few:
        vacancy_match(vacancy=opening)
    for _ in range(20):
        profile()
    with django_assert_max_num_queries(len(few.captured_queries)):
        vacancy_match(vacancy=opening)
    assert Match.objects.filter(vacancy=opening).count() == 23


def test_closed_vacancy_has_no_matches():
    opening = vacancy()
    profile()
    vacancy_match(vacancy=opening)
    assert Match.objects.filter(vacancy=opening).exists()
    opening.status = "closed"
    opening.save()
    assert vacancy_match(vacancy=opening) == []
    assert not Match.objects.filter(vacancy=opening).exists()


def test_candidate_match_agrees_with_vacancy_match():
    person = profile(years_experience=11)
    openings = [vacancy(), vacancy(family="vp-product", min_years=12), vacancy(salary_max=150_000, salary_min=1)]
    by_candidate = {m.vacancy_id: m.score for m in candidate_match(profile=person)}
    for opening in openings:
        by_vacancy = {m.candidate_id: m.score for m in vacancy_match(vacancy=opening)}
        assert by_vacancy.get(person.pk) == by_candidate.get(opening.pk)


def test_candidate_not_open_to_opportunities_loses_matches():
    person = profile()
    vacancy()
    assert candidate_match(profile=person)
    person.open_to_opportunities = False
    person.save()
    assert candidate_match(profile=person) == []
    assert not Match.objects.filter(candidate=person).exists()


def test_skill_names_come_from_vocabulary():
    assert Skill.objects.filter(slug="pl-ownership", name="P&L ownership").exists()
