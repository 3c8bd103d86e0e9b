"""The workspace's candidate search in real Chromium: a skill picked with the admin's filtered picker (its
JavaScript), the results, saving the search and running it again. Screenshots in
test-artifacts/browser/<test>/."""

from __future__ import annotations

import pytest

from recruitment.models import SavedSearch
from tests import factories
from tests.browser.support import DESKTOP
from tests.browser.test_pages import agency, logged_in, pages_site  # noqa: F401 - fixtures, used by name

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_recruiter_searches_by_skill_saves_the_search_and_runs_it_again(pages_site, agency):  # noqa: F811
    other = factories.CandidateProfileFactory(user=factories.UserFactory(first_name="Otto", last_name="Lind"))
    other.skills.set(factories.skills("payments"))
    visitor = logged_in(pages_site, "recruiter", agency["recruiter"], DESKTOP)
    page = visitor.page
    visitor.goto("/admin/")
    page.get_by_role("link", name="Candidate search").first.click()
    page.locator("#id_skills_input").press_sequentially("strat")
    page.locator("#id_skills_from").select_option(label="Product strategy")
    page.locator("#id_skills_add").click()
    page.get_by_label("Remote only").check()
    page.get_by_label("Open to any").check()
    page.get_by_role("button", name="Search").click()
    visitor.shot("searched by a skill")
    assert "skills=" in page.url
    results = page.locator("table.agency-table tbody")
    assert results.get_by_text("Nadia Haddad").count() == 1
    assert results.get_by_text("Otto Lind").count() == 0

    page.get_by_label("Save this search as").fill("Strategists, remote")
    page.get_by_role("button", name="Save search").click()
    visitor.shot("saved")
    assert page.get_by_text("Saved the search “Strategists, remote”.").count() == 1
    assert SavedSearch.objects.get().criteria["remote"] == ["any", "remote"]

    visitor.goto("/admin/accounts/candidateprofile/search/")
    page.get_by_role("button", name="Run “Strategists, remote”").click()
    visitor.shot("run again")
    assert page.locator("table.agency-table tbody").get_by_text("Nadia Haddad").count() == 1
    assert SavedSearch.objects.get().last_run_at is not None
    visitor.assert_no_browser_errors()
