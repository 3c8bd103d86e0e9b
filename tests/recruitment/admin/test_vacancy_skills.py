"""The vacancy's workspace page edits what matching reads: its must-have, important and nice-to-have skills,
through the employer's services (`vacancy_save` for a draft, `vacancy_amend` under review or live, with its
history), refusing bad input with the typed values kept; a live vacancy whose skills change is matched again."""

from __future__ import annotations

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import CandidateProfile
from recruitment.matching import vacancy_match
from recruitment.models import Match
from tests import factories
from vacancies.models import RequiredSkill, Vacancy, VacancyRevision, VacancyStatusChange

pytestmark = pytest.mark.django_db

Importance = RequiredSkill.Importance


def skill(slug: str):
    return factories.skills(slug)[0]


def with_skills(vacancy: Vacancy, *, must=(), important=(), nice=()) -> Vacancy:
    for slug in must:
        RequiredSkill.objects.create(vacancy=vacancy, skill=skill(slug), importance=Importance.MUST_HAVE)
    for slug in important:
        RequiredSkill.objects.create(vacancy=vacancy, skill=skill(slug), importance=Importance.IMPORTANT)
    vacancy.nice_to_have_skills.set([skill(slug) for slug in nice])
    return vacancy


def change_url(vacancy: Vacancy) -> str:
    return reverse("admin:vacancies_vacancy_change", args=[vacancy.pk])


def page_data(vacancy: Vacancy, **overrides) -> dict:
    """What the vacancy's page posts when saved unchanged, with `overrides` (skills as lists of slugs)."""
    required = vacancy.required_skills_by_importance()
    data = {
        **{name: getattr(vacancy, name) for name in ("title", "seniority", "employment_type", "openings", "city")},
        **{name: getattr(vacancy, name) for name in ("min_years", "remote_policy", "salary_min", "salary_max")},
        "salary_currency": vacancy.salary_currency,
        "description": vacancy.description,
        "country": str(vacancy.country),
        "role_family": vacancy.role_family_id,
        "industry": vacancy.industry_id or "",
        "closes_on": vacancy.closes_on.isoformat() if vacancy.closes_on else "",
        "must_have_skills": [s.pk for s in required["must_have"]],
        "important_skills": [s.pk for s in required["important"]],
        "nice_to_have_skills": [s.pk for s in vacancy.nice_to_have_skills.all()],
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
        "_continue": "Save and continue editing",
    }
    for name, value in overrides.items():
        if name.endswith("_skills") and all(isinstance(v, str) and not v.isdigit() for v in value):
            value = [skill(slug).pk for slug in value]
        data[name] = value
    return data


