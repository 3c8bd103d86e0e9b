"""The workspace's revenue reports: pure reads, each a fixed number of queries that aggregate in SQL
(GROUP BY client, recruiter, currency or quarter), whatever the number of placements.

Money is totalled in euros at the reference rates of `accounts.money` (the rates matching uses), so a
GBP fee and a USD fee add up; the table by currency gives the same totals in each fee's own currency.
A placement belongs to the period it was hired in. The columns:

- placed: the fees of the placements hired in the period (those refunded after falling through excluded);
- invoiced: of those, invoiced (paid or not); paid; outstanding: invoiced, not paid;
- overdue: invoiced, not paid, past the due date; refunded: fell through with the fee refunded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from accounts.models import User
from recruitment.models.placements import Placement
from vacancies.models import Company

CENT = Decimal("0.01")
GUARANTEE_ROWS = 50
# What the guarantees table shows (the vacancy's long description stays in the database).
GUARANTEE_FIELDS = (
    "guarantee_ends_on",
    "start_date",
    "company__name",
    "recruiter__email",
    "recruiter__first_name",
    "recruiter__last_name",
    "application__vacancy__title",
    "application__candidate__first_name",
    "application__candidate__last_name",
    "application__candidate__email",
)

Invoice = Placement.InvoiceStatus
REFUNDED = Q(status=Placement.Status.FELL_THROUGH, resolution=Placement.Resolution.REFUND)
BILLED = Q(invoice_status__in=[Invoice.INVOICED, Invoice.PAID])


def _money(value) -> Decimal:
    return Decimal(value or 0).quantize(CENT, ROUND_HALF_UP)


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period's first moment and the moment after its last day, in the site's time zone."""
    zone = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return first, after


def placements_hired(*, start: dt.date, end: dt.date):
    first, after = bounds(start, end)
    return Placement.objects.filter(hired_at__gte=first, hired_at__lt=after)


MONEY_COLUMNS = ("placed", "invoiced", "paid", "outstanding", "overdue", "refunded")


def _money_aggregates(*, today: dt.date, amount=None) -> dict:
    amount = F("fee_eur") if amount is None else amount
    kept = ~REFUNDED
    outstanding = kept & Q(invoice_status=Invoice.INVOICED)
    return {
        "placements": Count("pk"),
        "placed": Sum(amount, filter=kept),
        "invoiced": Sum(amount, filter=kept & BILLED),
        "paid": Sum(amount, filter=kept & Q(invoice_status=Invoice.PAID)),
        "outstanding": Sum(amount, filter=outstanding),
        "overdue": Sum(amount, filter=outstanding & Q(due_on__lt=today)),
        "refunded": Sum(amount, filter=REFUNDED),
    }


@dataclass
class RevenueRow:
    key: object
    label: str
    placements: int
    placed: Decimal
    invoiced: Decimal
    paid: Decimal
    outstanding: Decimal
    overdue: Decimal
    refunded: Decimal

    @property
    def cells(self) -> list[str]:
        """The money columns as the page shows them (formatted here: thousands of template filters are slow)."""
        return [f"{getattr(self, name):,.2f}" for name in MONEY_COLUMNS]


@dataclass
class Revenue:
    rows: list[RevenueRow]
    total: RevenueRow = field(init=False)
    SHOWN = 25  # rows on the page (most placed first); the CSV has them all

    @property
    def shown(self) -> list[RevenueRow]:
        return self.rows[: self.SHOWN]

    @property
    def hidden(self) -> int:
        return max(0, len(self.rows) - self.SHOWN)

    def __post_init__(self):
        sums = {name: sum((getattr(r, name) for r in self.rows), Decimal("0.00")) for name in MONEY_COLUMNS}
        self.total = RevenueRow(key=None, label="All", placements=sum(r.placements for r in self.rows), **sums)


def _revenue(queryset, *, key: str, names, today: dt.date, fallback: str, amount=None) -> Revenue:
    """Group by a column of the placement itself (no join: the reports' hot path), then name the groups
    with one more query (`names`: {key: label} for the keys found)."""
    grouped = list(queryset.order_by().values(key).annotate(**_money_aggregates(today=today, amount=amount)))
    labels = names([row[key] for row in grouped if row[key] is not None])
    rows = [
        RevenueRow(
            key=row[key],
            label=labels.get(row[key]) or fallback,
            placements=row["placements"],
            **{name: _money(row[name]) for name in MONEY_COLUMNS},
        )
        for row in grouped
    ]
    rows.sort(key=lambda r: (-r.placed, r.label))
    return Revenue(rows=rows)


def revenue_by_client(*, start: dt.date, end: dt.date, today: dt.date) -> Revenue:
    return _revenue(
        placements_hired(start=start, end=end),
        key="company_id",
        names=lambda ids: dict(Company.objects.filter(pk__in=ids).values_list("pk", "name")),
        today=today,
        fallback="(no name)",
    )


