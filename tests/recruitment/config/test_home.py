"""The home page: who the agency serves, a path for each side, the roles it places and the latest openings."""

import pytest
from django.urls import reverse

from accounts.choices import Seniority
from accounts.models import RoleFamily
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_both_paths_and_counts_open_roles_per_family(client):
    cpo = RoleFamily.objects.get(slug="chief-product-officer")
    factories.PublishedVacancyFactory.create_batch(2, role_family=cpo, title="Chief Product Officer")
    factories.VacancyFactory(role_family=cpo, title="Draft CPO role")  # not published: not counted
    factories.ClosedVacancyFactory(role_family=cpo, title="Filled CPO role")

    response = client.get(reverse("home"))

    assert response.status_code == 200
    families = {family.slug: family.open_count for family in response.context["role_families"]}
    assert families == {"chief-product-officer": 2}  # only families with openings
    html = response.content.decode()
    assert "For product leaders" in html
    assert "For companies hiring" in html
    assert reverse("account_signup") in html
    assert reverse("employers:signup") in html
    assert f"?role_family={cpo.slug}" in html
    assert "Draft CPO role" not in html
    assert "Filled CPO role" not in html
    assert html.count("<h1") == 1


def test_home_without_openings_says_what_to_do(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "New openings are on their way" in html
    assert "0 open roles" not in html
    assert "Roles we place" not in html


def test_home_lists_only_families_with_openings(client):
    factories.PublishedVacancyFactory(role_family=RoleFamily.objects.get(slug="head-of-product"))
    html = client.get(reverse("home")).content.decode()
    assert "Head of Product" in html
    assert "1 open role<" in html
    assert "Principal Product Manager" not in html
    assert "0 open roles" not in html


def test_seniority_reads_as_a_level_on_its_own():
    assert Seniority.HEAD.label == "Head of Product"
    assert all(not label.endswith(" of") for label in Seniority.labels)


def test_home_query_count_does_not_grow_with_openings(client, django_assert_num_queries):
    factories.PublishedVacancyFactory.create_batch(3)
    with django_assert_num_queries(2) as few:
        client.get(reverse("home"))
    factories.PublishedVacancyFactory.create_batch(10)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
    with django_assert_num_queries(0):  # its figures are cached until the public board changes
        client.get(reverse("home"))


def test_home_figures_follow_a_publish_at_once(client, recruiter):
    from vacancies import services

    client.get(reverse("home"))
    pending = factories.PendingVacancyFactory(title="Published just now")
    client.get(reverse("home"))
    assert "Published just now" not in client.get(reverse("home")).content.decode()
    services.vacancy_publish(vacancy=pending, by=recruiter)
    assert "Published just now" in client.get(reverse("home")).content.decode()


def test_logged_in_employer_is_offered_to_post_a_vacancy_not_to_sign_up(client, employer):
    client.force_login(employer)
    html = client.get(reverse("home")).content.decode()
    assert reverse("employers:vacancy_create") in html
    assert reverse("employers:signup") not in html
