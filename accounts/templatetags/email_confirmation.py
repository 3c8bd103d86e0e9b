"""For the email confirmation page: the address a confirmation link names, once it is confirmed.

allauth answers a used link like a broken one ("expired or invalid"); the page says "already confirmed"
instead when the link is genuine (signed by us) and its address is verified."""

from allauth.account import app_settings
from allauth.account.models import EmailAddress
from django import template
from django.core import signing

register = template.Library()


@register.simple_tag
def confirmed_address(key: str) -> EmailAddress | None:
    """The verified address this link was for, or None (not our signature, unknown or still unconfirmed)."""
    try:
        pk = signing.loads(str(key or ""), salt=app_settings.SALT)
    except signing.BadSignature:
        return None
    return EmailAddress.objects.filter(pk=pk, verified=True).first() if isinstance(pk, int) else None
