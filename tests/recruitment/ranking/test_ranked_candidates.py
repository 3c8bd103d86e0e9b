"""A vacancy's ranked candidates as a page of its own in the workspace: filters, sorts, pagination, contact
states, the bulk "Invite to apply" (confirm step, refusals, permissions, CSRF) and hostile parameters."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment.models import ContactLogEntry, Invitation, Match, Notification
from recruitment.selectors.ranking import CONTACT_STATES, contact_states, ranked_candidates
from tests import factories

pytestmark = pytest.mark.django_db

REASON = "Ran payments at two scale-ups 7731"
BREAKDOWN = [{"label": "Industry", "status": "met", "points": 30, "max_points": 30, "reason": REASON}]


def ranked_url(vacancy) -> str:
    return reverse("admin:vacancies_vacancy_ranked", args=[vacancy.pk])


def invite_url(vacancy) -> str:
    return reverse("admin:vacancies_vacancy_ranked_action", args=[vacancy.pk, "invite"])


def ranked(vacancy, *, score=70, last_name="Ranked", **profile_fields):
    user = factories.UserFactory(role="candidate", last_name=last_name)
    profile = factories.CandidateProfileFactory(user=user, **profile_fields)
    return factories.MatchFactory(candidate=profile, vacancy=vacancy, score=score, breakdown=BREAKDOWN)


@pytest.fixture
def vacancy():
    return factories.PublishedVacancyFactory(title="Head of Product Ranked 7731")


def names(response) -> list[str]:
    return [row["match"].candidate.user.last_name for row in response.context["rows"]]


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# --- The page -----------------------------------------------------------------------------------


def test_page_lists_matches_best_first_with_facts_states_and_the_explanation(client, recruiter, vacancy):
    top = ranked(vacancy, score=91, last_name="Alvarez", current_title="VP Product 7731", salary_floor=150_000,
                 salary_currency="GBP", city="Leeds", country="GB", remote_preference="remote")  # fmt: skip
    applied = ranked(vacancy, score=80, last_name="Brook")
    invited = ranked(vacancy, score=60, last_name="Chen")
    factories.ApplicationFactory(candidate=applied.candidate.user, vacancy=vacancy, stage="screening")
    Invitation.objects.create(candidate=invited.candidate, vacancy=vacancy, created_at=timezone.now())
    client.force_login(recruiter)
    response = client.get(ranked_url(vacancy))
    assert response.status_code == 200
    assert names(response) == ["Alvarez", "Brook", "Chen"]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert reverse("admin:accounts_candidateprofile_change", args=[top.candidate_id]) in html
    for fact in ("VP Product 7731", "Leeds, United Kingdom", "Remote only", "Floor GBP 150,000", "10 yrs", REASON):
        assert fact in html
    assert "<details><summary>1 met</summary>" in html
    assert "Applied · Screening" in html
    assert f"Invited {timezone.localdate():%-d %b %Y}" in html
    assert 'name="candidate"' in html
    assert invite_url(vacancy) in html


def test_vacancy_page_and_changelist_link_to_the_ranked_page(client, recruiter, vacancy):
    for n in range(3):
        ranked(vacancy, score=50 + n)
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    assert "See all 3 ranked candidates" in html
    assert ranked_url(vacancy) in html
    assert ranked_url(vacancy) in client.get(reverse("admin:vacancies_vacancy_changelist")).content.decode()


def test_page_query_count_does_not_grow_with_rows(client, recruiter, vacancy, django_assert_num_queries):
    client.force_login(recruiter)
    for n in range(5):
        match = ranked(vacancy, score=40 + n)
    factories.ApplicationFactory(candidate=match.candidate.user, vacancy=vacancy)
    client.get(ranked_url(vacancy))  # warm per-process caches (content types)
    with django_assert_num_queries(12) as few:  # one per contact state: applied, invited, introduced
        assert len(client.get(ranked_url(vacancy)).context["rows"]) == 5
    for n in range(50):
        match = ranked(vacancy, score=n % 100)
        if n % 3 == 0:
            factories.ApplicationFactory(candidate=match.candidate.user, vacancy=vacancy)
        elif n % 3 == 1:
            Invitation.objects.create(candidate=match.candidate, vacancy=vacancy)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(ranked_url(vacancy), {"state": "none", "sort": "salary", "max_floor_eur": "500000"})
    assert response.status_code == 200
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(ranked_url(vacancy)).context["rows"]) == 50


def test_contact_states_are_one_query_per_state(vacancy, django_assert_num_queries):
    matches = [ranked(vacancy) for _ in range(4)]
    factories.ApplicationFactory(candidate=matches[0].candidate.user, vacancy=vacancy, stage="interview")
    Invitation.objects.create(candidate=matches[0].candidate, vacancy=vacancy)
    Invitation.objects.create(candidate=matches[1].candidate, vacancy=vacancy)
    with django_assert_num_queries(len(CONTACT_STATES)):
        states = contact_states(vacancy=vacancy, profile_ids=[m.candidate_id for m in matches])
    assert [b.text for b in states[matches[0].candidate_id]] == ["Applied · Interview", "Invited"]
    assert [b.key for b in states[matches[1].candidate_id]] == ["invited"]
    assert states[matches[2].candidate_id] == []


# --- Filters and sorts ----------------------------------------------------------------------------


@pytest.fixture
def field(vacancy):
    """Four candidates that differ on every filter and sort."""
    now = timezone.now()
    rows = {
        "Ames": ranked(vacancy, score=90, last_name="Ames", country="DE", city="Berlin", remote_preference="remote",
                       salary_floor=100_000, salary_currency="EUR", years_experience=8),
        "Bose": ranked(vacancy, score=75, last_name="Bose", country="GB", city="London", remote_preference="hybrid",
                       salary_floor=100_000, salary_currency="GBP", years_experience=15),
        "Cruz": ranked(vacancy, score=60, last_name="Cruz", country="SE", city="Stockholm", remote_preference="onsite",
                       salary_floor=1_000_000, salary_currency="SEK", years_experience=None),
        "Dunn": ranked(vacancy, score=45, last_name="Dunn", country="DE", city="Munich", remote_preference="any",
                       salary_floor=None, years_experience=20),
    }  # fmt: skip
    for offset, name in enumerate(["Cruz", "Ames", "Dunn", "Bose"]):
        CandidateProfile.objects.filter(pk=rows[name].candidate_id).update(updated_at=now - dt.timedelta(days=offset))
    factories.ApplicationFactory(candidate=rows["Bose"].candidate.user, vacancy=vacancy)
    Invitation.objects.create(candidate=rows["Cruz"].candidate, vacancy=vacancy)
    return rows


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Ames", "Bose", "Cruz", "Dunn"]),
        ({"min_score": "60"}, ["Ames", "Bose", "Cruz"]),
        ({"country": "DE"}, ["Ames", "Dunn"]),
        ({"city": "lond"}, ["Bose"]),
        ({"remote": "onsite"}, ["Cruz"]),
        # GBP 100,000 is EUR 117,000; SEK 1,000,000 is EUR 88,000; no floor counts as fitting.
        ({"max_floor_eur": "100000"}, ["Ames", "Cruz", "Dunn"]),
        ({"max_floor_eur": "90000"}, ["Cruz", "Dunn"]),
        ({"state": "applied"}, ["Bose"]),
        ({"state": "invited"}, ["Cruz"]),
        ({"state": "none"}, ["Ames", "Dunn"]),
        ({"country": "DE", "min_score": "50"}, ["Ames"]),
        ({"sort": "years"}, ["Dunn", "Bose", "Ames", "Cruz"]),
        ({"sort": "salary"}, ["Cruz", "Ames", "Bose", "Dunn"]),
        ({"sort": "active"}, ["Cruz", "Ames", "Dunn", "Bose"]),
        ({"sort": "score"}, ["Ames", "Bose", "Cruz", "Dunn"]),
    ],
)
def test_filters_and_sorts(client, recruiter, vacancy, field, params, expected):
    client.force_login(recruiter)
    response = client.get(ranked_url(vacancy), params)
    assert response.status_code == 200
    assert not response.context["form"].errors
    assert names(response) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"min_score": "abc"},
        {"min_score": "-5"},
        {"min_score": "101"},
        {"min_score": "9" * 5000},
        {"country": "Narnia"},
        {"remote": "moon"},
        {"max_floor_eur": "-1"},
        {"max_floor_eur": "1e9"},
        {"state": "hired"},
        {"sort": "password"},
        {"sort": "-candidate__user__password"},
        {"city": "x" * 5000},
    ],
)
def test_bad_filters_are_reported_and_ignored(client, recruiter, vacancy, field, params):
    client.force_login(recruiter)
    response = client.get(ranked_url(vacancy), params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert names(response) == ["Ames", "Bose", "Cruz", "Dunn"]
    assert "not understood and are ignored" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"min_score": "5\x00"},
        {"city": "Ber\x00lin"},
        {"page": "\x00"},
        {"sort\x00": "score"},
        {"page": "9" * 5000},
        {"page": "-99999999999999999999999"},
        {"page": "1.5"},
        {"candidate": "1"},
        {"city": "<script>alert(1)</script>"},
        {"country": ["DE", "GB"], "state": ["none", "applied"]},
    ],
)
def test_hostile_parameters_never_crash(client, recruiter, vacancy, field, params):
    client.force_login(recruiter)
    response = client.get(ranked_url(vacancy), params, follow=True)
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_pages_of_fifty_and_out_of_range_pages_show_the_last(client, recruiter, vacancy):
    for n in range(120):
        ranked(vacancy, score=n % 100, last_name=f"P{n:03d}")
    client.force_login(recruiter)
    first = client.get(ranked_url(vacancy), {"sort": "score"})
    assert len(first.context["rows"]) == 50
    assert first.context["rows"][0]["rank"] == 1
    third = client.get(ranked_url(vacancy), {"sort": "score", "page": "3"})
    assert len(third.context["rows"]) == 20
    assert third.context["rows"][0]["rank"] == 101
    seen = set(names(first)) | set(names(client.get(ranked_url(vacancy), {"page": "2"}))) | set(names(third))
    assert len(seen) == 120  # no candidate twice, none left out
    assert 'sort=score&amp;page=2"' in first.content.decode()
    for page in ("999999", "99999999999999999999999999"):
        assert client.get(ranked_url(vacancy), {"page": page}).context["page_obj"].number == 3
    for page in ("0", "-1", "x"):
        assert client.get(ranked_url(vacancy), {"page": page}).context["page_obj"].number in (1, 3)


def test_the_selector_orders_ties_by_candidate(vacancy):
    rows = [ranked(vacancy, score=70) for _ in range(3)]
    assert [m.candidate_id for m in ranked_candidates(vacancy=vacancy)] == sorted(m.candidate_id for m in rows)


# --- Who may see it ---------------------------------------------------------------------------------


def test_access(client, vacancy):
    ranked(vacancy)
    url = ranked_url(vacancy)
    response = client.get(url)
    assert response.status_code == 302  # anonymous: to the login
    client.force_login(factories.UserFactory(role="candidate"))
    assert client.get(url).status_code in (302, 403)
    client.force_login(factories.UserFactory(role="recruiter", is_staff=True))  # outside the Recruiters group
    assert client.get(url).status_code == 403
    client.force_login(factories.RecruiterFactory())
    assert client.get(reverse("admin:vacancies_vacancy_ranked", args=[999999])).status_code == 404
    assert client.post(url).status_code == 405


def test_non_staff_are_sent_to_the_login(client, vacancy):
    client.force_login(factories.UserFactory(role="candidate"))
    for url in (ranked_url(vacancy), invite_url(vacancy)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "login" in response["Location"]


# --- Bulk invite ------------------------------------------------------------------------------------


def nothing_sent() -> bool:
    return not (Invitation.objects.exists() or ContactLogEntry.objects.exists() or Notification.objects.exists())


@pytest.fixture
def trio(vacancy):
    """Three ranked candidates: one who can be invited, one who applied, one closed to opportunities."""
    ok = ranked(vacancy, score=88, last_name="Okoye")
    applied = ranked(vacancy, score=77, last_name="Appleby")
    factories.ApplicationFactory(candidate=applied.candidate.user, vacancy=vacancy)
    closed = ranked(vacancy, score=66, last_name="Closs", open_to_opportunities=False)
    Notification.objects.all().delete()
    return ok, applied, closed


def test_confirm_step_shows_who_is_invited_and_who_is_skipped_and_changes_nothing(client, recruiter, vacancy, trio):
    ok, applied, closed = trio
    client.force_login(recruiter)
    ids = [ok.candidate_id, applied.candidate_id, closed.candidate_id, 987654]
    response = client.get(invite_url(vacancy), {"candidate": ids, "back": "sort=years&page=2"})
    assert response.status_code == 200
    assert [i["match"] for i in response.context["reach"]] == [ok]
    html = response.content.decode()
    assert "already applied" in html
    assert "not open to opportunities" in html
    assert "#987654 is not among" in html
    assert 'value="Invite 1 candidate"' in html
    assert nothing_sent()


def test_bulk_invite_sends_to_each_and_reports_refusals(
    client, recruiter, vacancy, trio, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    ok, applied, closed = trio
    other = ranked(vacancy, score=55, last_name="Ortiz")
    client.force_login(recruiter)
    data = {
        "candidate": [ok.candidate_id, applied.candidate_id, closed.candidate_id, other.candidate_id],
        "message": "Your payments years fit.",
        "back": "sort=years&page=2",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite_url(vacancy), data)
    assert response.status_code == 302
    assert response["Location"] == ranked_url(vacancy) + "?sort=years&page=2"
    invited = Invitation.objects.filter(vacancy=vacancy)
    assert {i.candidate_id for i in invited} == {ok.candidate_id, other.candidate_id}
    assert {i.recruiter for i in invited} == {recruiter}
    assert {i.message for i in invited} == {"Your payments years fit."}
    assert ContactLogEntry.objects.filter(kind="invitation").count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ok.candidate.user.email, other.candidate.user.email])
    levels = messages_of(response)
    invited_names = ", ".join(m.candidate.user.get_full_name() for m in (ok, other))
    assert ("success", f"2 candidates invited to apply: {invited_names}.") in levels
    warnings = [text for level, text in levels if level == "warning"]
    assert len(warnings) == 2
    assert any("already applied" in w for w in warnings)
    assert any("not open to opportunities" in w for w in warnings)
    html = client.get(ranked_url(vacancy)).content.decode()
    assert html.count(f"Invited {timezone.localdate():%-d %b %Y}") == 2


def test_a_second_bulk_invite_invites_nobody_twice(client, recruiter, vacancy, trio):
    ok, _applied, _closed = trio
    client.force_login(recruiter)
    client.post(invite_url(vacancy), {"candidate": [ok.candidate_id]})
    response = client.post(invite_url(vacancy), {"candidate": [ok.candidate_id]})
    assert Invitation.objects.count() == 1
    assert Notification.objects.count() == 1
    assert any("already invited" in text for _level, text in messages_of(response))


def test_get_never_invites(client, recruiter, vacancy, trio):
    ok, _applied, _closed = trio
    client.force_login(recruiter)
    client.get(invite_url(vacancy), {"candidate": [ok.candidate_id], "message": "hi"})
    assert nothing_sent()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"candidate": ""},
        {"candidate": "abc"},
        {"candidate": "-1"},
        {"candidate": "1\x00"},
        {"candidate": "9" * 30},
        {"candidate": "99999999999999999999"},
        {"candidate": "\uff11\uff12"},  # full-width digits
        {"candidate": [str(n) for n in range(1, 52)]},
    ],
)
def test_hostile_selections_are_refused_without_crashing(client, recruiter, vacancy, trio, data):
    client.force_login(recruiter)
    for method in (client.get, client.post):
        response = method(invite_url(vacancy), data)
        assert response.status_code == 302
        assert response["Location"].startswith(ranked_url(vacancy))
    assert nothing_sent()


@pytest.mark.parametrize("message", ["x" * 2001, "\x00", ["a", "b" * 3000]])
def test_hostile_messages_are_refused(client, recruiter, vacancy, trio, message):
    ok, _applied, _closed = trio
    client.force_login(recruiter)
    response = client.post(invite_url(vacancy), {"candidate": [ok.candidate_id], "message": message})
    assert response.status_code == 400
    assert nothing_sent()


def test_hostile_back_parameter_stays_on_the_page(client, recruiter, vacancy, trio):
    ok, _applied, _closed = trio
    client.force_login(recruiter)
    for back in ("//evil.example/", "https://evil.example/?a=1", "\x00" * 3, "a=" + "x" * 5000):
        response = client.post(invite_url(vacancy), {"candidate": [ok.candidate_id], "back": back})
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith(ranked_url(vacancy))
        assert "//evil" not in location.split("?")[0]


def test_the_batch_is_capped(client, recruiter, vacancy):
    matches = [ranked(vacancy) for _ in range(51)]
    client.force_login(recruiter)
    response = client.post(invite_url(vacancy), {"candidate": [m.candidate_id for m in matches]})
    assert response.status_code == 302
    assert any("at most 50" in text for _level, text in messages_of(response))
    assert nothing_sent()


def test_candidates_of_another_vacancy_are_skipped(client, recruiter, vacancy):
    elsewhere = ranked(factories.PublishedVacancyFactory())
    client.force_login(recruiter)
    response = client.post(invite_url(vacancy), {"candidate": [elsewhere.candidate_id]})
    assert response.status_code == 302
    assert ("error", "None of the selected candidates is ranked for this vacancy.") in messages_of(response)
    assert nothing_sent()


def test_bulk_invite_permissions(client, vacancy, trio):
    ok, _applied, _closed = trio
    data = {"candidate": [ok.candidate_id]}
    outsider = factories.UserFactory(role="recruiter", is_staff=True)  # staff, not in the Recruiters group
    client.force_login(outsider)
    assert client.get(invite_url(vacancy), data).status_code == 403
    assert client.post(invite_url(vacancy), data).status_code == 403
    client.logout()
    response = client.post(invite_url(vacancy), data)
    assert response.status_code == 302
    assert "login" in response["Location"]
    client.force_login(factories.RecruiterFactory())
    for args in ([999999, "invite"], [vacancy.pk, "nuke"]):
        assert client.post(reverse("admin:vacancies_vacancy_ranked_action", args=args), data).status_code == 404
    assert client.put(invite_url(vacancy)).status_code == 405
    assert nothing_sent()


def test_a_viewer_without_the_invite_permission_sees_no_invite_button(client, vacancy, trio):
    from django.contrib.auth.models import Permission

    viewer = factories.UserFactory(role="recruiter", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_vacancy", "view_match", "view_candidateprofile"],
        )
    )
    client.force_login(viewer)
    response = client.get(ranked_url(vacancy))
    assert response.status_code == 200
    html = response.content.decode()
    assert invite_url(vacancy) not in html
    assert 'name="candidate"' not in html
    assert client.post(invite_url(vacancy), {"candidate": [trio[0].candidate_id]}).status_code == 403


def test_csrf_is_enforced(vacancy, trio):
    ok, _applied, _closed = trio
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.RecruiterFactory())
    page = client.get(invite_url(vacancy), {"candidate": [ok.candidate_id]})
    assert page.status_code == 200
    response = client.post(invite_url(vacancy), {"candidate": [ok.candidate_id]})
    assert response.status_code == 403
    assert nothing_sent()
    token = client.cookies["csrftoken"].value
    response = client.post(invite_url(vacancy), {"candidate": [ok.candidate_id], "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Invitation.objects.get().candidate_id == ok.candidate_id


def test_matches_stay_untouched_by_the_page(client, recruiter, vacancy, trio):
    before = list(Match.objects.order_by("pk").values())
    client.force_login(recruiter)
    client.get(ranked_url(vacancy), {"sort": "salary", "state": "none"})
    assert list(Match.objects.order_by("pk").values()) == before


def test_stored_explanations_and_names_are_escaped(client, recruiter, vacancy):
    hostile = [{"label": "<b>Skills</b>", "status": "<i>", "points": "<u>", "max_points": 5, "reason": "<script>x()"}]
    match = ranked(vacancy, last_name="<img src=x>")
    Match.objects.filter(pk=match.pk).update(breakdown=hostile)
    client.force_login(recruiter)
    html = client.get(ranked_url(vacancy)).content.decode()
    assert "<script>x()" not in html
    assert "&lt;script&gt;x()" in html
    assert "&lt;b&gt;Skills&lt;/b&gt;" in html
    assert "<img src=x>" not in html
    assert "agency-badge missed" in html  # an unknown status shows as missed


def test_the_country_list_offers_the_ranked_candidates_countries(client, recruiter, vacancy, field):
    client.force_login(recruiter)
    response = client.get(ranked_url(vacancy))
    offered = [code for code, _name in response.context["form"].fields["country"].widget.choices]
    assert offered == ["", "DE", "SE", "GB"]  # by name: Germany, Sweden, United Kingdom
    chosen = client.get(ranked_url(vacancy), {"country": "FR"})
    assert names(chosen) == []
    assert "FR" in [code for code, _name in chosen.context["form"].fields["country"].widget.choices]
