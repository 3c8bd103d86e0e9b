"""The vacancies app's part of a candidate's personal data (accounts.personal_data): their applications
with the stage history and CV copies, and what employers told the agency about them. Registered at
start-up (VacanciesConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from accounts import personal_data
from accounts.files import safe_download_name
from accounts.personal_data import ExportFiles, FilesToDelete, Policy, Section
from vacancies.models import (
    Application,
    ApplicationFeedback,
    ApplicationStageChange,
    CompanyInvite,
    CompanyJoinRequest,
    EmployerProfile,
    Vacancy,
    VacancyRevision,
    VacancyStatusChange,
)

# Applications run last among the sections: the others find the person's rows through them.
APPLICATIONS_ERASE_ORDER = 90


# What the export says of an application whose decline is held for the recruiter.
DECISION_PENDING = "decision pending"


def export_applications(user, profile, files: ExportFiles) -> list[dict[str, Any]]:
    applications = (
        Application.objects.for_candidate(user)
        .select_related("vacancy__company")
        .prefetch_related(Prefetch("stage_changes", queryset=ApplicationStageChange.objects.order_by("at", "pk")))
        .order_by("created_at", "pk")
    )
    entries = []
    for application in applications:
        history = list(application.stage_changes.all())
        stage_changed_at = application.stage_changed_at
        stage = application.candidate_stage
        if application.decline_held:
            # A client's decline waits for the recruiter before the person hears of it: until it is released the
            # export says a decision is pending (true, and not the decision), with the history before it.
            history = [change for change in history if change.to_stage != application.stage]
            stage_changed_at = history[-1].at if history else application.created_at
            stage = DECISION_PENDING
        entry = {
            "id": application.pk,
            "vacancy": application.vacancy.title,
            "company": application.vacancy.company.name,
            "vacancy_url": application.vacancy.get_absolute_url(),
            "applied_at": application.created_at,
            "source": application.source,
            "cover_letter": application.cover_letter,
            "stage": stage,
            "stage_changed_at": stage_changed_at,
            "stage_history": [{"from": c.from_stage, "to": c.to_stage, "at": c.at, "note": c.note} for c in history],
            "cv": None,
        }
        if application.cv:
            name = safe_download_name(application.cv_original_name or application.cv.name, fallback="cv")
            path = files.add(f"files/applications/{application.pk}-{name}", application.cv)
            entry["cv"] = {"original_name": application.cv_original_name, "file": path}
        entries.append(entry)
    return entries


def erase_applications(user, profile, files: FilesToDelete) -> None:
    applications = Application.objects.for_candidate(user)
    for application in applications.exclude(cv="").only("pk", "cv"):
        files.add(application.cv)
    # The stages and dates stay for the funnel; what people wrote about the person on each move does not.
    ApplicationStageChange.objects.filter(application__in=applications).exclude(note="").update(note="")
    applications.update(candidate=None, cover_letter="", cv="", cv_original_name="", anonymised_at=timezone.now())


def export_employer_feedback(user, profile, files: ExportFiles) -> list[dict[str, Any]]:
    feedback = (
        ApplicationFeedback.objects.filter(application__candidate=user)
        .select_related("application__vacancy__company")
        .order_by("created_at", "pk")
    )
    return [
        {
            "about_application_to": item.application.vacancy.title,
            "company": item.application.vacancy.company.name,
            "written_at": item.created_at,
            "by": "employer",
            "feedback": item.body,
        }
        for item in feedback
    ]


def erase_employer_feedback(user, profile, files: FilesToDelete) -> None:
    ApplicationFeedback.objects.filter(application__candidate=user).delete()


personal_data.register(
    Section(
        name="applications",
        title="Applications, each with its stage history and its own CV copy",
        models=(Application, ApplicationStageChange),
        export=export_applications,
        erase=erase_applications,
        erase_order=APPLICATIONS_ERASE_ORDER,
        policy=Policy.ANONYMISED,
        reason="The agency's funnel statistics need the rows (which role, which stage, when); the person, their "
        "cover letter, CV and the notes on each stage move are removed.",
        count=lambda user, profile: Application.objects.for_candidate(user).count(),
    )
)
personal_data.register(
    Section(
        name="employer_feedback",
        title="What employers told us about your applications",
        models=(ApplicationFeedback,),
        export=export_employer_feedback,
        erase=erase_employer_feedback,
        erase_order=30,
        policy=Policy.DELETED,
        reason="An employer's opinion of the person: of no use once they are gone, so deleted from the kept "
        "(anonymised) applications.",
        count=lambda user, profile: ApplicationFeedback.objects.filter(application__candidate=user).count(),
    )
)

# Foreign keys to people of this app's other records: employers and recruiters, never the candidate.
personal_data.not_candidate_data(Vacancy, "created_by", reason="The employer or recruiter who wrote the vacancy.")
personal_data.not_candidate_data(
    VacancyStatusChange, "by", reason="Who moved a vacancy through review: an employer or a recruiter."
)
personal_data.not_candidate_data(
    VacancyRevision,
    "created_by",
    "decided_by",
    reason="The employer who edited a live vacancy, the recruiter who decided.",
)
personal_data.not_candidate_data(
    EmployerProfile, "user", reason="An employer's link to their company (employers are not candidates)."
)
personal_data.not_candidate_data(
    CompanyInvite, "invited_by", "accepted_by", reason="A company admin's invitation to a colleague (employers)."
)
personal_data.not_candidate_data(CompanyJoinRequest, "user", reason="An employer's request to join a company account.")
