"""The candidate sees the same stored scores and reasons that the admin and the alerts use."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from recruitment.matching import vacancy_match
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(candidate):
    profile = candidate.candidate_profile
    profile.role_families.set([factories.role_family("head-of-product")])
    profile.skills.set(factories.skills("product-strategy", "people-management"))
    vacancy = factories.PublishedVacancyFactory(
        required_skills=factories.skills("product-strategy", "people-management", "pl-ownership")
    )
    vacancy_match(vacancy=vacancy)
    return vacancy


def test_match_list_shows_scores_and_reasons(client, candidate, matched):
    client.force_login(candidate)
    response = client.get(reverse("matches:match_list"))
    assert response.status_code == 200
    match = candidate.candidate_profile.matches.get()
    assert match.vacancy == matched
    html = response.content.decode()
    assert matched.title in html
    assert f">{match.score}% match<" in html
    assert "2 of 3 required skills: missing P&amp;L ownership." in html


def test_match_list_query_count_is_constant(client, candidate, matched, django_assert_max_num_queries):
    client.force_login(candidate)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("matches:match_list"))
    for _ in range(5):
        vacancy_match(vacancy=factories.PublishedVacancyFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("matches:match_list"))
    assert len(response.context["matches"]) == 6


def test_other_roles_cannot_open_match_list(client, employer):
    assert client.get(reverse("matches:match_list")).status_code == 302
    client.force_login(employer)
    assert client.get(reverse("matches:match_list")).status_code == 403


def test_match_explained_tag_only_for_that_candidate(candidate, other_candidate, matched):
    other_candidate.candidate_profile.open_to_opportunities = False
    other_candidate.candidate_profile.save()
    vacancy_match(vacancy=matched)
    template = Template("{% load matching %}{% match_explained user vacancy %}")
    mine = template.render(Context({"user": candidate, "vacancy": matched}))
    theirs = template.render(Context({"user": other_candidate, "vacancy": matched}))
    assert "Why this role matches you" in mine
    assert "Why this role matches you" not in theirs


def test_a_score_reads_the_same_on_every_page_and_in_every_email(client, candidate, matched):
    """One form everywhere: "77% match" (never "77/100", "77% fit" or a bare number)."""
    from recruitment.outbox.render import build_message
    from recruitment.templatetags.matching import score_display

    match = candidate.candidate_profile.matches.get()
    shown = f"{match.score}% match"
    assert score_display(match.score) == shown
    client.force_login(candidate)
    for url in (reverse("matches:match_list"), reverse("accounts:dashboard"), matched.get_absolute_url()):
        html = client.get(url).content.decode()
        assert f">{shown}<" in html, url
        assert f"{match.score}/100" not in html
    alert = factories.NotificationFactory(
        kind="match_alert", recipient=candidate, vacancy=matched, context={"score": match.score}
    )
    message = build_message(alert)
    assert message.subject.endswith(f"({shown})")
    assert f"({shown})" in message.body
    assert f"({shown})" in message.alternatives[0][0]
