"""Companies and the employers who hire for them."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction

from accounts.models import User
from accounts.rules import recruiter_may
from vacancies.models import Company, EmployerProfile
from vacancies.services.common import CHANGE_COMPANY, require, unique_slug, user_is_employer_of
from vacancies.validators import sanitised_logo


@transaction.atomic
def employer_register(*, user: User, company_name: str, job_title: str = "") -> EmployerProfile:
    """Make `user` an employer with a new company, of which they are the admin. A name another company
    already has is refused (the sign-up form offers to ask to join it: vacancies.services.team)."""
    company_name = " ".join(company_name.split())
    require(
        not Company.objects.filter(name__iexact=company_name).exists(),
        f"{company_name} already has a company account: ask a colleague there to invite you.",
    )
    company = Company(name=company_name, slug=unique_slug(Company, company_name))
    company.full_clean()
    company.save()
    user.role = User.Role.EMPLOYER
    user.save(update_fields=["role"])
    profile = EmployerProfile(user=user, company=company, job_title=job_title, is_company_admin=True)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def company_update(*, company: Company, by: User, logo: File | None = None, remove_logo: bool = False) -> Company:
    """Save an employer's edits to their company. A new logo is validated by content and
    re-encoded (vacancies.validators); the file it replaces is deleted once the change commits."""
    require(user_is_employer_of(by, company.pk) or recruiter_may(by, CHANGE_COMPANY), "You cannot edit this company.")
    current = Company.objects.select_for_update().get(pk=company.pk)
    company.slug = current.slug  # links to the company stay stable when it is renamed
    old_logo = current.logo.name
    new_logo = None
    if logo is not None:
        new_logo = sanitised_logo(logo)
        company.logo.save(new_logo.name, new_logo, save=False)
    elif remove_logo:
        company.logo = ""
    else:
        company.logo = old_logo
    try:
        company.full_clean()
        company.save()
    except Exception:
        if new_logo is not None:
            company.logo.delete(save=False)
        raise
    if old_logo and old_logo != company.logo.name:
        storage = company.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return company
