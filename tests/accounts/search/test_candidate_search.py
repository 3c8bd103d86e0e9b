"""CandidateProfile.objects.search: the recruiters' candidate search in the model layer, each criterion alone
and combined, the salary floor compared in euros across currencies."""

import pytest

from accounts.models import CandidateProfile
from tests import factories

pytestmark = pytest.mark.django_db


def profile(**kwargs):
    user_kwargs = {k[5:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("user_")}
    families = kwargs.pop("families", [])
    skill_slugs = kwargs.pop("skills", [])
    result = factories.CandidateProfileFactory(user=factories.UserFactory(**user_kwargs), **kwargs)
    result.role_families.set([factories.role_family(s) for s in families])
    result.skills.set(factories.skills(*skill_slugs))
    return result


def found(**criteria) -> set:
    return set(CandidateProfile.objects.search(**criteria))


def test_no_criteria_finds_everyone():
    a, b = profile(), profile(years_experience=None, salary_floor=None)
    assert found() == {a, b}


def test_text_matches_every_word_in_name_email_headline_or_title():
    # Every searched field is spelled out: a generated name like "Adam" or a title with "Growth" would match.
    ada = profile(
        user_first_name="Ada",
        user_last_name="Quist",
        user_email="aq@example.com",
        headline="Payments CPO",
        current_title="Chief Product Officer",
    )
    bob = profile(
        user_first_name="Bob",
        user_last_name="Lund",
        user_email="bob@brightpay.example",
        headline="Product leader",
        current_title="VP Product, Growth",
    )
    assert found(text="quist") == {ada}
    assert found(text="ADA quist") == {ada}
    assert found(text="brightpay") == {bob}
    assert found(text="payments cpo") == {ada}
    assert found(text="vp growth") == {bob}
    assert found(text="ada growth") == set()


def test_skills_any_or_all():
    both = profile(skills=["payments", "pl-ownership"])
    payments = profile(skills=["payments"])
    profile(skills=[])
    chosen = factories.skills("payments", "pl-ownership")
    assert len(chosen) == 2
    assert found(skills=chosen) == {both, payments}
    assert found(skills=chosen, all_skills=True) == {both}
    # Ids work as well as rows; a duplicate does not make "all" unreachable.
    ids = [skill.pk for skill in chosen]
    assert found(skills=[*ids, ids[0]], all_skills=True) == {both}


def test_role_families_any_of_them():
    cpo = profile(families=["chief-product-officer", "vp-product"])
    head = profile(families=["head-of-product"])
    profile(families=[])
    assert found(role_families=[factories.role_family("vp-product")]) == {cpo}
    chosen = [factories.role_family("vp-product"), factories.role_family("head-of-product")]
    assert found(role_families=chosen) == {cpo, head}


def test_years_range_leaves_out_who_gave_no_figure():
    junior, mid, senior = profile(years_experience=4), profile(years_experience=10), profile(years_experience=20)
    unknown = profile(years_experience=None)
    assert found(years_min=10) == {mid, senior}
    assert found(years_max=10) == {junior, mid}
    assert found(years_min=5, years_max=15) == {mid}
    assert found(years_min=0) == {junior, mid, senior}
    assert unknown in found()


def test_salary_floor_range_is_in_euros_across_currencies():
    pounds = profile(salary_floor=100_000, salary_currency="GBP")  # 117,000 EUR
    dollars = profile(salary_floor=150_000, salary_currency="USD")  # 138,000 EUR
    euros = profile(salary_floor=120_000, salary_currency="EUR")
    francs = profile(salary_floor=200_000, salary_currency="CHF")  # 208,000 EUR
    none = profile(salary_floor=None)
    assert found(salary_min_eur=115_000, salary_max_eur=125_000) == {pounds, euros}
    assert found(salary_max_eur=118_000) == {pounds}
    assert found(salary_min_eur=130_000) == {dollars, francs}
    assert none not in found(salary_max_eur=1_000_000)
    pounds.refresh_from_db()
    assert pounds.salary_floor_eur == pytest.approx(117_000)


def test_the_euro_floor_follows_a_change_of_currency():
    candidate = profile(salary_floor=100_000, salary_currency="EUR")
    assert found(salary_min_eur=110_000) == set()
    candidate.salary_currency = "GBP"
    candidate.save()
    assert found(salary_min_eur=110_000) == {candidate}


def test_countries_and_remote_preferences_any_of_them():
    berlin = profile(country="DE", remote_preference="hybrid")
    london = profile(country="GB", remote_preference="remote")
    lisbon = profile(country="PT", remote_preference="any")
    assert found(countries=["DE", "GB"]) == {berlin, london}
    assert found(remote_preferences=["remote", "any"]) == {london, lisbon}


def test_open_to_opportunities_yes_or_no():
    open_ = profile(open_to_opportunities=True)
    closed = profile(open_to_opportunities=False)
    gone = profile(open_to_opportunities=True, user_is_active=False)
    assert found(open_to_opportunities=True) == {open_}
    assert found(open_to_opportunities=False) == {closed, gone}
    assert found(open_to_opportunities=None) == {open_, closed, gone}


def test_criteria_combined_narrow_together():
    target = profile(
        user_last_name="Target",
        skills=["payments", "pl-ownership"],
        families=["chief-product-officer"],
        years_experience=15,
        salary_floor=130_000,
        salary_currency="GBP",
        country="GB",
        remote_preference="hybrid",
    )
    # Each of these differs from the target in one criterion only.
    profile(skills=["payments"], families=["chief-product-officer"], years_experience=15, salary_floor=130_000,
            salary_currency="GBP", country="GB", remote_preference="hybrid")  # fmt: skip
    profile(skills=["payments", "pl-ownership"], families=["head-of-product"], years_experience=15,
            salary_floor=130_000, salary_currency="GBP", country="GB", remote_preference="hybrid")  # fmt: skip
    profile(skills=["payments", "pl-ownership"], families=["chief-product-officer"], years_experience=8,
            salary_floor=130_000, salary_currency="GBP", country="GB", remote_preference="hybrid")  # fmt: skip
    profile(skills=["payments", "pl-ownership"], families=["chief-product-officer"], years_experience=15,
            salary_floor=130_000, salary_currency="EUR", country="GB", remote_preference="hybrid")  # fmt: skip
    profile(skills=["payments", "pl-ownership"], families=["chief-product-officer"], years_experience=15,
            salary_floor=130_000, salary_currency="GBP", country="IE", remote_preference="hybrid")  # fmt: skip
    profile(skills=["payments", "pl-ownership"], families=["chief-product-officer"], years_experience=15,
            salary_floor=130_000, salary_currency="GBP", country="GB", remote_preference="onsite")  # fmt: skip
    criteria = {
        "skills": factories.skills("payments", "pl-ownership"),
        "all_skills": True,
        "role_families": [factories.role_family("chief-product-officer")],
        "years_min": 12,
        "salary_min_eur": 140_000,  # 130,000 GBP is 152,100 EUR
        "salary_max_eur": 160_000,
        "countries": ["GB"],
        "remote_preferences": ["hybrid", "any"],
        "open_to_opportunities": True,
    }
    assert found(**criteria) == {target}
    assert found(text="target", **criteria) == {target}
    assert found(text="nobody-like-this", **criteria) == set()
