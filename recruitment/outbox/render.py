"""An outbox row rendered into its email, whatever its kind: a subject, a plain-text and an HTML part from
paired templates (templates/recruitment/email/<kind>_subject.txt, <kind>.txt, <kind>.html), absolute links
built from SITE_URL, a stable Message-ID, and List-Unsubscribe headers (RFC 8058) on the kinds registered as
mass email. What the templates say beyond the common part comes from the kind's own `context` (registered by
its feature in `recruitment.emails`); a context may add `attachments` as (file name, content, MIME type).
Times are written in the recipient's zone, whoever sends: the row is built and rendered with it active."""

from __future__ import annotations

import functools
import hashlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.text import strip_control
from accounts.time_zones import zone_named
from recruitment.models import Notification
from recruitment.outbox.kinds import kind_for
from recruitment.signed_links import unsubscribe_url


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def first_url(*candidates: tuple[str, dict | None]) -> str:
    """The absolute URL of the first route that exists (pages other parts of the site may add later)."""
    if all(kwargs is None for _, kwargs in candidates):
        return _first_static_url(tuple(name for name, _ in candidates))
    for name, kwargs in candidates:
        try:
            return absolute(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue
    return absolute("/")


@functools.lru_cache(maxsize=64)
def _first_static_url(names: tuple[str, ...]) -> str:
    # Routes without arguments never change while the process runs: resolve each list once.
    return first_url(*((name, {}) for name in names))


def message_id(notification: Notification) -> str:
    """Stable per row, so a re-delivery after a crash carries the same Message-ID (mail clients
    collapse those)."""
    digest = hashlib.sha256(notification.dedupe_key.encode()).hexdigest()[:16]
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notification.{notification.pk}.{digest}@{host}>"


def salary_display(vacancy) -> str:
    return f"{vacancy.salary_currency} {vacancy.salary_min:,}\N{EN DASH}{vacancy.salary_max:,} a year"


class MessageCache:
    """What many emails of one batch share (a vacancy's link, place and pay), computed once."""

    def __init__(self) -> None:
        self.vacancies: dict[int, dict] = {}

    def vacancy(self, vacancy) -> dict:
        if vacancy is None:
            return {}
        cached = self.vacancies.get(vacancy.pk)
        if cached is None:
            cached = self.vacancies[vacancy.pk] = {
                "vacancy": vacancy,
                "vacancy_url": absolute(vacancy.get_absolute_url()),
                "location": vacancy.location_display,
                "salary": salary_display(vacancy),
            }
        return cached


def message_context(notification: Notification, *, shared: MessageCache | None = None) -> dict:
    shared = shared or MessageCache()
    recipient = notification.recipient
    context = {
        "notification": notification,
        "recipient": recipient,
        "greeting_name": (recipient.first_name if recipient else "") or "there",
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "home_url": absolute("/"),
        **shared.vacancy(notification.vacancy),
        **notification.context,
    }
    kind = kind_for(notification.kind)
    if kind.unsubscribe and recipient is not None:
        context["unsubscribe_url"] = unsubscribe_url(recipient)
    if kind.context is not None:
        context.update(kind.context(notification, shared))
    return context


def recipient_zone(notification: Notification):
    """The zone an email's times are in: its recipient's (the site's for an address without an account)."""
    recipient = notification.recipient
    return recipient.zone if recipient is not None else zone_named("")


def build_message(
    notification: Notification, *, connection=None, shared: MessageCache | None = None
) -> EmailMultiAlternatives:
    with timezone.override(recipient_zone(notification)):
        return _build_message(notification, connection=connection, shared=shared)


def _build_message(notification: Notification, *, connection, shared: MessageCache | None) -> EmailMultiAlternatives:
    context = message_context(notification, shared=shared)
    base = f"recruitment/email/{notification.kind}"
    # One line, whatever the template's whitespace: a newline in a header is an injection.
    # No control character anywhere: people typed the names, titles and notes an email quotes.
    subject = " ".join(strip_control(render_to_string(f"{base}_subject.txt", context)).split())
    text = strip_control(render_to_string(f"{base}.txt", context))
    html = strip_control(render_to_string(f"{base}.html", context))
    headers = {"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"}
    if context.get("unsubscribe_url") and kind_for(notification.kind).unsubscribe:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to_email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in context.get("attachments", ()):
        message.attach(filename, content, mimetype)
    return message
