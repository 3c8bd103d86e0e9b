"""What every record's workspace page shows (issue 24): no internal field (an interview's calendar UID and
SEQUENCE, the outbox's dedupe key and context, consent rounds, raw ids, the fee in euros kept for the
reports), money written one way ("EUR 150,000.00", accounts.money.money_text, the `in_currency` filter)
on every page that shows some, and Save buttons only where something on the page can be changed."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.money import money_text
from tests.security import world as w

pytestmark = pytest.mark.django_db

RECORDS_PER_MODEL = 5
# Labels of the machinery's fields, as the admin would print them.
INTERNAL_LABELS = {
    "ID",
    "Uid",
    "Sequence",
    "Proposal",
    "Consent round",
    "Dedupe key",
    "Context",
    "Claimed at",
    "Updated at",
    "Fee eur",
    "Breakdown",
    "Token",
}
CURRENCIES = "EUR|GBP|USD|CHF|SEK|DKK|NOK|PLN|CAD"
MONEY = re.compile(rf"\b(?:{CURRENCIES})\s*\d[\d,.]*|\d[\d,.]*\s*(?:{CURRENCIES})\b")
ONE_WAY = re.compile(rf"(?:{CURRENCIES}) \d{{1,3}}(?:,\d{{3}})*\.\d{{2}}(?:-\d{{1,3}}(?:,\d{{3}})*\.\d{{2}})?")


@pytest.fixture
def world():
    return w.build_world()


def change_pages(client, world) -> dict[str, str]:
    """Every record's page the recruiter opens, by "<model> <pk>"."""
    client.force_login(world.users["recruiter"])
    pages = {}
    for model, _model_admin in admin.site._registry.items():
        opts = model._meta
        for obj in model._default_manager.all()[:RECORDS_PER_MODEL]:
            response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
            if response.status_code == 200:
                pages[f"{opts.label} {obj.pk}"] = response.content.decode()
    return pages


def labels(html: str) -> set[str]:
    found = re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    return {re.sub(r"<[^>]+>", "", label).strip().rstrip(":") for label in found}


def test_no_record_page_shows_an_internal_field(client, world):
    interview, notification = world.interview_a, world.notification_a
    pages = change_pages(client, world)
    assert {"recruitment.Interview", "recruitment.Introduction", "recruitment.Placement"} <= {
        key.split()[0] for key in pages
    }
    for key, html in pages.items():
        assert not labels(html) & INTERNAL_LABELS, (key, labels(html) & INTERNAL_LABELS)
        assert interview.uid not in html, key
        assert notification.dedupe_key not in html, key


def test_the_interview_and_introduction_lists_show_no_internal_column(client, world):
    client.force_login(world.users["recruiter"])
    for name in ("admin:recruitment_interview_changelist", "admin:recruitment_introduction_changelist"):
        html = client.get(reverse(name)).content.decode()
        headers = {
            re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html, re.S)
        }
        assert not {header.capitalize() for header in headers} & INTERNAL_LABELS, (name, headers)


def test_a_match_page_explains_the_score_in_words(client, world):
    client.force_login(world.users["recruiter"])
    html = client.get(reverse("admin:recruitment_match_change", args=[world.match_a.pk])).content.decode()
    assert "Required skills: 25 of 25 points. " + w.A_REASON in html
    assert '"criterion"' not in html  # not the stored JSON


def workspace_pages_with_money(client, world) -> dict[str, str]:
    pages = {key: html for key, html in change_pages(client, world).items() if MONEY.search(html)}
    for name in (
        "admin:vacancies_vacancy_changelist",
        "admin:accounts_candidateprofile_changelist",
        "admin:recruitment_placement_changelist",
    ):
        pages[name] = client.get(reverse(name)).content.decode()
    pages["ranked"] = client.get(reverse("admin:vacancies_vacancy_ranked", args=[world.vacancy_x.pk])).content.decode()
    search = reverse("admin:accounts_candidateprofile_search")
    pages["search"] = client.get(search, {"countries": "DE"}).content.decode()
    return pages


def test_money_is_written_one_way_across_the_workspace(client, world):
    placement = world.extra["placement_a"]
    pages = workspace_pages_with_money(client, world)
    for key, html in pages.items():
        for found in MONEY.findall(html):
            assert ONE_WAY.fullmatch(found), (key, found)
    placement_page = pages[f"recruitment.Placement {placement.pk}"]
    assert "EUR 471,550.00" in placement_page
    assert f"EUR {w.X_FEE_SHOWN}" in placement_page
    assert f"EUR {w.X_FEE_SHOWN}" in pages["admin:recruitment_placement_changelist"]
    assert "EUR 100,000.00" in pages["admin:accounts_candidateprofile_changelist"]
    assert (
        'EUR 120,000.00-</span><span class="agency-sub agency-nowrap">150,000.00'
        in pages["admin:vacancies_vacancy_changelist"]
    )
    assert "Floor EUR 100,000.00" in pages["ranked"]
    assert "EUR 100,000.00" in pages["search"]


@pytest.mark.parametrize(
    ("value", "currency", "shown"),
    [
        (150000, "EUR", "EUR 150,000.00"),
        ("30000.5", "GBP", "GBP 30,000.50"),
        (0, "USD", "USD 0.00"),
        (None, "EUR", ""),
        ("junk", "EUR", ""),
    ],
)
def test_the_one_way_of_writing_money(value, currency, shown):
    assert money_text(value, currency) == shown


# --- No Save buttons where nothing can be changed ------------------------------------------------------

SAVE_BUTTONS = ('name="_save"', 'name="_continue"', 'name="_addanother"')


def test_a_page_has_save_buttons_only_when_something_on_it_can_change(client, world):
    checked = set()
    for role in ("recruiter", "superuser"):
        client.force_login(world.users[role])
        for model in admin.site._registry:
            opts = model._meta
            for obj in model._default_manager.all()[:RECORDS_PER_MODEL]:
                response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
                if response.status_code != 200 or "adminform" not in response.context:
                    continue  # not this role's record, or a page of its own (the declines to pass on)
                editable = (
                    bool(response.context["adminform"].form.fields)
                    or response.context["has_editable_inline_admin_formsets"]
                )
                html = response.content.decode()
                shown = [button for button in SAVE_BUTTONS if button in html]
                assert bool(shown) == editable, (role, opts.label, obj.pk, shown)
                checked.add(opts.label)
    assert {"recruitment.Interview", "recruitment.Introduction", "vacancies.CompanyJoinRequest"} <= checked


@pytest.mark.parametrize(
    "record",
    [
        lambda x: x.interview_a,
        lambda x: x.introduction_a,
        lambda x: x.extra["join_request_x"],
        lambda x: x.extra["closed_x"],
        lambda x: x.extra["placement_a"],
        lambda x: x.match_a,
        lambda x: x.notification_a,
    ],
    ids=["interview", "introduction", "join request", "closed vacancy", "placement", "match", "notification"],
)
def test_display_only_records_carry_no_save_button(client, world, record):
    obj = record(world)
    opts = obj._meta
    client.force_login(world.users["recruiter"])
    html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])).content.decode()
    assert [button for button in SAVE_BUTTONS if button in html] == []


@pytest.mark.parametrize(
    "record", [lambda x: x.vacancy_x, lambda x: x.draft_x, lambda x: x.company_x], ids=["live", "draft", "company"]
)
def test_records_a_recruiter_edits_keep_their_save_buttons(client, world, record):
    obj = record(world)
    opts = obj._meta
    client.force_login(world.users["recruiter"])
    html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])).content.decode()
    assert 'name="_save"' in html
