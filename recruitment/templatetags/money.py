"""Money in templates: `{{ placement.fee_amount|amount }}` reads "25,000.00"."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter(name="amount")
def amount(value) -> str:
    """A sum of money with thousands separated and two decimals; "" for nothing or junk."""
    try:
        return f"{Decimal(value):,.2f}"
    except (TypeError, ValueError, InvalidOperation):
        return ""
