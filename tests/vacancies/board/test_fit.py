"""A candidate's own fit where they browse (issue 16, items 4 and 9): their score and "Applied" on the board's
cards (filled into the shared cached cards, never baked into them), "why not" on a vacancy that does not match,
"Applied" on /me/matches/, the salary criterion's tone, and company logos on the board and the vacancy page."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from recruitment.matching import vacancy_match
from recruitment.models import Match
from tests import factories

pytestmark = pytest.mark.django_db

BOARD = reverse("vacancies:vacancy_list")
MATCHES = reverse("matches:match_list")


def card_of(html: str, title: str) -> str:
    """The board card (its <article>) that carries `title`."""
    for card in re.findall(r"<article class=\"card vacancy-card.*?</article>", html, re.S):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


@pytest.fixture
def board_roles(candidate):
    scored = factories.PublishedVacancyFactory(title="Scored role")
    applied = factories.PublishedVacancyFactory(title="Applied role")
    plain = factories.PublishedVacancyFactory(title="Plain role")
    profile = candidate.candidate_profile
    factories.MatchFactory(candidate=profile, vacancy=scored, score=83)
    factories.MatchFactory(candidate=profile, vacancy=applied, score=71)
    factories.ApplicationFactory(candidate=candidate, vacancy=applied)
    return {"scored": scored, "applied": applied, "plain": plain}


# --- Score and "Applied" on the board's cards -------------------------------------------------


def test_board_cards_show_the_candidates_score_and_applied(client, candidate, board_roles):
    client.force_login(candidate)
    html = client.get(BOARD).content.decode()
    assert ">83% match<" in card_of(html, "Scored role")
    assert "Applied" not in card_of(html, "Scored role")
    applied = card_of(html, "Applied role")
    assert ">71% match<" in applied
    assert ">Applied<" in applied
    plain = card_of(html, "Plain role")
    assert "% match" not in plain
    assert "Applied" not in plain
    assert "<!--fit-->" not in html


def test_shared_cards_never_carry_someone_elses_score(client, candidate, other_candidate, board_roles):
    """The cards are cached once for everyone: another candidate, an anonymous visitor and an employer, served
    from the same cache right after, see no score and no "Applied" of the first."""
    client.force_login(candidate)
    assert ">83% match<" in client.get(BOARD).content.decode()
    client.force_login(other_candidate)
    theirs = client.get(BOARD).content.decode()
    client.logout()
    anonymous = client.get(BOARD).content.decode()
    for html in (theirs, anonymous):
        assert "% match" not in html
        assert ">Applied<" not in html
        assert "Scored role" in html


def test_a_new_match_or_application_shows_on_the_warm_board(client, candidate, board_roles):
    client.force_login(candidate)
    client.get(BOARD)
    factories.MatchFactory(candidate=candidate.candidate_profile, vacancy=board_roles["plain"], score=64)
    factories.ApplicationFactory(candidate=candidate, vacancy=board_roles["scored"])
    html = client.get(BOARD).content.decode()
    assert ">64% match<" in card_of(html, "Plain role")
    assert ">Applied<" in card_of(html, "Scored role")


def test_board_fit_query_count_is_pinned_for_a_candidate(client, candidate, django_assert_num_queries):
    """Warm: the session, the user, and two for the candidate's own part (matches and applications among the
    cards shown), however many cards carry a score."""
    profile = candidate.candidate_profile
    for i in range(25):
        vacancy = factories.PublishedVacancyFactory(title=f"Role {i}")
        factories.MatchFactory(candidate=profile, vacancy=vacancy, score=50 + i)
        if i % 3 == 0:
            factories.ApplicationFactory(candidate=candidate, vacancy=vacancy)
    client.force_login(candidate)
    client.get(BOARD)
    with django_assert_num_queries(4):
        html = client.get(BOARD).content.decode()
    assert html.count("% match<") == 20
    with django_assert_num_queries(4):
        client.get(BOARD)


def test_anonymous_and_employer_boards_read_no_fit(client, employer, board_roles, django_assert_num_queries):
    client.get(BOARD)
    with django_assert_num_queries(0):
        client.get(BOARD)
    client.force_login(employer)
    client.get(BOARD)
    with django_assert_num_queries(2):  # the session and the user only
        html = client.get(BOARD).content.decode()
    assert "% match" not in html


# --- "Why not" on a vacancy page ------------------------------------------------------------------


@pytest.fixture
def director_candidate(candidate):
    profile = candidate.candidate_profile
    profile.role_families.set([factories.role_family("head-of-product")])
    profile.skills.set(factories.skills("product-strategy"))
    return candidate


def test_a_strong_stored_match_says_why_it_matches(client, director_candidate):
    vacancy = factories.PublishedVacancyFactory(required_skills=factories.skills("product-strategy"))
    vacancy_match(vacancy=vacancy)
    match = Match.objects.get(vacancy=vacancy)
    assert match.score >= 70
    client.force_login(director_candidate)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "Why this role matches you" in html
    assert f">{match.score}% match<" in html


def test_a_weak_stored_match_says_why_not(client, director_candidate):
    vacancy = factories.PublishedVacancyFactory()
    factories.MatchFactory(
        candidate=director_candidate.candidate_profile,
        vacancy=vacancy,
        score=41,
        breakdown=[
            {
                "criterion": "skills",
                "label": "Skills",
                "status": "missed",
                "points": 0,
                "max_points": 30,
                "reason": "0 of 3 required skills.",
                "must_have": "Misses a must-have: most of the required skills.",
            }
        ],
    )
    client.force_login(director_candidate)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "Why this role is not a strong match for you" in html
    assert "Why this role matches you" not in html
    assert ">41% match<" in html
    assert "0 of 3 required skills." in html
    assert "Misses a must-have: most of the required skills." in html
    assert "You can still apply." in html


def test_no_stored_match_is_scored_on_the_fly_and_explained(client, director_candidate):
    """Below the stored minimum (or not computed yet): the page scores the pair with the one scoring function."""
    vacancy = factories.PublishedVacancyFactory(
        required_skills=factories.skills("payments", "pricing", "go-to-market", "people-management"),
        min_years=25,
    )
    assert not Match.objects.filter(vacancy=vacancy).exists()
    client.force_login(director_candidate)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "Why this role is not a strong match for you" in html
    assert "required skills" in html
    assert not Match.objects.filter(vacancy=vacancy).exists()  # a GET stores nothing


def test_an_excluded_pair_says_why(client, candidate):
    profile = candidate.candidate_profile
    profile.role_families.set([factories.role_family("director-of-product")])
    vacancy = factories.PublishedVacancyFactory(role_family=factories.role_family("chief-product-officer"))
    client.force_login(candidate)
    html = client.get(vacancy.get_absolute_url()).content.decode()
    assert "Why this role is not a strong match for you" in html


def test_no_fit_for_visitors_employers_or_closed_roles(client, employer, candidate):
    vacancy = factories.PublishedVacancyFactory()
    assert "strong match" not in client.get(vacancy.get_absolute_url()).content.decode()
    client.force_login(employer)
    assert "strong match" not in client.get(vacancy.get_absolute_url()).content.decode()
    closed = factories.ClosedVacancyFactory()
    client.force_login(candidate)
    assert "strong match" not in client.get(closed.get_absolute_url()).content.decode()


# --- /me/matches/ marks roles already applied to -------------------------------------------------


def test_matches_page_and_dashboard_mark_roles_applied_to(client, candidate, board_roles):
    client.force_login(candidate)
    for url in (MATCHES, reverse("accounts:dashboard")):
        html = client.get(url).content.decode()
        articles = re.findall(r"<article class=\"border rounded-3.*?</article>", html, re.S)
        applied = next(a for a in articles if "Applied role" in a)
        scored = next(a for a in articles if "Scored role" in a)
        assert ">Applied<" in applied, url
        assert ">Applied<" not in scored, url


def test_matches_page_applied_marks_cost_one_query(client, candidate, django_assert_num_queries):
    profile = candidate.candidate_profile
    for i in range(6):
        vacancy = factories.PublishedVacancyFactory()
        factories.MatchFactory(candidate=profile, vacancy=vacancy, score=60 + i)
        factories.ApplicationFactory(candidate=candidate, vacancy=vacancy)
    client.force_login(candidate)
    # Session, user, profile, the count, the page of matches and which of them were applied to.
    with django_assert_num_queries(6):
        html = client.get(MATCHES).content.decode()
    assert html.count(">Applied<") == 6


# --- The tone of a criterion ----------------------------------------------------------------------


def test_a_met_criterion_is_good_news_and_partial_is_not_a_warning():
    template = Template('{% load matching %}{% include "recruitment/includes/breakdown.html" %}')
    breakdown = [
        {"label": "Salary", "status": "met", "points": 10, "max_points": 10, "reason": "Band clears the floor."},
        {"label": "Salary", "status": "partial", "points": 5, "max_points": 10, "reason": "Band reaches it."},
        {"label": "Skills", "status": "missed", "points": 0, "max_points": 30, "reason": "None."},
    ]
    html = template.render(Context({"breakdown": breakdown}))
    met, partial, missed = re.findall(r'class="badge (\S+)', html)
    assert met == "text-bg-success"
    assert partial == "text-bg-info"
    assert missed == "text-bg-secondary"
    assert "warning" not in html


def test_a_floor_inside_the_band_reads_as_reaching_it():
    from recruitment.matching.scoring import CandidateFacts, RoleLadder, _rules, _salary

    facts = CandidateFacts._make([None] * len(CandidateFacts._fields))._replace(
        salary_floor=140_000, salary_currency="GBP"
    )

    class Band:
        salary_min, salary_max, salary_currency = 120_000, 160_000, "GBP"

    criterion = _salary(facts, Band, RoleLadder.__new__(RoleLadder), _rules())
    assert criterion.status == "partial"
    assert criterion.reason == "Band GBP 120,000-160,000 reaches the floor of GBP 140,000 above its minimum."
    assert "sits inside" not in criterion.reason


# --- Company logos (item 9) ------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize("name", ["logos/abc.png", "logos/abc.jpg", "logos/abc.JPEG", "logos/abc.webp"])
def test_a_company_logo_shows_on_the_board_and_the_vacancy_page(client, media, name):
    vacancy = factories.PublishedVacancyFactory(title="Logo role", company__name="Lumen Health", company__logo=name)
    board = card_of(client.get(BOARD).content.decode(), "Logo role")
    assert f'src="/media/{name}"' in board
    assert 'alt=""' in board  # the company name follows in the card
    assert "company-mark" not in board
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert f'src="/media/{name}"' in page
    assert 'alt="Lumen Health logo"' in page


@pytest.mark.parametrize("name", ["", "logos/evil.svg", "logos/page.html", "logos/noext"])
def test_without_a_safe_logo_the_letter_tile_shows(client, media, name):
    vacancy = factories.PublishedVacancyFactory(title="Tile role", company__name="lumen Health", company__logo=name)
    board = card_of(client.get(BOARD).content.decode(), "Tile role")
    assert "<img" not in board
    assert re.search(r'class="company-mark sm" aria-hidden="true">L<', board)
    page = client.get(vacancy.get_absolute_url()).content.decode()
    assert "/media/logos/" not in page
    assert re.search(r'class="company-mark" aria-hidden="true">L<', page)


def test_a_brand_new_candidate_with_an_empty_profile_sees_the_page_and_why_not(client):
    from accounts.models import CandidateProfile

    user = factories.UserFactory(role="candidate")
    CandidateProfile.objects.create(user=user)
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(user)
    response = client.get(vacancy.get_absolute_url())
    assert response.status_code == 200
    assert "Why this role is not a strong match for you" in response.content.decode()
