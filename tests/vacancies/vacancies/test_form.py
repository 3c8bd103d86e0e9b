"""The vacancy editor: good input saves a draft; bad input is answered with a field error a
person understands (HTTP 200, never 5xx) and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories
from vacancies.models import Vacancy, VacancyStatusChange

pytestmark = pytest.mark.django_db

URL = reverse("employers:vacancy_create")


def valid_data(**overrides):
    data = {
        "title": "Head of Product, Payments",
        "role_family": factories.role_family("head-of-product").pk,
        "seniority": "head",
        "min_years": 8,
        "employment_type": "FULL_TIME",
        "openings": 1,
        "industry": factories.industry("fintech-and-financial-services").pk,
        "city": "London",
        "country": "GB",
        "remote_policy": "hybrid",
        "salary_min": 130_000,
        "salary_max": 160_000,
        "salary_currency": "GBP",
        "must_have_skills": [s.pk for s in factories.skills("product-strategy")],
        "required_skills": [s.pk for s in factories.skills("payments", "roadmapping")],
        "nice_to_have_skills": [s.pk for s in factories.skills("pricing-and-monetisation")],
        "description": "Own payments end to end.\n\nLead four PMs.",
        "closes_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "action": "save",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_valid_form_saves_a_draft_with_its_skills(client, employer, company):
    client.force_login(employer)
    response = client.post(URL, valid_data())
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("employers:vacancy_detail", args=[vacancy.pk])
    assert (vacancy.status, vacancy.company, vacancy.created_by) == (Vacancy.Status.DRAFT, company, employer)
    assert (vacancy.salary_min, vacancy.salary_max, vacancy.salary_currency) == (130_000, 160_000, "GBP")
    assert sorted(s.slug for s in vacancy.required_skills.all()) == ["payments", "product-strategy", "roadmapping"]
    by_importance = vacancy.required_skills_by_importance()
    assert [s.slug for s in by_importance["must_have"]] == ["product-strategy"]
    assert [s.slug for s in by_importance["important"]] == ["payments", "roadmapping"]
    assert [s.slug for s in vacancy.nice_to_have_skills.all()] == ["pricing-and-monetisation"]
    assert vacancy.status_changes.get().to_status == Vacancy.Status.DRAFT


def test_editing_shows_each_required_skill_where_it_was_put(client, employer, company):
    client.force_login(employer)
    client.post(URL, valid_data())
    vacancy = Vacancy.objects.get()
    form = client.get(reverse("employers:vacancy_edit", args=[vacancy.pk])).context["form"]
    assert form.initial["must_have_skills"] == [factories.skills("product-strategy")[0].pk]
    assert sorted(form.initial["required_skills"]) == sorted(s.pk for s in factories.skills("payments", "roadmapping"))


def test_save_and_submit_goes_to_review(client, employer):
    client.force_login(employer)
    client.post(URL, valid_data(action="submit"))
    vacancy = Vacancy.objects.get()
    assert vacancy.status == Vacancy.Status.PENDING_REVIEW
    assert [c.to_status for c in vacancy.status_changes.all()] == [Vacancy.Status.DRAFT, Vacancy.Status.PENDING_REVIEW]


def test_closing_date_is_optional(client, employer):
    client.force_login(employer)
    client.post(URL, valid_data(closes_on=""))
    assert Vacancy.objects.get().closes_on is None


BAD_INPUT = [
    ("salary_max", {"salary_min": 200_000, "salary_max": 150_000}, "at least its bottom"),
    ("min_years", {"min_years": -3}, "greater than or equal to 0"),
    ("min_years", {"min_years": 41}, "less than or equal to 40"),
    ("min_years", {"min_years": "ten"}, "whole number"),
    ("closes_on", {"closes_on": "2001-01-01"}, "cannot be in the past"),
    ("closes_on", {"closes_on": "yesterday"}, "valid date"),
    ("closes_on", {"closes_on": "2999-01-01"}, "within a year"),
    ("title", {"title": ""}, "required"),
    ("title", {"title": "    "}, "required"),
    ("title", {"title": "x" * 141}, "at most 140 characters"),
    ("role_family", {"role_family": ""}, "required"),
    ("role_family", {"role_family": 987654}, "valid choice"),
    ("seniority", {"seniority": "intern"}, "valid choice"),
    ("salary_min", {"salary_min": ""}, "required"),
    ("salary_max", {"salary_max": ""}, "required"),
    ("salary_min", {"salary_min": 0}, "greater than or equal to 1"),
    ("salary_max", {"salary_max": 9_000_000}, "less than or equal to 5000000"),
    ("salary_currency", {"salary_currency": "BTC"}, "valid choice"),
    ("salary_currency", {"salary_currency": ""}, "required"),
    ("remote_policy", {"remote_policy": "mars"}, "valid choice"),
    ("employment_type", {"employment_type": ""}, "required"),
    ("description", {"description": ""}, "required"),
    ("description", {"description": "x" * 100_000}, "at most 20000 characters"),
    ("required_skills", {"required_skills": [987654]}, "valid choice"),
    ("must_have_skills", {"must_have_skills": [987654]}, "valid choice"),
    ("must_have_skills", {"must_have_skills": ["not-a-number"]}, "valid value"),
    # The same skill in two lists (ids filled in by the test).
    ("nice_to_have_skills", {"__same_skill__": ("required_skills", "nice_to_have_skills")}, "Already important"),
    ("required_skills", {"__same_skill__": ("must_have_skills", "required_skills")}, "Already a must-have: Payments"),
    ("nice_to_have_skills", {"__same_skill__": ("must_have_skills", "nice_to_have_skills")}, "Already a must-have"),
]


@pytest.mark.parametrize(
    ("field", "overrides", "message"), BAD_INPUT, ids=[f"{field}-{i}" for i, (field, *_) in enumerate(BAD_INPUT)]
)
def test_bad_input_is_refused_and_nothing_is_saved(client, employer, field, overrides, message):
    client.force_login(employer)
    overrides = dict(overrides)
    same = overrides.pop("__same_skill__", None)
    if same:
        payments = factories.skills("payments")[0].pk
        overrides = {"must_have_skills": [], "required_skills": [], "nice_to_have_skills": []}
        overrides.update({name: [payments] for name in same})
    response = client.post(URL, valid_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]
    assert Vacancy.objects.count() == 0
    assert VacancyStatusChange.objects.count() == 0
    assert "Please correct the highlighted fields" in response.content.decode()


def test_bad_edit_changes_nothing(client, employer, make_vacancy):
    draft = make_vacancy(Vacancy.Status.DRAFT)
    client.force_login(employer)
    response = client.post(
        reverse("employers:vacancy_edit", args=[draft.pk]),
        valid_data(title="Renamed", salary_min=300_000, salary_max=100_000),
    )
    assert response.status_code == 200
    fresh = Vacancy.objects.get(pk=draft.pk)
    assert (fresh.title, fresh.salary_min, fresh.salary_max) == (draft.title, draft.salary_min, draft.salary_max)


def test_html_in_text_is_shown_escaped(client, employer):
    client.force_login(employer)
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(URL, valid_data(title=f"CPO {hostile}", city=hostile[:100], description=f"About us {hostile}"))
    vacancy = Vacancy.objects.get()
    assert vacancy.description.endswith(hostile)  # stored as written...
    for url in [
        reverse("employers:dashboard"),
        reverse("employers:vacancy_detail", args=[vacancy.pk]),
        reverse("employers:vacancy_edit", args=[vacancy.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url  # ...and never rendered as markup
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, url


def test_inactive_vocabulary_is_not_offered(client, employer):
    family = factories.role_family("head-of-product")
    family.is_active = False
    family.save()
    client.force_login(employer)
    response = client.post(URL, valid_data())
    assert "role_family" in response.context["form"].errors
    assert Vacancy.objects.count() == 0
