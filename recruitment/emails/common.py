"""What several features' emails share: who the client's people and the recruiters are, and how a match's
explanation and a few values read in an email."""

from __future__ import annotations

from datetime import date

from accounts.models import User
from vacancies.models import Application

STATUS_MARKS = {"met": "✓", "partial": "~", "missed": "✗"}
STATUS_COLOURS = {"met": "#1d6b3a", "partial": "#9a6400", "missed": "#a12c2c"}


def employer_users(company_id: int):
    """The client's people who get its emails: the active employers of the company."""
    return User.objects.filter(employer_profile__company_id=company_id, is_active=True).order_by("pk")


def recruiter_or_everyone(recruiter: User | None) -> list[User]:
    """The recruiter in charge when there is an active one, else every recruiter."""
    if recruiter is not None and recruiter.is_active:
        return [recruiter]
    return list(User.objects.recruiters().order_by("pk"))


def criteria(breakdown: list[dict] | None) -> list[dict]:
    """A match's explanation as an email lists it: a mark and a colour per criterion."""
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


def day(value: str | None) -> date | None:
    """A date stored in a row's context as ISO text (None when missing or malformed)."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def stage_label(stage: str | None) -> str:
    return Application.Stage(stage).label if stage in Application.Stage.values else (stage or "")
