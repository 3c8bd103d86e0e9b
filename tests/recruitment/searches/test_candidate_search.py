"""The workspace's candidate search page: its form (bad input is a form error, never a crash), results and
pagination, saved searches (save, run, delete; someone else's is a 404), who may use it, CSRF, pinned query
counts; and application search by company name."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.admin.search_forms import CandidateSearchForm
from recruitment.models import SavedSearch
from recruitment.services.searches import SAVED_SEARCHES_MAX, saved_search_create, saved_search_delete, saved_search_run
from tests import factories
from vacancies.services import WorkflowError

pytestmark = pytest.mark.django_db

SEARCH = "admin:accounts_candidateprofile_search"
SAVE = "admin:accounts_candidateprofile_search_save"
RUN = "admin:accounts_candidateprofile_saved_search_run"
DELETE = "admin:accounts_candidateprofile_saved_search_delete"


def profile(**kwargs):
    user_kwargs = {k[5:]: kwargs.pop(k) for k in list(kwargs) if k.startswith("user_")}
    families = kwargs.pop("families", [])
    skill_slugs = kwargs.pop("skills", [])
    result = factories.CandidateProfileFactory(user=factories.UserFactory(**user_kwargs), **kwargs)
    result.role_families.set([factories.role_family(s) for s in families])
    result.skills.set(factories.skills(*skill_slugs))
    return result


def results(client, query) -> set:
    response = client.get(reverse(SEARCH), query)
    assert response.status_code == 200, response.context["form"].errors if response.context else response
    return set(response.context["page_obj"].object_list)


@pytest.fixture
def rec_client(client, recruiter):
    client.force_login(recruiter)
    return client


# --- The page and its filters -------------------------------------------------------------------


def test_the_page_opens_with_an_empty_form_and_no_results(rec_client):
    profile()
    response = rec_client.get(reverse(SEARCH))
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="skills"' in html
    assert 'name="salary_min_eur"' in html


def test_an_empty_search_lists_everyone_with_links_to_their_pages(rec_client):
    a, b = profile(headline="First <b>bold</b>"), profile()
    response = rec_client.get(reverse(SEARCH), {"q": ""})
    assert set(response.context["page_obj"].object_list) == {a, b}
    html = response.content.decode()
    for candidate in (a, b):
        assert reverse("admin:accounts_candidateprofile_change", args=[candidate.pk]) in html
    assert "First &lt;b&gt;bold&lt;/b&gt;" in html


def test_each_filter_alone_through_the_page(rec_client):
    ada = profile(
        user_first_name="Ada",
        user_last_name="Quist",
        skills=["payments", "pl-ownership"],
        families=["chief-product-officer"],
        years_experience=16,
        salary_floor=100_000,
        salary_currency="GBP",
        country="GB",
        remote_preference="remote",
    )
    bo = profile(
        user_first_name="Bo",
        skills=["payments"],
        families=["head-of-product"],
        years_experience=7,
        salary_floor=150_000,
        salary_currency="USD",
        country="US",
        remote_preference="onsite",
        open_to_opportunities=False,
    )
    payments, pl = factories.skills("payments", "pl-ownership")
    cpo = factories.role_family("chief-product-officer")
    assert results(rec_client, {"q": "quist"}) == {ada}
    assert results(rec_client, {"skills": [payments.pk, pl.pk]}) == {ada, bo}
    assert results(rec_client, {"skills": [payments.pk, pl.pk], "skills_match": "all"}) == {ada}
    assert results(rec_client, {"role_families": [cpo.pk]}) == {ada}
    assert results(rec_client, {"years_min": "10"}) == {ada}
    assert results(rec_client, {"years_max": "10"}) == {bo}
    # 100,000 GBP is 117,000 EUR; 150,000 USD is 138,000 EUR.
    assert results(rec_client, {"salary_min_eur": "110000", "salary_max_eur": "120000"}) == {ada}
    assert results(rec_client, {"salary_min_eur": "130000"}) == {bo}
    assert results(rec_client, {"countries": ["US"]}) == {bo}
    assert results(rec_client, {"remote": ["remote", "any"]}) == {ada}
    assert results(rec_client, {"open": "no"}) == {bo}
    assert results(rec_client, {"open": "yes"}) == {ada}


def test_filters_combined_through_the_page(rec_client):
    ada = profile(skills=["payments"], country="GB", years_experience=12)
    profile(skills=["payments"], country="GB", years_experience=3)
    profile(skills=["payments"], country="DE", years_experience=12)
    payments = factories.skills("payments")[0]
    assert results(rec_client, {"skills": [payments.pk], "countries": ["GB"], "years_min": "10"}) == {ada}


def test_results_are_paginated_fifty_a_page(rec_client):
    for _ in range(51):
        profile()
    first = rec_client.get(reverse(SEARCH), {"q": ""})
    assert len(first.context["page_obj"].object_list) == 50
    assert "page=2" in first.content.decode()
    second = rec_client.get(reverse(SEARCH), {"q": "", "page": "2"})
    assert len(second.context["page_obj"].object_list) == 1
    assert rec_client.get(reverse(SEARCH), {"q": "", "page": "x" * 500}).status_code == 200


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x" * 201}, "q"),
        ({"years_min": "-1"}, "years_min"),
        ({"years_min": "ten"}, "years_min"),
        ({"years_max": "51"}, "years_max"),
        ({"years_min": "12", "years_max": "5"}, "years_max"),
        ({"salary_min_eur": "200000", "salary_max_eur": "100000"}, "salary_max_eur"),
        ({"salary_min_eur": "lots"}, "salary_min_eur"),
        ({"salary_max_eur": "1e9"}, "salary_max_eur"),
        ({"salary_max_eur": "9" * 400}, "salary_max_eur"),
        ({"skills": ["999999"]}, "skills"),
        ({"skills": ["99999999999999999999"]}, "skills"),
        ({"skills": ["abc"]}, "skills"),
        ({"skills_match": "most"}, "skills_match"),
        ({"role_families": ["-99999999999999999999"]}, "role_families"),
        ({"countries": ["XX"]}, "countries"),
        ({"countries": ["<script>"]}, "countries"),
        ({"remote": ["space"]}, "remote"),
        ({"open": "maybe"}, "open"),
    ],
)
def test_bad_input_is_a_form_error_never_a_crash(rec_client, params, field):
    profile()
    response = rec_client.get(reverse(SEARCH), params)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert response.context["page_obj"] is None
    assert "Fix the criteria marked below" in response.content.decode()
    assert "<script>" not in response.content.decode()  # the bad value comes back escaped, if at all


def test_too_many_skills_is_a_form_error(rec_client):
    skills = [factories.Skill.objects.create(name=f"Skill {n}", slug=f"skill-{n}").pk for n in range(21)]
    response = rec_client.get(reverse(SEARCH), {"skills": skills})
    assert response.status_code == 400
    assert "Choose at most 20 skills." in response.context["form"].errors["skills"]


def test_a_nul_character_never_reaches_the_database(rec_client):
    response = rec_client.get(reverse(SEARCH), {"q": "a\x00b", "years_min": "3"})
    # The workspace drops a parameter holding a NUL character (PostgreSQL refuses them) and asks again.
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query) == {"years_min": ["3"]}
    assert rec_client.get(response["Location"]).status_code == 200


def test_the_form_criteria_survive_a_round_trip_through_the_query_string():
    payments, pl = factories.skills("payments", "pl-ownership")
    data = {
        "q": "  payments   lead ",
        "skills": [str(pl.pk), str(payments.pk)],
        "skills_match": "all",
        "years_min": "5",
        "salary_max_eur": "150000",
        "countries": ["GB", "DE"],
        "remote": ["remote"],
        "open": "yes",
    }
    form = CandidateSearchForm(data)
    assert form.is_valid(), form.errors
    criteria = form.criteria()
    assert criteria == {
        "q": "payments lead",
        "skills": sorted([payments.pk, pl.pk]),
        "skills_match": "all",
        "years_min": 5,
        "salary_max_eur": 150000,
        "countries": ["DE", "GB"],
        "remote": ["remote"],
        "open": "yes",
    }
    again = CandidateSearchForm(
        {k: [str(v) for v in vs] if isinstance(vs, list) else str(vs) for k, vs in criteria.items()}
    )
    assert again.is_valid()
    assert again.criteria() == criteria
    assert set(CandidateSearchForm.base_fields) == set(SavedSearch.CRITERIA_KEYS)


# --- Query counts ---------------------------------------------------------------------------------


def test_results_page_query_count_does_not_grow(rec_client, django_assert_num_queries):
    for _ in range(5):
        profile(families=["vp-product", "head-of-product"], skills=["payments", "pl-ownership"])
    query = {"q": "", "open": "yes"}
    rec_client.get(reverse(SEARCH), query)  # warm the per-process caches (content types)
    with CaptureQueriesContext(connection) as ctx:
        response = rec_client.get(reverse(SEARCH), query)
    assert len(response.context["page_obj"].object_list) == 5
    few = len(ctx.captured_queries)
    for _ in range(45):
        profile(families=["chief-product-officer"], skills=["payments"])
    with django_assert_num_queries(few):
        response = rec_client.get(reverse(SEARCH), query)
    assert len(response.context["page_obj"].object_list) == 50


def test_saved_searches_list_query_count_does_not_grow(rec_client, recruiter, django_assert_num_queries):
    saved_search_create(by=recruiter, name="First", criteria={"countries": ["GB"]})
    rec_client.get(reverse(SEARCH))
    with CaptureQueriesContext(connection) as ctx:
        response = rec_client.get(reverse(SEARCH))
    few = len(ctx.captured_queries)
    for n in range(9):
        saved_search_create(by=recruiter, name=f"Search {n}", criteria={"years_min": n})
    with django_assert_num_queries(few):
        response = rec_client.get(reverse(SEARCH))
    assert len(response.context["saved_searches"]) == 10


# --- Saved searches -------------------------------------------------------------------------------


def test_save_run_and_delete_a_search(rec_client, recruiter):
    gb = profile(country="GB", years_experience=12)
    profile(country="DE", years_experience=12)
    query = {"countries": ["GB"], "years_min": "10"}
    address = reverse(SAVE) + "?countries=GB&years_min=10"
    response = rec_client.post(address, {"name": "  UK   seniors "})
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert (saved.owner, saved.name, saved.criteria) == (
        recruiter,
        "UK seniors",
        {"countries": ["GB"], "years_min": 10},
    )
    assert saved.last_run_at is None
    page = rec_client.get(reverse(SEARCH))
    assert "UK seniors" in page.content.decode()
    assert reverse(RUN, args=[saved.pk]) in page.content.decode()

    run = rec_client.post(reverse(RUN, args=[saved.pk]))
    assert run.status_code == 302
    assert run["Location"].startswith(reverse(SEARCH) + "?")
    assert parse_qs(urlsplit(run["Location"]).query) == {"countries": ["GB"], "years_min": ["10"]}
    assert set(rec_client.get(run["Location"]).context["page_obj"].object_list) == {gb}
    assert results(rec_client, query) == {gb}
    saved.refresh_from_db()
    assert saved.last_run_at is not None

    deleted = rec_client.post(reverse(DELETE, args=[saved.pk]))
    assert deleted.status_code == 302
    assert not SavedSearch.objects.exists()


def test_saving_refuses_a_duplicate_name_an_empty_search_and_bad_names(rec_client, recruiter):
    saved_search_create(by=recruiter, name="UK seniors", criteria={"countries": ["GB"]})
    for address, name in [
        (reverse(SAVE) + "?countries=DE", "uk SENIORS"),  # the same name, whatever the case
        (reverse(SAVE) + "?q=", "Everyone"),  # no criterion
        (reverse(SAVE) + "?countries=DE", ""),
        (reverse(SAVE) + "?countries=DE", "x" * 81),
        (reverse(SAVE) + "?countries=DE", "bad\x00name"),
        (reverse(SAVE) + "?years_min=-4", "Broken search"),
    ]:
        response = rec_client.post(address, {"name": name}, follow=True)
        assert response.status_code in (200, 400)
        assert "Search not saved" in response.content.decode()
    assert SavedSearch.objects.count() == 1


def test_a_recruiter_has_at_most_so_many_saved_searches(recruiter):
    for n in range(SAVED_SEARCHES_MAX):
        saved_search_create(by=recruiter, name=f"Search {n}", criteria={"years_min": 1})
    with pytest.raises(WorkflowError, match="delete one first"):
        saved_search_create(by=recruiter, name="One more", criteria={"years_min": 1})


def test_services_refuse_criteria_they_do_not_know(recruiter):
    for criteria in [{"user__password": "x"}, ["countries"], {"q": object()}, {"q": "x" * 5000}]:
        with pytest.raises(WorkflowError):
            saved_search_create(by=recruiter, name="Odd", criteria=criteria)
    assert not SavedSearch.objects.exists()


def test_another_recruiters_saved_search_is_a_404(rec_client, recruiter):
    other = factories.RecruiterFactory()
    theirs = saved_search_create(by=other, name="Theirs", criteria={"countries": ["FR"]})
    page = rec_client.get(reverse(SEARCH))
    assert "Theirs" not in page.content.decode()
    assert rec_client.post(reverse(RUN, args=[theirs.pk])).status_code == 404
    assert rec_client.post(reverse(DELETE, args=[theirs.pk])).status_code == 404
    assert rec_client.post(reverse(DELETE, args=[987654])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.last_run_at is None
    # The services refuse it too, whoever calls them.
    with pytest.raises(WorkflowError):
        saved_search_run(by=recruiter, search=theirs)
    with pytest.raises(WorkflowError):
        saved_search_delete(by=recruiter, search=theirs)
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("name", [SAVE, RUN, DELETE])
def test_the_saved_search_actions_take_only_post(rec_client, recruiter, name):
    saved = saved_search_create(by=recruiter, name="Mine", criteria={"countries": ["GB"]})
    address = reverse(name, args=[saved.pk]) if name != SAVE else reverse(name)
    assert rec_client.get(address).status_code == 405
    saved.refresh_from_db()
    assert saved.last_run_at is None


# --- Who may use it -------------------------------------------------------------------------------


def test_anonymous_visitors_go_to_the_login(client):
    response = client.get(reverse(SEARCH))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


@pytest.mark.parametrize("role", ["candidate", "employer"])
def test_staff_who_are_not_recruiters_get_403(client, role):
    user = factories.UserFactory(role=role, is_staff=True)
    client.force_login(user)
    assert client.get(reverse(SEARCH), {"q": ""}).status_code == 403
    assert client.post(reverse(SAVE) + "?countries=GB", {"name": "x"}).status_code == 403
    assert not SavedSearch.objects.exists()


def test_a_recruiter_without_the_permissions_gets_403(client):
    outsider = factories.RecruiterFactory()
    outsider.groups.clear()
    client.force_login(outsider)
    assert client.get(reverse(SEARCH), {"q": ""}).status_code == 403
    assert client.post(reverse(SAVE) + "?countries=GB", {"name": "x"}).status_code == 403
    mine = saved_search_create(by=factories.RecruiterFactory(), name="Other's", criteria={"countries": ["GB"]})
    mine.owner = outsider
    mine.save()
    assert client.post(reverse(RUN, args=[mine.pk])).status_code == 403
    assert client.post(reverse(DELETE, args=[mine.pk])).status_code == 403


def test_searching_without_the_saved_search_permissions_hides_saving(client):
    reader = factories.RecruiterFactory()
    reader.groups.clear()
    reader.user_permissions.add(Permission.objects.get(codename="view_candidateprofile"))
    client.force_login(reader)
    response = client.get(reverse(SEARCH), {"q": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your saved searches" not in html
    assert reverse(SAVE) not in html
    assert client.post(reverse(SAVE) + "?countries=GB", {"name": "x"}).status_code == 403
    with pytest.raises(WorkflowError):
        saved_search_create(by=reader, name="x", criteria={"countries": ["GB"]})


def test_the_recruiters_group_holds_the_saved_search_permissions():
    codenames = set(Group.objects.get(name="Recruiters").permissions.values_list("codename", flat=True))
    assert {"add_savedsearch", "view_savedsearch", "delete_savedsearch"} <= codenames
    assert "change_savedsearch" not in codenames


def test_csrf_is_enforced_on_every_post(recruiter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    saved = saved_search_create(by=recruiter, name="Mine", criteria={"countries": ["GB"]})
    for address in [reverse(SAVE) + "?countries=DE", reverse(RUN, args=[saved.pk]), reverse(DELETE, args=[saved.pk])]:
        assert client.post(address, {"name": "No token"}).status_code == 403
    saved.refresh_from_db()
    assert saved.last_run_at is None
    assert SavedSearch.objects.count() == 1
    # With the page's token the same requests go through.
    client.get(reverse(SEARCH))
    token = client.cookies["csrftoken"].value
    assert (
        client.post(reverse(SAVE) + "?countries=DE", {"name": "With token", "csrfmiddlewaretoken": token}).status_code
        == 302
    )
    assert client.post(reverse(RUN, args=[saved.pk]), {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.post(reverse(DELETE, args=[saved.pk]), {"csrfmiddlewaretoken": token}).status_code == 302
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ["With token"]


# --- Links and the application search -------------------------------------------------------------


def test_the_search_is_linked_from_the_home_nav_and_the_changelist(rec_client):
    address = reverse(SEARCH)
    for page in (reverse("admin:index"), reverse("admin:accounts_candidateprofile_changelist")):
        assert address in rec_client.get(page).content.decode()


def test_application_search_finds_a_company_by_name(rec_client):
    wanted = factories.ApplicationFactory(vacancy__company__name="Lumen Health Kft")
    factories.ApplicationFactory(vacancy__company__name="Other Corp")
    response = rec_client.get(reverse("admin:vacancies_application_changelist"), {"q": "lumen health"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [wanted]


def test_any_of_the_skills_is_shown_chosen_when_a_search_leaves_it_out(rec_client):
    response = rec_client.get(reverse(SEARCH), {"countries": ["GB"]})
    assert response.context["form"]["skills_match"].value() == "any"
    assert 'value="any" id="id_skills_match_0" checked' in response.content.decode()
