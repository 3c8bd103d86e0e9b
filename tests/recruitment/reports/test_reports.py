"""The revenue reports: right on a crafted dataset, constant queries, safe CSV, bad dates refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from recruitment.admin.reports import safe_cell
from recruitment.selectors import reports
from tests import factories
from tests.recruitment.placements.support import placement_row

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)
URL = "admin:reports"


@pytest.fixture
def dataset(recruiter):
    """Two clients, two recruiters, four currencies of fee, every invoice state, one refund, one outside."""
    other = factories.RecruiterFactory(email="zoe.recruiter@example.com")
    acme = factories.CompanyFactory(name="Acme Health")
    bolt = factories.CompanyFactory(name="Bolt Payments")
    rows = {
        # Acme, the recruiter: 10,000 EUR paid; 5,000 GBP invoiced and overdue; 20,000 EUR to invoice.
        "paid": placement_row(
            company=acme, recruiter=recruiter, hired_on=dt.date(2026, 1, 10), fee="10000", days_to_hire=10,
            invoice_status="paid", invoice_number="P-1", invoiced_on=dt.date(2026, 2, 1),
            due_on=dt.date(2026, 3, 3), paid_on=dt.date(2026, 3, 1),
        ),
        "overdue": placement_row(
            company=acme, recruiter=recruiter, hired_on=dt.date(2026, 2, 10), fee="5000", currency="GBP",
            days_to_hire=20, invoice_status="invoiced", invoice_number="P-2", invoiced_on=dt.date(2026, 3, 1),
            due_on=dt.date(2026, 3, 31),
        ),
        "to_invoice": placement_row(
            company=acme, recruiter=recruiter, hired_on=dt.date(2026, 4, 2), fee="20000", days_to_hire=30
        ),
        # Bolt, the other recruiter: 1,000 USD invoiced, not yet due; 8,000 EUR refunded.
        "not_due": placement_row(
            company=bolt, recruiter=other, hired_on=dt.date(2026, 5, 5), fee="1000", currency="USD",
            days_to_hire=40, invoice_status="invoiced", invoice_number="P-3", invoiced_on=dt.date(2026, 6, 1),
            due_on=dt.date(2026, 7, 1),
        ),
        "refunded": placement_row(
            company=bolt, recruiter=other, hired_on=dt.date(2026, 5, 20), fee="8000", days_to_hire=100,
            status="fell_through", fell_through_on=dt.date(2026, 6, 1), resolution="refund",
        ),
        # Hired before the period: in no table of the period.
        "outside": placement_row(company=acme, recruiter=recruiter, hired_on=dt.date(2025, 12, 31), fee="99999"),
    }  # fmt: skip
    return rows


def by_label(revenue):
    return {row.label: row for row in revenue.rows}


def test_revenue_by_client_in_euros(dataset):
    revenue = reports.revenue_by_client(start=START, end=END, today=TODAY)
    acme, bolt = by_label(revenue)["Acme Health"], by_label(revenue)["Bolt Payments"]
    gbp = Decimal("5850.00")  # 5,000 GBP at 1.17
    assert acme.placements == 3
    assert acme.placed == Decimal("30000.00") + gbp
    assert acme.invoiced == Decimal("10000.00") + gbp
    assert acme.paid == Decimal("10000.00")
    assert acme.outstanding == gbp
    assert acme.overdue == gbp
    assert acme.refunded == 0
    assert bolt.placements == 2
    assert bolt.placed == bolt.invoiced == bolt.outstanding == Decimal("920.00")  # 1,000 USD at 0.92
    assert bolt.overdue == 0
    assert bolt.refunded == Decimal("8000.00")
    assert revenue.total.placed == acme.placed + bolt.placed
    assert [row.label for row in revenue.rows] == ["Acme Health", "Bolt Payments"]  # most placed first


def test_revenue_by_recruiter(dataset, recruiter):
    revenue = by_label(reports.revenue_by_recruiter(start=START, end=END, today=TODAY))
    zoe = User.objects.get(email="zoe.recruiter@example.com")
    mine, theirs = revenue[recruiter.get_full_name()], revenue[zoe.get_full_name()]  # by name, not email
    assert (mine.placements, mine.paid, mine.overdue) == (3, Decimal("10000.00"), Decimal("5850.00"))
    assert (theirs.placements, theirs.placed, theirs.refunded) == (2, Decimal("920.00"), Decimal("8000.00"))


def test_recruiters_who_share_a_name_or_have_none_are_told_apart_by_email(dataset, recruiter):
    zoe = User.objects.get(email="zoe.recruiter@example.com")
    User.objects.filter(pk__in=[recruiter.pk, zoe.pk]).update(first_name="Sam", last_name="Lee")
    labels = set(by_label(reports.revenue_by_recruiter(start=START, end=END, today=TODAY)))
    assert {f"Sam Lee ({recruiter.email})", "Sam Lee (zoe.recruiter@example.com)"} <= labels
    User.objects.filter(pk=zoe.pk).update(first_name="", last_name="")
    labels = set(by_label(reports.revenue_by_recruiter(start=START, end=END, today=TODAY)))
    assert {"Sam Lee", "zoe.recruiter@example.com"} <= labels


def test_revenue_by_currency_is_not_converted(dataset):
    revenue = by_label(reports.revenue_by_currency(start=START, end=END, today=TODAY))
    assert revenue["GBP"].placed == Decimal("5000.00")
    assert revenue["USD"].placed == Decimal("1000.00")
    assert revenue["EUR"].placed == Decimal("30000.00")
    assert revenue["EUR"].refunded == Decimal("8000.00")


def test_placements_per_quarter(dataset):
    quarters = reports.placements_per_quarter(start=dt.date(2025, 10, 1), end=END)
    assert [(q.label, q.placements, q.fell_through) for q in quarters] == [
        ("2025 Q4", 1, 0),
        ("2026 Q1", 2, 0),
        ("2026 Q2", 3, 1),
    ]
    assert quarters[2].placed == Decimal("20920.00")  # 20,000 EUR + 1,000 USD; the refund left out


def test_time_to_hire(dataset):
    hired = reports.time_to_hire(start=START, end=END)
    assert hired.hires == 5
    assert hired.median_days == 30
    assert hired.mean_days == 40.0
    assert (hired.fastest, hired.slowest) == (10, 100)
    even = reports.time_to_hire(start=START, end=dt.date(2026, 5, 10))  # 10, 20, 30, 40
    assert even.median_days == 25


def test_guarantees_ending_in_the_next_14_days(recruiter):
    soon = placement_row(recruiter=recruiter, hired_on=TODAY, guarantee_ends_on=TODAY + dt.timedelta(days=14))
    placement_row(recruiter=recruiter, hired_on=TODAY, guarantee_ends_on=TODAY + dt.timedelta(days=15))
    placement_row(recruiter=recruiter, hired_on=TODAY, guarantee_ends_on=TODAY - dt.timedelta(days=1))
    placement_row(
        recruiter=recruiter, hired_on=TODAY, guarantee_ends_on=TODAY + dt.timedelta(days=3),
        status="fell_through", fell_through_on=TODAY,
    )  # fmt: skip
    assert [p.pk for p in reports.guarantees_ending(today=TODAY)] == [soon.pk]


# --- The page ---------------------------------------------------------------------------------------


def test_the_page_shows_the_tables(client, recruiter, dataset):
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01", "end": "2026-06-30"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    for text in ("Acme Health", "Revenue by recruiter", "2026 Q2", "Time to hire", "35,850.00"):
        assert text in body
    assert 'for="id_start"' in body
    assert 'for="id_end"' in body


def test_the_page_is_linked_from_the_workspace_home(client, recruiter):
    client.force_login(recruiter)
    assert reverse(URL) in client.get(reverse("admin:index")).content.decode()


def _seed(n: int, recruiters) -> None:
    companies = [factories.CompanyFactory() for _ in range(3)]
    for i in range(n):
        placement_row(
            company=companies[i % 3], recruiter=recruiters[i % 2], hired_on=dt.date(2026, 1 + i % 6, 1 + i % 27),
            currency=["EUR", "GBP", "USD"][i % 3],
        )  # fmt: skip


def test_the_page_makes_the_same_number_of_queries_for_5_and_50_placements(client, recruiter):
    recruiters = [recruiter, factories.RecruiterFactory()]
    client.force_login(recruiter)
    params = {"start": "2025-12-01", "end": "2026-12-31"}
    client.get(reverse(URL), params)  # warm the session and permission caches
    _seed(5, recruiters)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(URL), params).status_code == 200
    _seed(45, recruiters)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse(URL), params).status_code == 200
    assert len(few) == len(many) <= 14


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-13-45", "end": "2026-01-01"},
        {"start": "2026-06-01", "end": "2026-01-01"},
        {"start": "1000-01-01", "end": "2026-01-01"},
        {"start": "2000-01-01", "end": "9999-12-31"},
        {"start": "1990-01-01", "end": "2026-01-01"},
        {"start": "", "end": ""},
        {"start": "x" * 5000, "end": "2026-01-01"},
        {"start": "2026-01-01' OR 1=1 --", "end": "2026-01-01"},
        {"start": ["2026-01-01", "2026-02-01"], "end": "<script>"},
    ],
)
def test_bad_dates_are_form_errors(client, recruiter, params):
    client.force_login(recruiter)
    response = client.get(reverse(URL), params)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode() or "errornote" in response.content.decode()
    export = client.get(reverse(URL), {**params, "export": "client"})
    assert export.status_code == 400
    assert "attachment" not in export.get("Content-Disposition", "")


def test_a_nul_character_is_dropped_not_a_crash(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01\x00", "end": "2026-06-30"}, follow=True)
    assert response.status_code in (200, 400)


def test_an_unknown_table_is_refused(client, recruiter):
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01", "end": "2026-06-30", "export": "../../etc"})
    assert response.status_code == 400
    assert "no such table" in response.content.decode()


# --- CSV ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_cells_are_quoted(value):
    assert safe_cell(value) == "'" + value


def test_plain_cells_are_kept():
    assert [safe_cell(v) for v in ["Acme", 12, Decimal("1.50"), None, ""]] == ["Acme", "12", "1.50", "", ""]


@pytest.mark.parametrize("table", ["client", "recruiter", "currency", "quarter", "time", "guarantees"])
def test_every_table_downloads_as_csv(client, recruiter, dataset, table):
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01", "end": "2026-06-30", "export": table})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) >= 2 or table == "guarantees"


def test_a_hostile_client_name_is_not_a_formula_in_the_csv(client, recruiter):
    evil = factories.CompanyFactory(name='=HYPERLINK("http://evil.example","Click")')
    placement_row(company=evil, recruiter=recruiter, hired_on=dt.date(2026, 2, 2))
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01", "end": "2026-06-30", "export": "client"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "'" + evil.name
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_csv_by_client_holds_the_figures(client, recruiter, dataset):
    client.force_login(recruiter)
    response = client.get(reverse(URL), {"start": "2026-01-01", "end": "2026-06-30", "export": "client"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Client", "Placements", "Placed (EUR)"]
    assert rows[1] == ["Acme Health", "3", "35850.00", "15850.00", "10000.00", "5850.00", "5850.00", "0.00"]
    assert rows[-1][0] == "All"
