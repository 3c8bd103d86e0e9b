"""Render outbox rows into emails: a subject, a plain-text and an HTML part from paired templates
(templates/recruitment/email/<kind>_subject.txt, <kind>.txt, <kind>.html), absolute links built
from SITE_URL, and List-Unsubscribe headers (RFC 8058) on alerts and digests."""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse

from accounts.models import CandidateProfile
from recruitment.models import Notification
from recruitment.outbox.interview_messages import INTERVIEW_KINDS, interview_message_context
from recruitment.signed_links import consent_path, unsubscribe_url
from vacancies.models import Application, CompanyInvite
from vacancies.services import company_invite_token

Kind = Notification.Kind
STATUS_MARKS = {"met": "✓", "partial": "~", "missed": "✗"}
STATUS_COLOURS = {"met": "#1d6b3a", "partial": "#9a6400", "missed": "#a12c2c"}
# A digest lists at most this many matches; the rest are on the candidate's pages.
DIGEST_LIMIT = 20


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


def criteria(breakdown: list[dict] | None) -> list[dict]:
    rows = []
    for item in breakdown or []:
        status = item.get("status", "")
        rows.append(
            {
                **item,
                # Numbers as text: rendering them through the template's localisation is the slow part.
                "points": str(item.get("points", "")),
                "max_points": str(item.get("max_points", "")),
                "mark": STATUS_MARKS.get(status, "·"),
                "colour": STATUS_COLOURS.get(status, "#4a5166"),
            }
        )
    return rows


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
    kind = notification.kind
    if kind in (Kind.MATCH_ALERT, Kind.MATCH_DIGEST):
        context["unsubscribe_url"] = unsubscribe_url(recipient)
        context["preferences_url"] = first_url(("accounts:profile", None), ("accounts:dashboard", None))
        context["matches_url"] = first_url(("accounts:matches", None), ("accounts:dashboard", None))
    if kind == Kind.MATCH_ALERT:
        context["criteria"] = criteria(notification.context.get("breakdown"))
    elif kind == Kind.MATCH_DIGEST:
        items = [
            {
                **shared.vacancy(item.vacancy),
                "score": item.context.get("score"),
                "criteria": criteria(item.context.get("breakdown")),
            }
            for item in notification.items.select_related("vacancy__company", "vacancy__role_family")
            if item.vacancy is not None
        ]
        items.sort(key=lambda item: (-(item["score"] or 0), item["vacancy"].title))
        context["items"] = items[:DIGEST_LIMIT]
        context["more"] = max(0, len(items) - DIGEST_LIMIT)
        context["frequency_label"] = CandidateProfile.AlertFrequency(
            notification.context.get("frequency", "daily")
        ).label.lower()
    elif kind == Kind.APPLICATION_RECEIVED:
        application = notification.application
        candidate = application.candidate
        context["application"] = application
        context["applicant_name"] = (candidate.get_full_name() if candidate else "") or "A candidate"
        if recipient and (recipient.is_staff or recipient.is_superuser):
            context["action_url"] = absolute(reverse("admin:vacancies_application_change", args=[application.pk]))
        else:
            context["action_url"] = first_url(
                ("employers:vacancy_applicants", {"pk": notification.vacancy_id}),
                ("employers:dashboard", None),
            )
    elif kind == Kind.APPLICATION_CONFIRMED:
        context["application"] = notification.application
        context["application_url"] = first_url(
            ("applications:application_detail", {"pk": notification.application_id}),
            ("accounts:dashboard", None),
        )
    elif kind == Kind.STAGE_CHANGED:
        context["application"] = notification.application
        context["from_stage_label"] = _stage_label(notification.context.get("from_stage"))
        context["to_stage"] = notification.context.get("to_stage")
        context["to_stage_label"] = _stage_label(notification.context.get("to_stage"))
        context["application_url"] = first_url(
            ("applications:application_detail", {"pk": notification.application_id}),
            ("accounts:dashboard", None),
        )
    elif kind == Kind.INVITATION:
        context["criteria"] = criteria(notification.context.get("breakdown"))
        context["apply_url"] = first_url(
            ("vacancies:apply", {"slug": getattr(notification.vacancy, "slug", "")}), ("accounts:dashboard", {})
        )
        context["dashboard_url"] = first_url(("accounts:dashboard", None))
    elif kind == Kind.INTRODUCTION_CONSENT:
        context["criteria"] = criteria(notification.context.get("breakdown"))
        context["consent_url"] = absolute(
            consent_path(
                introduction_id=notification.context.get("introduction_id", 0),
                consent_round=notification.context.get("round", 1),
            )
        )
        context["expires_days"] = settings.INTRODUCTION_EXPIRES_DAYS
    elif kind == Kind.INTRODUCTION_TO_CLIENT:
        context["introduction_url"] = first_url(
            ("employer_introductions:detail", {"pk": notification.context.get("introduction_id", 0)})
        )
    elif kind == Kind.INTRODUCTION_OUTCOME:
        context["application_url"] = first_url(
            ("applications:application_detail", {"pk": notification.application_id}), ("accounts:dashboard", None)
        )
    elif kind == Kind.RECRUITER_UPDATE:
        context["action_url"] = absolute(notification.context.get("admin_path") or "/admin/")
    elif kind == Kind.GUARANTEE_ENDING:
        context["action_url"] = absolute(notification.context.get("admin_path") or "/admin/")
        context["ends_on"] = _day(notification.context.get("ends_on"))
        context["start_date"] = _day(notification.context.get("start_date"))
    elif kind == Kind.APPLICATION_DECLINED:
        context["board_url"] = first_url(("vacancies:vacancy_list", None))
    elif kind in INTERVIEW_KINDS:
        context.update(interview_message_context(notification))
    elif kind == Kind.COLLEAGUE_INVITE:
        invite = CompanyInvite.objects.filter(pk=notification.context.get("invite_id")).first()
        token = company_invite_token(invite) if invite else ""
        context["join_url"] = first_url(("employers:join", {"token": token}), ("employers:signup", None))
        context["expires_at"] = invite.expires_at if invite else None
    elif kind in (
        Kind.VACANCY_PUBLISHED,
        Kind.VACANCY_REJECTED,
        Kind.VACANCY_EXPIRED,
        Kind.REVISION_PUBLISHED,
        Kind.REVISION_REJECTED,
    ):
        context["dashboard_url"] = first_url(("employers:dashboard", None))
        context["edit_url"] = first_url(
            ("employers:vacancy_edit", {"pk": notification.vacancy_id}), ("employers:dashboard", None)
        )
    return context


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _stage_label(stage: str | None) -> str:
    return Application.Stage(stage).label if stage in Application.Stage.values else (stage or "")


def build_message(
    notification: Notification, *, connection=None, shared: MessageCache | None = None
) -> EmailMultiAlternatives:
    context = message_context(notification, shared=shared)
    base = f"recruitment/email/{notification.kind}"
    # One line, whatever the template's whitespace: a newline in a header is an injection.
    subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
    text = render_to_string(f"{base}.txt", context)
    html = render_to_string(f"{base}.html", context)
    headers = {"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"}
    if notification.kind in (Kind.MATCH_ALERT, Kind.MATCH_DIGEST):
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
    if context.get("ics"):
        message.attach("interview.ics", context["ics"], f"text/calendar; method={context['ics_method']}; charset=utf-8")
    return message
