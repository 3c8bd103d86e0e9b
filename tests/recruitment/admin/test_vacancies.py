"""The vacancy admin: review actions through the workflow service, ranked matches, query counts."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.models import Match
from tests import factories
from vacancies.models import Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:vacancies_vacancy_changelist"


def run_action(client, action, objects, **extra):
    data = {"action": action, "_selected_action": [o.pk for o in objects], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def messages_of(response):
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_publish_action_publishes_through_the_service(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    response = run_action(client, "publish_selected", [vacancy])
    assert response.status_code == 200
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.published_at is not None
    change = VacancyStatusChange.objects.get(vacancy=vacancy)
    assert (change.from_status, change.to_status, change.by) == ("pending_review", "published", recruiter)
    assert ("success", "Published 1 vacancy.") in messages_of(response)


def test_publishing_a_draft_is_refused_and_changes_nothing(client, recruiter):
    draft = factories.VacancyFactory()
    client.force_login(recruiter)
    response = run_action(client, "publish_selected", [draft])
    draft.refresh_from_db()
    assert draft.status == Vacancy.Status.DRAFT
    assert draft.published_at is None
    assert not VacancyStatusChange.objects.filter(vacancy=draft).exists()
    levels = messages_of(response)
    assert [level for level, _ in levels] == ["error"]
    assert "draft cannot be moved to published" in levels[0][1]


def test_publish_in_bulk_reports_each_refusal(client, recruiter):
    pending = factories.PendingVacancyFactory()
    published = factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    response = run_action(client, "publish_selected", [pending, published])
    pending.refresh_from_db()
    published.refresh_from_db()
    assert pending.status == Vacancy.Status.PUBLISHED
    assert published.status == Vacancy.Status.PUBLISHED
    assert VacancyStatusChange.objects.filter(vacancy=published).count() == 0
    levels = [level for level, _ in messages_of(response)]
    assert sorted(levels) == ["error", "success"]


def test_reject_asks_for_a_reason_first(client, recruiter):
    vacancy = factories.PendingVacancyFactory(title="Head of Product <Payments>")
    client.force_login(recruiter)
    response = client.post(reverse(CHANGELIST), {"action": "reject_selected", "_selected_action": [vacancy.pk]})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="reason"' in html
    assert "Head of Product &lt;Payments&gt;" in html
    assert f'name="_selected_action" value="{vacancy.pk}"' in html
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PENDING_REVIEW


def test_reject_with_a_reason_rejects_through_the_service(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    response = run_action(client, "reject_selected", [vacancy], apply="yes", reason="  Add the salary band.  ")
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.REJECTED
    assert vacancy.rejection_reason == "Add the salary band."
    change = VacancyStatusChange.objects.get(vacancy=vacancy)
    assert (change.to_status, change.by, change.note) == ("rejected", recruiter, "Add the salary band.")
    assert ("success", "Rejected 1 vacancy.") in messages_of(response)


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_reject_without_a_usable_reason_shows_the_form_again(client, recruiter, reason):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "reject_selected", "_selected_action": [vacancy.pk], "apply": "yes", "reason": reason},
    )
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PENDING_REVIEW
    assert not VacancyStatusChange.objects.filter(vacancy=vacancy).exists()


def test_rejecting_a_published_vacancy_is_refused(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    response = run_action(client, "reject_selected", [vacancy], apply="yes", reason="Too vague")
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert vacancy.rejection_reason == ""
    assert not VacancyStatusChange.objects.filter(vacancy=vacancy).exists()
    assert [level for level, _ in messages_of(response)] == ["error"]


def test_filters_and_search(client, recruiter):
    remote = factories.PendingVacancyFactory(title="VP Product", remote_policy="remote")
    onsite = factories.PublishedVacancyFactory(title="Head of Growth", remote_policy="onsite")
    client.force_login(recruiter)
    url = reverse(CHANGELIST)
    for query, shown, hidden in [
        ({"status__exact": "pending_review"}, remote, onsite),
        ({"remote_policy__exact": "onsite"}, onsite, remote),
        ({"company__id__exact": remote.company_id}, remote, onsite),
        ({"q": "growth"}, onsite, remote),
        ({"q": onsite.company.name}, onsite, remote),
    ]:
        result = list(client.get(url, query).context["cl"].result_list)
        assert shown in result
        assert hidden not in result


def test_vacancy_page_ranks_matches_with_the_breakdown(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    strong = factories.MatchFactory(
        vacancy=vacancy,
        score=91,
        breakdown=[
            {
                "criterion": "experience",
                "label": "Experience",
                "status": "met",
                "points": 20,
                "max_points": 20,
                "reason": "12 years of product experience; this role asks for 8+",
            },
            {
                "criterion": "skills",
                "label": "Required skills",
                "status": "partial",
                "points": 15,
                "max_points": 25,
                "reason": "4 of 5 required skills: missing <script>P&L</script>",
            },
        ],
    )
    weak = factories.MatchFactory(vacancy=vacancy, score=30)
    other = factories.MatchFactory(score=99)
    VacancyStatusChange.objects.create(
        vacancy=vacancy, from_status="pending_review", to_status="published", by=recruiter
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(created_by=recruiter)
    client.force_login(recruiter)
    response = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]))
    html = response.content.decode()
    strong_link = reverse("admin:accounts_candidateprofile_change", args=[strong.candidate_id])
    weak_link = reverse("admin:accounts_candidateprofile_change", args=[weak.candidate_id])
    assert strong_link in html
    assert weak_link in html
    assert html.index(strong_link) < html.index(weak_link)
    assert "12 years of product experience; this role asks for 8+" in html
    assert "missing &lt;script&gt;P&amp;L&lt;/script&gt;" in html
    assert "<script>P&L" not in html
    assert "agency-badge partial" in html
    assert reverse("admin:accounts_candidateprofile_change", args=[other.candidate_id]) not in html
    assert reverse("admin:vacancies_vacancy_recompute", args=[vacancy.pk]) in html
    assert "/admin/accounts/user/" not in html  # no links into the user admin recruiters cannot open


def test_vacancy_page_without_matches_says_so(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    response = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk]))
    assert "Matches are computed once the vacancy is published." in response.content.decode()


def test_recruiter_adds_a_vacancy_as_a_draft_with_history(client, recruiter):
    company = factories.CompanyFactory()
    client.force_login(recruiter)
    data = {
        "title": "Chief Product Officer",
        "slug": "chief-product-officer-acme",
        "company": company.pk,
        "role_family": factories.role_family("chief-product-officer").pk,
        "seniority": "executive",
        "employment_type": "FULL_TIME",
        "openings": 1,
        "min_years": 12,
        "city": "London",
        "country": "GB",
        "remote_policy": "hybrid",
        "salary_min": 180000,
        "salary_max": 220000,
        "salary_currency": "GBP",
        "description": "Lead product.",
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    response = client.post(reverse("admin:vacancies_vacancy_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    vacancy = Vacancy.objects.get(slug="chief-product-officer-acme")
    assert vacancy.status == Vacancy.Status.DRAFT
    assert vacancy.created_by == recruiter
    assert VacancyStatusChange.objects.get(vacancy=vacancy).to_status == "draft"


def test_vacancy_form_rejects_a_band_upside_down(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])
    data = {
        **{f: getattr(vacancy, f) for f in ["title", "slug", "seniority", "employment_type", "min_years", "city"]},
        **{f: getattr(vacancy, f) for f in ["remote_policy", "salary_currency", "description"]},
        "country": "DE",
        "company": vacancy.company_id,
        "role_family": vacancy.role_family_id,
        "salary_min": 300000,
        "salary_max": 100000,
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["salary_max"] == ["The top of the salary band must be at least its bottom."]
    vacancy.refresh_from_db()
    assert vacancy.salary_min == 120_000


def _changelist_queries(client):
    client.get(reverse(CHANGELIST))  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.context["cl"].result_list)


def test_changelist_query_count_does_not_grow(client, recruiter, django_assert_num_queries):
    client.force_login(recruiter)
    factories.PublishedVacancyFactory()
    factories.PendingVacancyFactory()
    few, shown = _changelist_queries(client)
    assert shown == 2
    for _ in range(4):
        vacancy = factories.PublishedVacancyFactory()
        factories.ApplicationFactory(vacancy=vacancy)
        factories.PendingVacancyFactory(company=vacancy.company)
    with django_assert_num_queries(few):
        response = client.get(reverse(CHANGELIST))
    assert len(response.context["cl"].result_list) == 10


def _cpo_and_opening(**vacancy_fields):
    cpo = factories.CandidateProfileFactory(
        years_experience=15, seniority="executive", salary_floor=180_000, country="NL", city="Amsterdam"
    )
    cpo.role_families.set([factories.role_family("chief-product-officer")])
    cpo.skills.set(factories.skills("product-strategy", "pl-ownership", "people-management"))
    fields = {
        "role_family": factories.role_family("chief-product-officer"),
        "seniority": "executive",
        "min_years": 12,
        "salary_min": 190_000,
        "salary_max": 240_000,
        "country": "NL",
        "required_skills": factories.skills("product-strategy", "pl-ownership", "people-management"),
        **vacancy_fields,
    }
    factory = fields.pop("factory", factories.PublishedVacancyFactory)
    return cpo, factory(**fields)


def test_recompute_action_ranks_candidates_with_the_engine(client, recruiter):
    cpo, opening = _cpo_and_opening()
    client.force_login(recruiter)
    response = run_action(client, "recompute_matches", [opening])
    match = Match.objects.get(vacancy=opening)
    assert match.candidate == cpo
    assert match.score >= 90
    assert {item["criterion"] for item in match.breakdown} >= {"role_family", "experience", "skills"}
    assert ("success", f"{opening}: 1 candidate match(es) computed.") in messages_of(response)
    page = client.get(reverse("admin:vacancies_vacancy_change", args=[opening.pk])).content.decode()
    assert reverse("admin:accounts_candidateprofile_change", args=[cpo.pk]) in page
    assert "15 years of product experience; this role asks for 12+." in page


def test_recompute_button_on_the_vacancy_page(client, recruiter):
    cpo, opening = _cpo_and_opening()
    url = reverse("admin:vacancies_vacancy_recompute", args=[opening.pk])
    client.force_login(recruiter)
    assert client.get(url).status_code == 405
    assert not Match.objects.exists()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:vacancies_vacancy_change", args=[opening.pk])
    assert Match.objects.get(vacancy=opening).candidate == cpo


def test_recompute_clears_the_matches_of_a_vacancy_no_longer_open(client, recruiter):
    cpo, closed = _cpo_and_opening(factory=factories.ClosedVacancyFactory)
    factories.MatchFactory(candidate=cpo, vacancy=closed)
    client.force_login(recruiter)
    response = client.post(reverse("admin:vacancies_vacancy_recompute", args=[closed.pk]), follow=True)
    assert not Match.objects.filter(vacancy=closed).exists()
    assert [level for level, _ in messages_of(response)] == ["warning"]


def test_recompute_needs_the_change_permission(client, recruiter):
    _cpo, opening = _cpo_and_opening()
    viewer = factories.UserFactory(role="recruiter", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_vacancy"))
    client.force_login(viewer)
    assert client.post(reverse("admin:vacancies_vacancy_recompute", args=[opening.pk])).status_code == 403
    response = client.get(reverse("admin:vacancies_vacancy_change", args=[opening.pk]))
    assert response.status_code == 200
    assert reverse("admin:vacancies_vacancy_recompute", args=[opening.pk]) not in response.content.decode()
    assert not Match.objects.exists()


def test_recompute_of_an_unknown_vacancy_is_404(client, recruiter):
    client.force_login(recruiter)
    assert client.post("/admin/vacancies/vacancy/not-a-number/recompute-matches/").status_code == 404
    assert client.post(reverse("admin:vacancies_vacancy_recompute", args=[999_999])).status_code == 404


def test_recompute_action_refuses_too_many_vacancies_at_once(client, recruiter, monkeypatch):
    monkeypatch.setattr("recruitment.admin.vacancies.RECOMPUTE_AT_ONCE", 2)
    vacancies = [factories.PublishedVacancyFactory() for _ in range(3)]
    factories.CandidateProfileFactory()
    client.force_login(recruiter)
    response = run_action(client, "recompute_matches", vacancies)
    assert [level for level, _ in messages_of(response)] == ["error"]
    assert not Match.objects.exists()
