"""Money across currencies, in one place: the fixed reference rates that matching, the board's salary
sort and filter, and the stored normalised salary bands all use.

Fixed reference rates (euros per unit of each currency) keep comparisons deterministic: precision is not
the point, the order is (a SEK 1,450,000 band is not above a CHF 260,000 one). A rate change is a code
change, and the stored bands follow it through a migration (they are generated columns)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Case, F, FloatField, Value, When

from accounts.choices import Currency

REFERENCE_CURRENCY = Currency.EUR
EUR_PER_UNIT = {
    "EUR": 1.0,
    "GBP": 1.17,
    "USD": 0.92,
    "CHF": 1.04,
    "SEK": 0.088,
    "DKK": 0.134,
    "NOK": 0.086,
    "PLN": 0.23,
    "CAD": 0.68,
}


def to_eur(amount: int | float | None, currency: str) -> float | None:
    if amount is None:
        return None
    return amount * EUR_PER_UNIT.get(currency, 1.0)


def money(amount: int, currency: str) -> str:
    return f"{currency} {amount:,}"


def converted(amount: int | float, currency: str, into: str) -> float:
    """`amount` of `currency` in `into`, at the reference rates."""
    return amount * EUR_PER_UNIT.get(currency, 1.0) / EUR_PER_UNIT.get(into, 1.0)


def floor_against_band(floor: int | None, floor_currency: str, band_max: int, band_currency: str) -> str:
    """A candidate's salary floor as a client may read it: "Within your band", or how far above the band's top
    it sits, in the band's currency ("About EUR 12,000 above your band's top"), never the floor itself."""
    if floor is None:
        return "Not given"
    above = converted(floor, floor_currency, band_currency) - band_max
    if above <= 0:
        return "Within your band"
    rounded = max(round(above, -3), 1_000) if above >= 1_000 else round(above, -1)
    return f"About {band_currency} {rounded:,.0f} above your band's top"


def money_compared(amount: int, currency: str, against: str) -> str:
    """An amount written so that someone thinking in `against` can judge it: "NOK 1,700,000, about EUR 146,000"
    (rounded to the thousand, or to ten under 10,000); just the amount when the currencies agree."""
    if currency == against:
        return money(amount, currency)
    value = converted(amount, currency, against)
    rounded = round(value, -3) if value >= 10_000 else round(value, -1)
    return f"{money(amount, currency)}, about {against} {rounded:,.0f}"


def amount_text(value) -> str:
    """A sum of money with thousands separated and two decimals: "25,000.00"; "" for nothing or junk."""
    try:
        return f"{Decimal(value):,.2f}"
    except (TypeError, ValueError, InvalidOperation):
        return ""


def money_text(value, currency: str) -> str:
    """How the workspace writes a sum of money, everywhere: "EUR 25,000.00" ("" for nothing)."""
    shown = amount_text(value)
    return f"{currency} {shown}" if shown else ""


def eur_expression(amount_field: str, currency_field: str) -> Case:
    """SQL for `amount_field` in euros, by the row's `currency_field`."""
    whens = [
        When(**{currency_field: code}, then=F(amount_field) * Value(rate, output_field=FloatField()))
        for code, rate in EUR_PER_UNIT.items()
    ]
    return Case(*whens, default=F(amount_field), output_field=FloatField())
