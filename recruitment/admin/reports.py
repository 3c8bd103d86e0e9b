"""The workspace's Revenue reports page (/admin/reports/) and its CSV downloads.

GET only: a period form (dates checked: a bad date, an impossible or over-long period is a form error,
never a crash), the tables of `recruitment.selectors.reports`, and `?export=<table>` with the same parameters for
a CSV attachment. Every CSV cell that a spreadsheet would read as a formula (it starts with = + - @, a
tab or a carriage return) is prefixed with a single quote."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable

from django import forms
from django.http import HttpResponse
from django.utils import timezone

from recruitment.selectors import reports

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
VIEW_PERMISSION = "recruitment.view_placement"


class ReportPeriodForm(forms.Form):
    """Placements hired between two dates (inclusive)."""

    MAX_DAYS = 366 * 10
    EARLIEST = dt.date(2000, 1, 1)

    start = forms.DateField(label="Hired from", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    end = forms.DateField(label="Hired to", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start, end = self.default_period()
        self.fields["start"].initial = start
        self.fields["end"].initial = end

    @staticmethod
    def default_period() -> tuple[dt.date, dt.date]:
        today = timezone.localdate()
        return today - dt.timedelta(days=364), today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        latest = timezone.localdate() + dt.timedelta(days=366)
        for name, day in (("start", start), ("end", end)):
            if day and not self.EARLIEST <= day <= latest:
                self.add_error(name, f"Choose a date between {self.EARLIEST:%-d %b %Y} and {latest:%-d %b %Y}.")
                return data
        if start and end:
            if start > end:
                raise forms.ValidationError("The start date must be on or before the end date.")
            if (end - start).days > self.MAX_DAYS:
                raise forms.ValidationError("Choose a period of at most ten years.")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default_period()


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


REVENUE_HEADER = [
    "Placements",
    "Placed (EUR)",
    "Invoiced (EUR)",
    "Paid (EUR)",
    "Outstanding (EUR)",
    "Overdue (EUR)",
    "Refunded (EUR)",
]


def _revenue_rows(revenue: reports.Revenue, *, total: bool = True):
    for row in [*revenue.rows, revenue.total] if total else revenue.rows:
        yield [row.label, row.placements, *(getattr(row, name) for name in reports.MONEY_COLUMNS)]


def _candidate_name(placement) -> str:
    candidate = placement.application.candidate
    return (candidate.get_full_name() or candidate.email) if candidate else "Deleted candidate"


def export(table: str, *, start: dt.date, end: dt.date, today: dt.date) -> HttpResponse | None:
    """The CSV of one table; None for a table that does not exist."""
    stem = f"{start:%Y%m%d}-{end:%Y%m%d}"
    if table == "client":
        revenue = reports.revenue_by_client(start=start, end=end, today=today)
        return csv_response(f"revenue-by-client-{stem}.csv", ["Client", *REVENUE_HEADER], _revenue_rows(revenue))
    if table == "recruiter":
        revenue = reports.revenue_by_recruiter(start=start, end=end, today=today)
        return csv_response(f"revenue-by-recruiter-{stem}.csv", ["Recruiter", *REVENUE_HEADER], _revenue_rows(revenue))
    if table == "currency":
        revenue = reports.revenue_by_currency(start=start, end=end, today=today)
        header = ["Currency", *(h.replace(" (EUR)", "") for h in REVENUE_HEADER)]
        return csv_response(f"revenue-by-currency-{stem}.csv", header, _revenue_rows(revenue, total=False))
    if table == "quarter":
        rows = reports.placements_per_quarter(start=start, end=end)
        return csv_response(
            f"placements-per-quarter-{stem}.csv",
            ["Quarter", "Placements", "Fell through", "Placed (EUR)"],
            ([r.label, r.placements, r.fell_through, r.placed] for r in rows),
        )
    if table == "time":
        t = reports.time_to_hire(start=start, end=end)
        return csv_response(
            f"time-to-hire-{stem}.csv",
            ["Hires", "Median days", "Mean days", "Fastest (days)", "Slowest (days)"],
            [[t.hires, t.median_days, t.mean_days, t.fastest, t.slowest]],
        )
    if table == "guarantees":
        rows = reports.guarantees_ending(today=today)
        return csv_response(
            f"guarantees-ending-{today:%Y%m%d}.csv",
            ["Guarantee ends", "Candidate", "Role", "Client", "Start date", "Recruiter"],
            (
                [
                    p.guarantee_ends_on,
                    _candidate_name(p),
                    p.application.vacancy.title,
                    p.company.name,
                    p.start_date,
                    str(p.recruiter) if p.recruiter else "",
                ]
                for p in rows
            ),
        )
    return None


EXPORTS = ("client", "recruiter", "currency", "quarter", "time", "guarantees")


def report_context(*, start: dt.date, end: dt.date, today: dt.date) -> dict:
    return {
        "by_client": reports.revenue_by_client(start=start, end=end, today=today),
        "by_recruiter": reports.revenue_by_recruiter(start=start, end=end, today=today),
        "by_currency": reports.revenue_by_currency(start=start, end=end, today=today),
        "quarters": reports.placements_per_quarter(start=start, end=end),
        "time_to_hire": reports.time_to_hire(start=start, end=end),
        "guarantees": reports.guarantees_ending(today=today),
        "start": start,
        "end": end,
        "today": today,
    }
