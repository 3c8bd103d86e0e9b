"""Money in templates, written as the workspace writes it everywhere (accounts.money): `{{ fee|amount }}` reads
"25,000.00", `{{ fee|in_currency:"EUR" }}` reads "EUR 25,000.00"."""

from django import template

from accounts.money import amount_text, money_text

register = template.Library()


@register.filter(name="amount")
def amount(value) -> str:
    """A sum of money with thousands separated and two decimals; "" for nothing or junk."""
    return amount_text(value)


@register.filter(name="in_currency")
def in_currency(value, currency) -> str:
    """The sum with its currency first; "" for nothing or junk."""
    return money_text(value, str(currency))
