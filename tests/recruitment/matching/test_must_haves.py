"""Must-haves: experience far short, too few required (or must-have) skills, a role family too far cap the
score below the alert threshold, whatever the rest adds up to; regulated industries weigh more."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from recruitment.matching import score, score_facts, vacancy_match
from recruitment.models import Match
from tests import factories
from tests.recruitment.matching.test_scoring import candidates, ladder, profile, vacancies
from tests.recruitment.matching.test_scoring import vacancy as base_vacancy
from vacancies.models import RequiredSkill

pytestmark = pytest.mark.django_db

CORE = ["product-strategy", "roadmapping", "data-driven-decision-making", "ux-and-design-thinking", "people-management"]


def opening(must=(), important=(), **fields):
    fields.setdefault("required", [])
    vacancy = base_vacancy(**fields)
    for slug in must:
        RequiredSkill.objects.create(vacancy=vacancy, skill=factories.skills(slug)[0], importance="must_have")
    for slug in important:
        RequiredSkill.objects.create(vacancy=vacancy, skill=factories.skills(slug)[0], importance="important")
    return vacancy


def by_key(result):
    return {c.key: c for c in result.criteria}


def test_experience_far_short_caps_the_score_and_says_so(settings):
    cpo = profile(years_experience=5, skills=CORE)
    result = score(cpo, opening(min_years=12, important=CORE))
    assert result.score == settings.MATCH_ALERT_THRESHOLD - 1
    assert by_key(result)["experience"].must_have == "Misses a must-have: 5 of 12 years asked."
    assert result.must_have_misses == ["Misses a must-have: 5 of 12 years asked."]
    row = next(r for r in result.breakdown() if r["criterion"] == "experience")
    assert row["must_have"] == "Misses a must-have: 5 of 12 years asked."


def test_experience_within_the_grace_is_partial_not_a_miss():
    near = score(profile(years_experience=9, skills=CORE), opening(min_years=12, important=CORE))
    assert by_key(near)["experience"].status == "partial"
    assert not near.must_have_misses
    assert near.score >= 70


def test_leadership_roles_want_five_years_even_when_none_are_asked():
    junior = score(profile(years_experience=2, skills=CORE), opening(min_years=0, important=CORE))
    assert by_key(junior)["experience"].must_have == "Misses a must-have: 2 of 5 years asked."
    assert "leadership roles want 5+" in by_key(junior)["experience"].reason
    assert junior.score < 70


def test_none_of_the_required_skills_caps_the_score():
    result = score(profile(skills=["payments"]), opening(important=CORE[:3]))
    assert by_key(result)["skills"].must_have == "Misses a must-have: 0 of 3 required skills."
    assert result.score < 70


def test_missing_must_have_skills_cap_the_score_and_name_them():
    vacancy = opening(must=["product-strategy", "people-management", "pl-ownership"], important=["roadmapping"])
    one = score(profile(skills=["product-strategy", "roadmapping"]), vacancy)
    assert by_key(one)["skills"].must_have == (
        "Misses a must-have: 1 of 3 must-have skills (missing P&L ownership, People management)."
    )
    assert "P&L ownership (must-have)" in by_key(one)["skills"].reason
    assert one.score < 70
    two = score(profile(skills=["product-strategy", "people-management", "roadmapping"]), vacancy)
    assert not two.must_have_misses
    assert two.score >= 70


def test_role_family_two_steps_away_is_a_missed_must_have():
    hop = profile(families=["head-of-product"], skills=CORE)
    result = score(hop, opening(family="chief-product-officer", important=CORE))
    assert by_key(result)["role_family"].must_have.startswith("Misses a must-have: targets Head of Product, 2 steps")
    assert result.score < 70
    vp = score(profile(families=["vp-product"], skills=CORE), opening(family="chief-product-officer", important=CORE))
    assert not vp.must_have_misses


def test_regulated_industries_weigh_more_and_other_regulated_background_counts_half():
    regulated = opening(industry=factories.industry("healthcare"), important=CORE)
    plain = opening(industry=factories.industry("gaming"), important=CORE)
    insurer = profile(industries=["insurance"], skills=CORE)
    assert by_key(score(insurer, regulated))["industry"].max_points == 30
    assert by_key(score(insurer, regulated))["industry"].points == 15
    assert by_key(score(insurer, plain))["industry"].max_points == 10
    assert by_key(score(insurer, plain))["industry"].points == 0
    # Industry alone never decides: without it, a strong candidate still clears the threshold.
    assert score(profile(industries=["gaming"], skills=CORE), regulated).score >= 70


def test_the_cap_follows_the_threshold(settings):
    settings.MATCH_ALERT_THRESHOLD = 50
    result = score(profile(years_experience=2, skills=CORE), opening(min_years=12, important=CORE))
    assert result.score <= 49


def test_bulk_ranking_reads_must_have_flags_like_single_scoring():
    vacancy = opening(must=["product-strategy", "pl-ownership"], important=["roadmapping"])
    people = [
        profile(skills=["product-strategy", "pl-ownership"]),
        profile(skills=["product-strategy", "roadmapping"]),
        profile(skills=["roadmapping"], industries=["insurance"]),
    ]
    vacancy_match(vacancy=vacancy)
    stored = {m.candidate_id: m for m in Match.objects.filter(vacancy=vacancy)}
    for person in people:
        expected = score(person, vacancy)
        assert stored[person.pk].score == expected.score
        assert stored[person.pk].breakdown == expected.breakdown()


@hsettings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(candidate=candidates, vacancy=vacancies(), must=st.frozensets(st.integers(1, 12), max_size=4))
def test_a_missed_must_have_always_scores_below_the_threshold(settings, candidate, vacancy, must):
    vacancy = vacancy.__class__(**{**vacancy.__dict__, "must_have_skills": must & set(vacancy.required_skills)})
    result = score_facts(candidate, vacancy, ladder)
    if result.must_have_misses:
        assert result.score < settings.MATCH_ALERT_THRESHOLD


def test_vacancy_pages_show_must_have_and_important_skills(client):
    vacancy = opening(must=["product-strategy"], important=["payments"])
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "Must-have" in page
    assert "Important" in page
    assert page.index("Product strategy") < page.index("Payments")


def test_employer_page_shows_must_have_and_important_skills(client):
    employer = factories.EmployerProfileFactory()
    vacancy = opening(must=["product-strategy"], important=["payments"], company=employer.company)
    client.force_login(employer.user)
    page = client.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "Must-have skills" in page
    assert "Important skills" in page


def test_the_data_migration_makes_core_skills_must_haves():
    migration = importlib.import_module("vacancies.migrations.0003_required_skill_importance")
    vacancy = opening(important=["product-strategy", "payments"])
    migration.core_skills_become_must_haves(apps, None)
    assert {s.slug for s in vacancy.required_skills_by_importance()["must_have"]} == {"product-strategy"}
    assert {s.slug for s in vacancy.required_skills_by_importance()["important"]} == {"payments"}
