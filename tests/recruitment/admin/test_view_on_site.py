"""No dead "View on site" in the workspace: on every record of every registered admin the link is absent or
opens a page the recruiter (or, for the superuser's own admins, the superuser) can read. A vacancy not yet
public opens its staff-only preview; an application's or a candidate's site pages are the candidate's own, so
their workspace pages carry no link."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories
from tests.security import world as w
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db

RECORDS_PER_MODEL = 5


def view_on_site_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" class="viewsitelink"', html)


@pytest.fixture
def world():
    built = w.build_world()
    factories.VacancyFactory(status=Vacancy.Status.REJECTED, rejection_reason="Add the band.")
    factories.PublishedVacancyFactory(status=Vacancy.Status.EXPIRED)
    return built


def test_every_view_on_site_opens_a_readable_page(client, world):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        for obj in model._default_manager.all()[:RECORDS_PER_MODEL]:
            url = model_admin.get_view_on_site_url(obj)
            if url is None:
                continue
            for role in ("recruiter", "superuser"):
                user = world.users[role]
                client.force_login(user)
                page = client.get(
                    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
                )
                if page.status_code != 200:
                    continue  # this role does not open the record at all
                assert view_on_site_links(page.content.decode()) == [url]
                response = client.get(url, follow=True)
                assert response.status_code == 200, f"{model._meta.label} {obj.pk} as {role}: {url}"
                checked += 1
    assert checked >= 6  # the vacancies (every status) at least


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (Vacancy.Status.DRAFT, "preview"),
        (Vacancy.Status.PENDING_REVIEW, "preview"),
        (Vacancy.Status.REJECTED, "preview"),
        (Vacancy.Status.PUBLISHED, "public"),
        (Vacancy.Status.CLOSED, "public"),
        (Vacancy.Status.EXPIRED, "public"),
    ],
)
def test_a_vacancy_opens_its_public_page_once_it_has_one_else_its_preview(client, recruiter, status, target):
    vacancy = factories.PublishedVacancyFactory(status=status)
    client.force_login(recruiter)
    html = client.get(reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])).content.decode()
    expected = (
        reverse("admin:vacancies_vacancy_preview", args=[vacancy.pk])
        if target == "preview"
        else reverse("vacancies:vacancy_detail", args=[vacancy.slug])
    )
    assert view_on_site_links(html) == [expected]
    assert client.get(expected).status_code == 200


def test_applications_and_candidates_carry_no_link_to_the_candidates_own_pages(client, recruiter):
    application = factories.ApplicationFactory()
    profile = application.candidate.candidate_profile
    client.force_login(recruiter)
    for url in (
        reverse("admin:vacancies_application_change", args=[application.pk]),
        reverse("admin:accounts_candidateprofile_change", args=[profile.pk]),
    ):
        html = client.get(url).content.decode()
        assert view_on_site_links(html) == []
        assert "/admin/r/" not in html
