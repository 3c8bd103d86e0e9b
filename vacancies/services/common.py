"""What every service shares: the refusal error, who may act, unique slugs."""

from __future__ import annotations

import secrets

from django.utils.text import slugify

from accounts.models import User
from vacancies.models import EmployerProfile


class WorkflowError(Exception):
    """A state change that the rules do not allow. Its message is shown to the person who asked."""


# --- Who may act (the recruiter rule itself is accounts.rules) ----------------------

# What a recruiter needs to hold (the Recruiters group grants all three).
CHANGE_COMPANY = "vacancies.change_company"
CHANGE_VACANCY = "vacancies.change_vacancy"
CHANGE_APPLICATION = "vacancies.change_application"


def user_is_employer_of(user: User | None, company_id: int) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_employer
        and EmployerProfile.objects.filter(user=user, company_id=company_id).exists()
    )


def require(condition: bool, message: str) -> None:
    if not condition:
        raise WorkflowError(message)


def unique_slug(model, text: str, *, max_length: int = 120) -> str:
    base = slugify(text)[:max_length].strip("-") or "item"
    slug = base
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug
