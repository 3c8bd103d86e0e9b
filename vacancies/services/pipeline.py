"""Moving an application along the pipeline, and what a hire does to its vacancy: the hire that fills the last
opening closes it as filled, through the same closing as by hand (`vacancies.services.vacancies`)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.rules import recruiter_may
from vacancies.models import Application, Vacancy
from vacancies.services.applications import application_transition
from vacancies.services.common import CHANGE_APPLICATION, require, user_is_employer_of
from vacancies.services.vacancies import vacancy_close_when_filled

Stage = Application.Stage

# Employers shortlist or decline; the rest of the pipeline is the recruiters' to run.
EMPLOYER_STAGES = {Stage.SHORTLISTED, Stage.REJECTED}


@transaction.atomic
def application_move(*, application: Application, stage: str, by: User, note: str = "") -> Application:
    """Move an application along the pipeline (recruiters anywhere the pipeline allows;
    the employer of the vacancy to shortlisted or declined). The hire that fills the last opening closes the
    vacancy as filled."""
    require(stage in Stage.values and stage != Stage.WITHDRAWN, "Unknown stage.")
    if not recruiter_may(by, CHANGE_APPLICATION):
        vacancy = Vacancy.objects.only("company_id").get(pk=application.vacancy_id)
        require(user_is_employer_of(by, vacancy.company_id), "You cannot change this application.")
        require(stage in EMPLOYER_STAGES, "Employers can shortlist or decline; ask your recruiter for other moves.")
    note = (note or "").strip()
    require(len(note) <= 2000, "Keep the note under 2,000 characters.")
    moved = application_transition(application=application, target=stage, by=by, note=note)
    if stage == Stage.HIRED:
        vacancy_close_when_filled(vacancy=Vacancy(pk=moved.vacancy_id), by=by)
    return moved
