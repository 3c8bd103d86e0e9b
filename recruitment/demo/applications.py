"""The demo applications, each with its stage history and its own copy of the candidate's CV, and the
recruiter's notes on candidates."""

from __future__ import annotations

from django.core.files.base import ContentFile

from accounts.files import generate_private_name
from accounts.models import CandidateProfile
from recruitment.demo.context import DemoContext
from recruitment.demo.world import LUMEN, DemoApplication, DemoNote
from recruitment.models import RecruiterNote
from vacancies.models import Application, ApplicationStageChange, Vacancy


def application(demo: DemoContext, a: DemoApplication, profile: CandidateProfile, vacancy: Vacancy) -> None:
    """The candidate's application to the vacancy, written with its stage history if new."""
    candidate = profile.user
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        return
    steps = [(stage, demo.ago(days, f"{a.vacancy}:{a.candidate}:{stage}")) for stage, days in a.steps]
    row = Application(
        candidate=candidate,
        vacancy=vacancy,
        cover_letter=a.cover_letter,
        stage=a.stage,
        stage_changed_at=steps[-1][1],
        created_at=steps[0][1],
        updated_at=steps[-1][1],
    )
    row.full_clean(exclude=["cv"])
    # The application keeps its own copy of the CV, as application_submit does.
    with profile.cv.open("rb") as fh:
        row.cv.save(generate_private_name(".pdf"), ContentFile(fh.read()), save=False)
    row.cv_original_name = profile.cv_original_name
    row.save()
    ApplicationStageChange.objects.bulk_create(stage_history(demo, row, steps))
    demo.created["applications"] += 1


def stage_history(demo: DemoContext, row: Application, steps: list) -> list[ApplicationStageChange]:
    """The candidate applies and withdraws; at Lumen Health the demo employer shortlists and declines
    (their applicants page is the demo's); the recruiter makes every other move."""
    employer_moves = row.vacancy.company.name == LUMEN
    changes, previous = [], ""
    for stage, at in steps:
        if stage in {Application.Stage.APPLIED, Application.Stage.WITHDRAWN}:
            by = row.candidate
        elif employer_moves and stage in {Application.Stage.SHORTLISTED, Application.Stage.REJECTED}:
            by = demo.employer
        else:
            by = demo.recruiter
        changes.append(ApplicationStageChange(application=row, from_stage=previous, to_stage=stage, by=by, at=at))
        previous = stage
    return changes


def note(demo: DemoContext, n: DemoNote, profile: CandidateProfile, vacancy: Vacancy | None) -> None:
    """The recruiter's note on the candidate (about their application to `vacancy`, if given)."""
    application = Application.objects.filter(candidate=profile.user, vacancy=vacancy).first() if vacancy else None
    _note, created = RecruiterNote.objects.get_or_create(
        candidate=profile,
        body=n.body,
        defaults={"application": application, "author": demo.recruiter, "created_at": demo.ago(n.days_ago, n.body)},
    )
    demo.created["recruiter notes"] += created
