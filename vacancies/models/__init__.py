"""The vacancies app's models, one module per area, all importable from `vacancies.models`:
core.py (companies, vacancies with the review workflow, applications with their pipeline),
team.py (invitations to colleagues, requests to join a company), revisions.py (edits to a live vacancy),
feedback.py (an employer's feedback on an applicant, for the agency)."""

from vacancies.models.core import (
    Application,
    ApplicationQuerySet,
    ApplicationStageChange,
    Company,
    EmployerProfile,
    EmploymentType,
    RemotePolicy,
    RequiredSkill,
    Vacancy,
    VacancyQuerySet,
    VacancyStatusChange,
    application_cv_upload_to,
    logo_upload_to,
)
from vacancies.models.feedback import ApplicationFeedback
from vacancies.models.revisions import VacancyRevision
from vacancies.models.team import CompanyInvite, CompanyJoinRequest

__all__ = [
    "Application",
    "ApplicationFeedback",
    "ApplicationQuerySet",
    "ApplicationStageChange",
    "Company",
    "CompanyInvite",
    "CompanyJoinRequest",
    "EmployerProfile",
    "EmploymentType",
    "RemotePolicy",
    "RequiredSkill",
    "Vacancy",
    "VacancyQuerySet",
    "VacancyRevision",
    "VacancyStatusChange",
    "application_cv_upload_to",
    "logo_upload_to",
]
