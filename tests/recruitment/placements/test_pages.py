"""Placement pages: the workspace's list and actions, the client's terms, the employer's Placements page,
the candidate's "Offer accepted" and the guarantee reminders. Fees never reach a candidate."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import CandidateProfile
from recruitment import tasks
from recruitment.emails.placements import guarantee_ending_notifications
from recruitment.models import Notification
from recruitment.models.placements import ClientTerms, Placement
from recruitment.outbox.render import build_message
from recruitment.services.placements import placement_invoice, placement_update
from tests import factories
from tests.recruitment.placements.support import hire, placement_row

pytestmark = pytest.mark.django_db

FEE_TEXT = "31,415.92"  # how a fee could be written on a page
FEE_PLAIN = "31415.92"


def change_url(placement) -> str:
    return reverse("admin:recruitment_placement_change", args=[placement.pk])


def action_url(placement, action: str) -> str:
    return reverse(f"admin:recruitment_placement_{action}", args=[placement.pk])


@pytest.fixture
def placement(recruiter, employer):
    company = employer.employer_profile.company
    application = hire(recruiter=recruiter, company=company)
    return Placement.objects.get(application=application)


def priced(placement, recruiter, salary="157079.60"):
    return placement_update(
        placement=placement, by=recruiter, start_date=timezone.localdate(), base_salary=salary, currency="EUR"
    )


# --- The workspace ------------------------------------------------------------------------------


def test_recruiter_records_salary_invoice_and_payment_through_the_page(client, recruiter, placement):
    client.force_login(recruiter)
    assert client.get(change_url(placement)).status_code == 200
    today = timezone.localdate().isoformat()
    response = client.post(
        action_url(placement, "details"), {"start_date": today, "base_salary": "157079.60", "currency": "EUR"}
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.fee_amount == Decimal(FEE_PLAIN)
    client.post(action_url(placement, "invoice"), {"number": "NS-77", "invoiced_on": today})
    client.post(action_url(placement, "paid"), {"paid_on": today})
    placement.refresh_from_db()
    assert (placement.invoice_status, placement.invoice_number) == ("paid", "NS-77")
    page = client.get(change_url(placement)).content.decode()
    assert "NS-77" in page
    assert f"EUR {FEE_TEXT}" in page
    assert page.count("<h1") == 1


def test_recruiter_marks_a_fall_through(client, recruiter, placement):
    priced(placement, recruiter)
    client.force_login(recruiter)
    today = timezone.localdate().isoformat()
    client.post(action_url(placement, "fall_through"), {"on": today, "resolution": "replacement", "note": "Left."})
    placement.refresh_from_db()
    assert (placement.status, placement.resolution) == ("fell_through", "replacement")


HOSTILE = ["\x00", "x" * 5000, "<script>alert(1)</script>", "'; DROP TABLE x; --", "9" * 400, "NaN", "-1", "=1+1"]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("details", ("start_date", "base_salary", "currency")),
        ("invoice", ("number", "invoiced_on")),
        ("paid", ("paid_on",)),
        ("fall_through", ("on", "resolution", "note")),
        ("back_on", ("on",)),
    ],
)
def test_hostile_input_on_every_form_changes_nothing(client, recruiter, placement, action, fields, value):
    client.force_login(recruiter)
    before = Placement.objects.filter(pk=placement.pk).values().get()
    profile_before = CandidateProfile.objects.filter(user_id=placement.application.candidate_id).values().get()
    for field in fields:
        data = {name: value if name == field else "" for name in fields}
        response = client.post(action_url(placement, action), data)
        # Refused: the placement's page again with the form as typed (was a redirect that lost it).
        assert response.status_code in (302, 400)
    after = Placement.objects.filter(pk=placement.pk).values().get()
    assert after == before
    assert CandidateProfile.objects.filter(user_id=placement.application.candidate_id).values().get() == profile_before


def test_actions_refuse_get_and_need_csrf(recruiter, placement):
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)
    today = timezone.localdate().isoformat()
    for action in ("details", "invoice", "paid", "fall_through", "back_on"):
        assert client.get(action_url(placement, action)).status_code == 405
        response = client.post(action_url(placement, action), {"number": "X-1", "invoiced_on": today})
        assert response.status_code == 403
    placement.refresh_from_db()
    assert placement.invoice_status == "to_invoice"


def test_a_recruiter_without_the_permission_cannot_act(client, placement):
    outsider = factories.UserFactory(role="recruiter", is_staff=True)
    client.force_login(outsider)
    response = client.post(action_url(placement, "paid"), {"paid_on": timezone.localdate().isoformat()})
    assert response.status_code == 403


def test_placement_list_filters_and_query_count(client, recruiter, django_assert_max_num_queries):
    client.force_login(recruiter)
    url = reverse("admin:recruitment_placement_changelist")
    for _ in range(3):
        placement_row(recruiter=recruiter, hired_on=timezone.localdate())
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    for _ in range(20):
        placement_row(recruiter=recruiter, hired_on=timezone.localdate())
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
    for params in (
        {"invoice_status__exact": "invoiced"},
        {"payment": "overdue"},
        {"status__exact": "fell_through"},
        {"q": "=cmd"},
        {"payment": "\x00"},
    ):
        assert client.get(url, params, follow=True).status_code == 200


def test_company_page_keeps_the_clients_terms(client, recruiter):
    company = factories.CompanyFactory()
    client.force_login(recruiter)
    url = reverse("admin:vacancies_company_change", args=[company.pk])
    page = client.get(url).content.decode()
    assert 'id="terms-group"' in page
    data = {
        "name": company.name,
        "website": "",
        "industry": "",
        "size": "",
        "description": "",
        "employers-TOTAL_FORMS": "0",
        "employers-INITIAL_FORMS": "0",
        "terms-TOTAL_FORMS": "1",
        "terms-INITIAL_FORMS": "0",
        "terms-0-fee_type": "flat",
        "terms-0-fee_percent": "20",
        "terms-0-flat_fee": "",
        "terms-0-flat_fee_currency": "EUR",
        "terms-0-guarantee_days": "120",
        "terms-0-payment_days": "45",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # a flat fee needs its amount
    assert not ClientTerms.objects.filter(company=company).exists()
    response = client.post(url, {**data, "terms-0-flat_fee": "25000"})
    assert response.status_code == 302
    terms = ClientTerms.objects.get(company=company)
    assert (terms.fee_type, terms.flat_fee, terms.guarantee_days, terms.payment_days) == ("flat", 25000, 120, 45)
    for bad in ("101", "-1", "abc", "\x00"):
        response = client.post(url, {**data, "terms-0-fee_type": "percent", "terms-0-fee_percent": bad})
        assert response.status_code == 200


# --- The employer -------------------------------------------------------------------------------


def test_employer_sees_their_placements_with_fee_and_invoice(client, recruiter, employer, placement):
    priced(placement, recruiter)
    placement_invoice(placement=placement, by=recruiter, number="INV-9", invoiced_on=timezone.localdate())
    client.force_login(employer)
    body = client.get(reverse("employer_placements:list")).content.decode()
    assert f"Fee EUR {FEE_TEXT}" in body  # thousands separated
    assert "INV-9" in body
    assert placement.application.vacancy.title in body
    assert body.count("<h1") == 1


def test_another_employer_sees_none_of_them(client, recruiter, other_employer, placement):
    priced(placement, recruiter)
    client.force_login(other_employer)
    response = client.get(reverse("employer_placements:list"))
    assert response.status_code == 200
    assert FEE_PLAIN not in response.content.decode()
    assert FEE_TEXT not in response.content.decode()
    assert placement.application.vacancy.title not in response.content.decode()


def test_candidates_and_recruiters_cannot_open_the_employer_page(client, candidate, recruiter):
    for user in (candidate, recruiter):
        client.force_login(user)
        assert client.get(reverse("employer_placements:list")).status_code == 403
    client.logout()
    assert client.get(reverse("employer_placements:list")).status_code == 302


def test_employer_page_query_count_does_not_grow(client, recruiter, employer, django_assert_max_num_queries):
    company = employer.employer_profile.company
    client.force_login(employer)
    url = reverse("employer_placements:list")
    placement_row(company=company, recruiter=recruiter, hired_on=timezone.localdate())
    client.get(url)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(10):
        placement_row(company=company, recruiter=recruiter, hired_on=timezone.localdate())
    with django_assert_max_num_queries(len(few)):
        client.get(url)


# --- The candidate --------------------------------------------------------------------------------


def test_candidate_sees_offer_accepted_and_never_the_fee(client, recruiter, placement):
    priced(placement, recruiter)
    start = timezone.localdate()
    candidate = placement.application.candidate
    client.force_login(candidate)
    pages = [
        client.get(reverse("applications:application_detail", args=[placement.application_id])),
        client.get(reverse("applications:application_list")),
        client.get(reverse("accounts:dashboard")),
    ]
    detail = pages[0].content.decode()
    assert "Offer accepted" in detail
    assert f'starting on <time datetime="{start:%Y-%m-%d}">' in detail
    for page in pages:
        text = page.content.decode()
        assert FEE_TEXT not in text
        assert FEE_PLAIN not in text
    export = client.get(reverse("privacy:export"))
    with zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content) if export.streaming else export.content)) as z:
        data = b"".join(z.read(name) for name in z.namelist() if name.endswith(".json")).decode()
    assert FEE_PLAIN not in data
    # No fee, fee terms or invoice anywhere in the export: no key names one ("employer_feedback" is not a fee).
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(data))
    assert not {key for key in keys if "fee" in key.lower() and key != "employer_feedback"}
    assert not {key for key in keys if "invoice" in key.lower() or "guarantee" in key.lower()}


# --- The guarantee reminder -----------------------------------------------------------------------


def test_guarantee_reminder_once_per_placement_to_the_credited_recruiter(recruiter, settings, mailoutbox):
    today = timezone.localdate()
    soon = placement_row(recruiter=recruiter, hired_on=today, guarantee_ends_on=today + dt.timedelta(days=10))
    placement_row(recruiter=recruiter, hired_on=today, guarantee_ends_on=today + dt.timedelta(days=30))
    ids = guarantee_ending_notifications(today=today)
    assert len(ids) == 1
    row = Notification.objects.get(pk=ids[0])
    assert (row.kind, row.recipient, row.dedupe_key) == ("guarantee_ending", recruiter, f"guarantee_ending:{soon.pk}")
    assert guarantee_ending_notifications(today=today) == []  # the next day's run sends nothing twice
    message = build_message(row)
    assert "Guarantee ends" in message.subject
    assert change_url(soon) in message.body
    settings.CELERY_TASK_ALWAYS_EAGER = True
    Notification.objects.all().delete()
    assert tasks.guarantees_ending_task.apply().get() == 1


def test_the_hired_applications_workspace_page_links_to_its_placement(client, recruiter, placement):
    client.force_login(recruiter)
    page = client.get(reverse("admin:vacancies_application_change", args=[placement.application_id]))
    assert change_url(placement) in page.content.decode()


def test_amounts_are_written_with_thousands_separated_and_two_decimals():
    from recruitment.templatetags.money import amount

    assert amount(Decimal("25000")) == "25,000.00"
    assert amount(Decimal("1234567.5")) == "1,234,567.50"
    assert amount(None) == ""
    assert amount("not a number") == ""