def _recruiter_names(ids) -> dict[int, str]:
    """Each recruiter by name (their email when they have none, or when two share a name)."""
    people = User.objects.filter(pk__in=ids).only("email", "first_name", "last_name")
    shown = {person.pk: str(person) for person in people}
    seen: dict[str, int] = {}
    for name in shown.values():
        seen[name] = seen.get(name, 0) + 1
    return {
        person.pk: f"{shown[person.pk]} ({person.email})" if seen[shown[person.pk]] > 1 else shown[person.pk]
        for person in people
    }


def revenue_by_recruiter(*, start: dt.date, end: dt.date, today: dt.date) -> Revenue:
    return _revenue(
        placements_hired(start=start, end=end),
        key="recruiter_id",
        names=_recruiter_names,
        today=today,
        fallback="(nobody credited)",
    )


def revenue_by_currency(*, start: dt.date, end: dt.date, today: dt.date) -> Revenue:
    """The same money in each fee's own currency (not converted)."""
    return _revenue(
        placements_hired(start=start, end=end),
        key="fee_currency",
        names=lambda codes: {code: code for code in codes},
        today=today,
        fallback="",
        amount=F("fee_amount"),
    )


@dataclass(frozen=True)
class QuarterRow:
    quarter: dt.date
    label: str
    placements: int
    fell_through: int
    placed: Decimal


def quarters(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every quarter that meets the period."""
    first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    days = []
    while first <= end:
        days.append(first)
        first = dt.date(first.year + (first.month + 2) // 12, (first.month + 2) % 12 + 1, 1)
    return days


def placements_per_quarter(*, start: dt.date, end: dt.date) -> list[QuarterRow]:
    """One query: each placement's quarter is found by comparing its hire with the quarters' bounds in SQL
    (a CASE over at most 41 quarters), then grouped."""
    firsts = quarters(start, end)
    bucket = Case(
        *(When(hired_at__lt=bounds(day, day)[0], then=Value(i - 1)) for i, day in enumerate(firsts[1:], start=1)),
        default=Value(len(firsts) - 1),
        output_field=IntegerField(),
    )
    rows = (
        placements_hired(start=start, end=end)
        .order_by()
        .annotate(bucket=bucket)
        .values("bucket")
        .annotate(
            placements=Count("pk"),
            fell_through=Count("pk", filter=Q(status=Placement.Status.FELL_THROUGH)),
            placed=Sum("fee_eur", filter=~REFUNDED),
        )
        .order_by("bucket")
    )
    result = []
    for row in rows:
        day = firsts[row["bucket"]]
        result.append(
            QuarterRow(
                quarter=day,
                label=f"{day.year} Q{(day.month - 1) // 3 + 1}",
                placements=row["placements"],
                fell_through=row["fell_through"],
                placed=_money(row["placed"]),
            )
        )
    return result


@dataclass(frozen=True)
class TimeToHire:
    hires: int
    mean_days: float | None
    median_days: float | None
    fastest: int | None
    slowest: int | None


def time_to_hire(*, start: dt.date, end: dt.date) -> TimeToHire:
    """Days from the first contact (a logged contact, the introduction or the application) to the hire.
    One query: how many hires took each number of days (a few hundred distinct values at most), from which
    the count, mean, median and range follow without reading the placements one by one."""
    histogram = list(
        placements_hired(start=start, end=end)
        .filter(days_to_hire__isnull=False)
        .order_by()
        .values_list("days_to_hire")
        .annotate(hires=Count("pk"))
        .order_by("days_to_hire")
    )
    hires = sum(n for _, n in histogram)
    if not hires:
        return TimeToHire(hires=0, mean_days=None, median_days=None, fastest=None, slowest=None)
    middle = []
    seen = 0
    for days, n in histogram:
        for position in ((hires - 1) // 2, hires // 2):
            if seen <= position < seen + n:
                middle.append(days)
        seen += n
    return TimeToHire(
        hires=hires,
        mean_days=round(sum(days * n for days, n in histogram) / hires, 1),
        median_days=sum(middle) / len(middle),
        fastest=histogram[0][0],
        slowest=histogram[-1][0],
    )


def guarantees_ending(*, today: dt.date, days: int = 14) -> list[Placement]:
    """Active placements whose guarantee ends within `days` days, soonest first (one query)."""
    return list(
        Placement.objects.guarantee_ending(today=today, days=days)
        .select_related("application__candidate", "application__vacancy", "company", "recruiter")
        .only(*GUARANTEE_FIELDS)
        .order_by("guarantee_ends_on", "pk")[:GUARANTEE_ROWS]
    )