def selected(html: str, name: str) -> set[str]:
    """The values chosen in the page's <select name=...>."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no {name} list on the page"
    return set(re.findall(r'<option value="(\d+)" selected>', select.group(1)))


def stored_skills(vacancy: Vacancy) -> dict[str, set[str]]:
    vacancy = Vacancy.objects.get(pk=vacancy.pk)
    required = vacancy.required_skills_by_importance()
    return {
        "must_have": {s.slug for s in required["must_have"]},
        "important": {s.slug for s in required["important"]},
        "nice_to_have": {s.slug for s in vacancy.nice_to_have_skills.all()},
    }


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


# --- The page shows the three lists ----------------------------------------------------------


@pytest.mark.parametrize("factory", [factories.VacancyFactory, factories.PublishedVacancyFactory])
def test_the_page_shows_the_three_lists_with_the_current_skills(client, recruiter, factory):
    vacancy = with_skills(
        factory(), must=["payments"], important=["roadmapping", "pricing-and-monetisation"], nice=["go-to-market"]
    )
    client.force_login(recruiter)
    html = client.get(change_url(vacancy)).content.decode()
    for label in ("Must-have skills", "Important skills", "Nice-to-have skills"):
        assert label in html
    assert selected(html, "must_have_skills") == {str(skill("payments").pk)}
    assert selected(html, "important_skills") == {
        str(skill("roadmapping").pk),
        str(skill("pricing-and-monetisation").pk),
    }
    assert selected(html, "nice_to_have_skills") == {str(skill("go-to-market").pk)}


# --- Saving goes through the services ----------------------------------------------------------


def test_a_draft_saves_its_skills_through_the_service(client, recruiter):
    vacancy = with_skills(factories.VacancyFactory(), important=["roadmapping"])
    client.force_login(recruiter)
    data = page_data(
        vacancy,
        must_have_skills=["payments", "pricing-and-monetisation"],
        important_skills=[],
        nice_to_have_skills=["go-to-market"],
    )
    response = client.post(change_url(vacancy), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored_skills(vacancy) == {
        "must_have": {"payments", "pricing-and-monetisation"},
        "important": set(),
        "nice_to_have": {"go-to-market"},
    }
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.DRAFT
    entry = LogEntry.objects.get(object_id=str(vacancy.pk), user=recruiter)
    assert "Must-have skills" in entry.get_change_message()


def test_a_skill_in_two_lists_counts_once_as_the_service_has_it(client, recruiter):
    vacancy = factories.VacancyFactory()
    client.force_login(recruiter)
    data = page_data(
        vacancy,
        must_have_skills=["payments"],
        important_skills=["payments", "roadmapping"],
        nice_to_have_skills=["roadmapping", "pricing-and-monetisation"],
    )
    response = client.post(change_url(vacancy), data, follow=True)
    assert stored_skills(vacancy) == {
        "must_have": {"payments"},
        "important": {"roadmapping"},
        "nice_to_have": {"pricing-and-monetisation"},
    }
    assert ("warning", "Each skill counts once: Payments (must-have), Roadmapping (important).") in messages_of(
        response
    )


def test_a_live_vacancy_changes_in_place_with_its_history(client, recruiter):
    vacancy = with_skills(factories.PublishedVacancyFactory(), must=["payments"], important=["roadmapping"])
    client.force_login(recruiter)
    data = page_data(vacancy, title="Head of Product, Platform", must_have_skills=["pricing-and-monetisation"])
    response = client.post(change_url(vacancy), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.status, live.title) == (Vacancy.Status.PUBLISHED, "Head of Product, Platform")
    assert stored_skills(vacancy)["must_have"] == {"pricing-and-monetisation"}
    assert not VacancyRevision.objects.exists()  # recruiters are the reviewers: no revision to review
    row = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert (row.from_status, row.to_status, row.by) == ("published", "published", recruiter)
    assert row.note == "Changed by the agency: title, must-have skills"


def test_a_vacancy_under_review_changes_in_place(client, recruiter):
    vacancy = factories.PendingVacancyFactory()
    client.force_login(recruiter)
    response = client.post(change_url(vacancy), page_data(vacancy, important_skills=["roadmapping"]))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert stored_skills(vacancy)["important"] == {"roadmapping"}
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.PENDING_REVIEW
    row = VacancyStatusChange.objects.filter(vacancy=vacancy).latest("pk")
    assert (row.to_status, row.by, row.note) == ("pending_review", recruiter, "Changed by the agency: important skills")


def test_saving_a_live_vacancy_unchanged_writes_no_history(client, recruiter):
    vacancy = with_skills(factories.PublishedVacancyFactory(), must=["payments"])
    client.force_login(recruiter)
    assert client.post(change_url(vacancy), page_data(vacancy)).status_code == 302
    assert not VacancyStatusChange.objects.filter(vacancy=vacancy).exists()


def test_the_company_and_address_of_a_saved_vacancy_stay(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    other = factories.CompanyFactory()
    client.force_login(recruiter)
    html = client.get(change_url(vacancy)).content.decode()
    assert 'name="company"' not in html
    assert 'name="slug"' not in html
    client.post(change_url(vacancy), page_data(vacancy, company=other.pk, slug="elsewhere", title="Renamed"))
    live = Vacancy.objects.get(pk=vacancy.pk)
    assert (live.company_id, live.slug, live.title) == (vacancy.company_id, vacancy.slug, "Renamed")


# --- Bad input is refused, what was typed kept ----------------------------------------------------

HOSTILE_SKILLS = [
    ["999999"],  # no such skill
    ["9" * 30],  # beyond any database id
    ["-1"],
    ["not-a-number"],
    ["1\x00"],
    ["<script>alert(1)</script>"],
]


@pytest.mark.parametrize("values", HOSTILE_SKILLS)
@pytest.mark.parametrize("field", ["must_have_skills", "important_skills", "nice_to_have_skills"])
def test_unknown_or_hostile_skills_are_refused_and_the_typed_values_kept(client, recruiter, field, values):
    vacancy = with_skills(factories.PublishedVacancyFactory(), must=["payments"])
    client.force_login(recruiter)
    data = page_data(vacancy, title="Typed title 7731", **{field: [str(skill("pricing-and-monetisation").pk), *values]})
    response = client.post(change_url(vacancy), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == [field]
    html = response.content.decode()
    assert 'value="Typed title 7731"' in html
    assert "<script>alert(1)" not in html
    assert stored_skills(vacancy) == {"must_have": {"payments"}, "important": set(), "nice_to_have": set()}
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title
    assert not VacancyStatusChange.objects.filter(vacancy=vacancy).exists()


def test_a_past_closing_date_is_refused(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    client.force_login(recruiter)
    response = client.post(
        change_url(vacancy), page_data(vacancy, closes_on="2001-01-01", must_have_skills=["pricing-and-monetisation"])
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["closes_on"] == ["The closing date cannot be in the past."]
    assert stored_skills(vacancy)["must_have"] == set()


def test_changes_waiting_from_the_employer_come_first(client, recruiter):
    vacancy = factories.PublishedVacancyFactory()
    VacancyRevision.objects.create(vacancy=vacancy, fields={"title": "Employer's title"})
    client.force_login(recruiter)
    response = client.post(
        change_url(vacancy), page_data(vacancy, title="Typed title 7731", must_have_skills=["pricing-and-monetisation"])
    )
    assert response.status_code == 200
    assert "The employer&#x27;s changes to this vacancy wait for review" in response.content.decode()
    assert 'value="Typed title 7731"' in response.content.decode()
    assert stored_skills(vacancy)["must_have"] == set()
    assert Vacancy.objects.get(pk=vacancy.pk).title == vacancy.title


def test_a_vacancy_that_moved_on_meanwhile_is_not_saved(client, recruiter):
    """Closed while the recruiter typed on the page of a draft: the save is undone and says why."""
    vacancy = factories.VacancyFactory()
    client.force_login(recruiter)
    data = page_data(vacancy, must_have_skills=["pricing-and-monetisation"])
    client.get(change_url(vacancy))
    Vacancy.objects.filter(pk=vacancy.pk).update(status=Vacancy.Status.CLOSED)
    response = client.post(change_url(vacancy), data, follow=True)
    assert stored_skills(vacancy)["must_have"] == set()
    assert [level for level, _ in messages_of(response)] == ["error"]


def test_a_closed_vacancy_only_shows_its_skills(client, recruiter):
    vacancy = with_skills(factories.ClosedVacancyFactory(), must=["payments"], important=["pricing-and-monetisation"])
    client.force_login(recruiter)
    html = client.get(change_url(vacancy)).content.decode()
    assert 'name="must_have_skills"' not in html
    assert 'name="title"' not in html
    assert "Payments" in html
    assert "Pricing and monetisation" in html
    response = client.post(change_url(vacancy), page_data(vacancy, must_have_skills=["roadmapping"]), follow=True)
    assert stored_skills(vacancy)["must_have"] == {"payments"}
    assert [level for level, _ in messages_of(response)] == ["error"]


# --- A live vacancy whose skills change is matched again ------------------------------------------


def cpo(**fields) -> CandidateProfile:
    profile = factories.CandidateProfileFactory(
        years_experience=15, seniority="executive", salary_floor=180_000, country="NL", city="Amsterdam", **fields
    )
    profile.role_families.set([factories.role_family("chief-product-officer")])
    profile.skills.set(factories.skills("product-strategy", "pl-ownership", "people-management"))
    return profile


def cpo_opening() -> Vacancy:
    vacancy = factories.PublishedVacancyFactory(
        role_family=factories.role_family("chief-product-officer"),
        seniority="executive",
        min_years=12,
        salary_min=190_000,
        salary_max=240_000,
        country="NL",
    )
    return with_skills(vacancy, must=["payments"], important=["product-strategy", "pl-ownership", "people-management"])


def test_removing_a_must_have_rematches_the_live_vacancy(
    client, recruiter, settings, eager, django_capture_on_commit_callbacks
):
    candidate = cpo()
    vacancy = cpo_opening()
    vacancy_match(vacancy=vacancy)
    before = Match.objects.get(candidate=candidate, vacancy=vacancy)
    assert before.score < settings.MATCH_ALERT_THRESHOLD
    assert any(item.get("must_have") for item in before.breakdown)
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(vacancy), page_data(vacancy, must_have_skills=[]))
    assert response.status_code == 302
    after = Match.objects.get(candidate=candidate, vacancy=vacancy)
    assert after.computed_at > before.computed_at
    assert after.score >= settings.MATCH_ALERT_THRESHOLD
    assert not any(item.get("must_have") for item in after.breakdown)


def test_adding_a_must_have_rematches_the_live_vacancy(
    client, recruiter, settings, eager, django_capture_on_commit_callbacks
):
    candidate = cpo()
    vacancy = cpo_opening()
    RequiredSkill.objects.filter(vacancy=vacancy, importance=Importance.MUST_HAVE).delete()
    vacancy_match(vacancy=vacancy)
    assert Match.objects.get(candidate=candidate, vacancy=vacancy).score >= settings.MATCH_ALERT_THRESHOLD
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(vacancy), page_data(vacancy, must_have_skills=["payments"]))
    after = Match.objects.get(candidate=candidate, vacancy=vacancy)
    assert after.score < settings.MATCH_ALERT_THRESHOLD
    assert any("Payments" in (item.get("must_have") or "") for item in after.breakdown)
