"""Companies, vacancies and applications in the recruiters' workspace.

Every state change goes through `vacancies.services` (publish, reject, move stage), so the admin
obeys the same rules and writes the same history as the web views. The recruitment app extends
the vacancy and application admins with matches and notes (vacancies never imports recruitment).

The admin classes are registered by the modules below (companies, vacancies, applications); the recruitment
app's workspace extends them.
"""

from vacancies.admin.applications import ApplicationAdmin, application_cv_url
from vacancies.admin.common import log_action, report_outcome, status_badge
from vacancies.admin.companies import CompanyAdmin
from vacancies.admin.vacancies import VacancyAdmin

__all__ = [
    "ApplicationAdmin",
    "CompanyAdmin",
    "VacancyAdmin",
    "application_cv_url",
    "log_action",
    "report_outcome",
    "status_badge",
]
