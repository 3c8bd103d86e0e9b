"""Every state change of a vacancy or an application goes through here: views, the admin
and Celery tasks call these functions, so the rules hold everywhere and every change is
recorded with who made it and when.

One module per record (companies, team, vacancies, revisions, applications, pipeline; common.py for what they share);
everything is importable from `vacancies.services` itself."""

from vacancies.services.applications import (
    STAGE_TRANSITIONS,
    AlreadyApplied,
    application_feedback_add,
    application_interview_booked,
    application_submit,
    application_withdraw,
    applications_end_with_role,
)
from vacancies.services.common import (
    CHANGE_APPLICATION,
    CHANGE_COMPANY,
    CHANGE_VACANCY,
    WorkflowError,
    require,
    unique_slug,
    user_is_employer_of,
)
from vacancies.services.companies import company_update, employer_register
from vacancies.services.pipeline import EMPLOYER_STAGES, application_move
from vacancies.services.revisions import (
    REVISABLE_FIELDS,
    revision_changes,
    vacancy_duplicate,
    vacancy_revision_publish,
    vacancy_revision_reject,
    vacancy_revision_submit,
    vacancy_revision_withdraw,
    vacancy_withdraw,
)
from vacancies.services.team import (
    INVITE_DAYS,
    company_invite_from_token,
    company_invite_revoke,
    company_invite_send,
    company_invite_token,
    company_join_request,
    company_member_remove,
    company_named,
    employer_join,
    normalised_company_name,
    user_is_company_admin,
)
from vacancies.services.vacancies import (
    CLOSABLE_STATUSES,
    EDITABLE_STATUSES,
    WORKFLOW_FIELDS,
    vacancies_expire_due,
    vacancy_close,
    vacancy_close_when_filled,
    vacancy_expire,
    vacancy_publish,
    vacancy_reject,
    vacancy_save,
    vacancy_submit,
)

__all__ = [
    "CHANGE_APPLICATION",
    "CHANGE_COMPANY",
    "CHANGE_VACANCY",
    "CLOSABLE_STATUSES",
    "EDITABLE_STATUSES",
    "EMPLOYER_STAGES",
    "INVITE_DAYS",
    "REVISABLE_FIELDS",
    "STAGE_TRANSITIONS",
    "WORKFLOW_FIELDS",
    "AlreadyApplied",
    "WorkflowError",
    "application_feedback_add",
    "application_interview_booked",
    "application_move",
    "application_submit",
    "application_withdraw",
    "applications_end_with_role",
    "company_invite_from_token",
    "company_invite_revoke",
    "company_invite_send",
    "company_invite_token",
    "company_join_request",
    "company_member_remove",
    "company_named",
    "company_update",
    "employer_join",
    "employer_register",
    "normalised_company_name",
    "require",
    "revision_changes",
    "unique_slug",
    "user_is_company_admin",
    "user_is_employer_of",
    "vacancies_expire_due",
    "vacancy_close",
    "vacancy_close_when_filled",
    "vacancy_duplicate",
    "vacancy_expire",
    "vacancy_publish",
    "vacancy_reject",
    "vacancy_revision_publish",
    "vacancy_revision_reject",
    "vacancy_revision_submit",
    "vacancy_revision_withdraw",
    "vacancy_save",
    "vacancy_submit",
    "vacancy_withdraw",
]
