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

from django.db.models import Avg, Case, Count, DecimalField, F, Max, Min, Q, Sum, Value, When
from django.db.models.functions import TruncQuarter
from django.utils import timezone

from accounts.money import EUR_PER_UNIT
from recruitment.placement_models import Placement

CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=20, decimal_places=2)
GUARANTEE_ROWS = 200

Invoice = Placement.InvoiceStatus
REFUNDED = Q(status=Placement.Status.FELL_THROUGH, resolution=Placement.Resolution.REFUND)
BILLED = Q(invoice_status__in=[Invoice.INVOICED, Invoice.PAID])


def fee_in_eur() -> Case:
    """The fee in euros, by the row's fee currency (SQL)."""
    whens = [
        When(fee_currency=code, then=F("fee_amount") * Value(Decimal(str(rate)), output_field=MONEY))
        for code, rate in EUR_PER_UNIT.items()
    ]
    return Case(*whens, default=F("fee_amount"), output_field=MONEY)


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
    amount = fee_in_eur() if amount is None else amount
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


@dataclass
class Revenue:
    rows: list[RevenueRow]
    total: RevenueRow = field(init=False)

    def __post_init__(self):
        sums = {name: sum((getattr(r, name) for r in self.rows), Decimal("0.00")) for name in MONEY_COLUMNS}
        self.total = RevenueRow(key=None, label="All", placements=sum(r.placements for r in self.rows), **sums)


def _revenue(queryset, *, key: str, label: str, today: dt.date, fallback: str, amount=None) -> Revenue:
    grouped = (
        queryset.order_by()
        .values(key, label)
        .annotate(**_money_aggregates(today=today, amount=amount))
        .order_by(label, key)
    )
    rows = [
        RevenueRow(
            key=row[key],
            label=row[label] or fallback,
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
        key="application__vacancy__company_id",
        label="application__vacancy__company__name",
        today=today,
        fallback="(no name)",
    )


def revenue_by_recruiter(*, start: dt.date, end: dt.date, today: dt.date) -> Revenue:
    return _revenue(
        placements_hired(start=start, end=end),
        key="recruiter_id",
        label="recruiter__email",
        today=today,
        fallback="(nobody credited)",
    )


def revenue_by_currency(*, start: dt.date, end: dt.date, today: dt.date) -> Revenue:
    """The same money in each fee's own currency (not converted)."""
    return _revenue(
        placements_hired(start=start, end=end),
        key="fee_currency",
        label="fee_currency",
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


def placements_per_quarter(*, start: dt.date, end: dt.date) -> list[QuarterRow]:
    rows = (
        placements_hired(start=start, end=end)
        .order_by()
        .annotate(quarter=TruncQuarter("hired_at"))
        .values("quarter")
        .annotate(
            placements=Count("pk"),
            fell_through=Count("pk", filter=Q(status=Placement.Status.FELL_THROUGH)),
            placed=Sum(fee_in_eur(), filter=~REFUNDED),
        )
        .order_by("quarter")
    )
    result = []
    for row in rows:
        quarter = row["quarter"]
        day = timezone.localtime(quarter).date() if isinstance(quarter, dt.datetime) else quarter
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
    """Days from the first contact (a logged contact, the introduction or the application) to the hire:
    two queries (the aggregates, then the middle one or two values)."""
    measured = placements_hired(start=start, end=end).filter(days_to_hire__isnull=False)
    stats = measured.aggregate(
        hires=Count("pk"), mean=Avg("days_to_hire"), fastest=Min("days_to_hire"), slowest=Max("days_to_hire")
    )
    hires = stats["hires"]
    median = None
    if hires:
        middle = list(
            measured.order_by("days_to_hire", "pk").values_list("days_to_hire", flat=True)[
                (hires - 1) // 2 : hires // 2 + 1
            ]
        )
        median = sum(middle) / len(middle)
    mean = round(float(stats["mean"]), 1) if stats["mean"] is not None else None
    return TimeToHire(
        hires=hires, mean_days=mean, median_days=median, fastest=stats["fastest"], slowest=stats["slowest"]
    )


def guarantees_ending(*, today: dt.date, days: int = 14) -> list[Placement]:
    """Active placements whose guarantee ends within `days` days, soonest first (one query)."""
    return list(
        Placement.objects.guarantee_ending(today=today, days=days)
        .select_related("application__candidate", "application__vacancy__company", "recruiter")
        .order_by("guarantee_ends_on", "pk")[:GUARANTEE_ROWS]
    )
