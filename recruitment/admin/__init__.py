"""The recruiters' workspace, recruitment side: the notification outbox, matches and notes, and the parts
of the vacancy, application and candidate pages that need them (ranked matches with their explained
breakdown, "recompute matches", recruiter notes, the CV link).

The base admins live with their models (accounts/admin.py, vacancies/admin/: filters, search, workflow
actions); this package registers extended versions in their place, because only the recruitment app may
know about matches and notes. One module per record: vacancies, applications, candidates, and records
(the recruitment app's own models); common.py holds what they share."""

from django.contrib import admin

from accounts.models import CandidateProfile
from recruitment.admin.applications import RecruiterApplicationAdmin
from recruitment.admin.candidates import RecruiterCandidateAdmin
from recruitment.admin.interviews import InterviewAdmin
from recruitment.admin.introductions import IntroductionAdmin, PendingOutcomeAdmin
from recruitment.admin.placements import PlacementAdmin, RecruiterCompanyAdmin
from recruitment.admin.records import MatchAdmin, NotificationAdmin, RecruiterNoteAdmin
from recruitment.admin.vacancies import RecruiterVacancyAdmin
from vacancies.models import Application, Company, Vacancy

admin.site.unregister(Vacancy)
admin.site.register(Vacancy, RecruiterVacancyAdmin)
admin.site.unregister(Application)
admin.site.register(Application, RecruiterApplicationAdmin)
admin.site.unregister(CandidateProfile)
admin.site.register(CandidateProfile, RecruiterCandidateAdmin)
admin.site.unregister(Company)
admin.site.register(Company, RecruiterCompanyAdmin)

__all__ = [
    "InterviewAdmin",
    "IntroductionAdmin",
    "MatchAdmin",
    "NotificationAdmin",
    "PendingOutcomeAdmin",
    "PlacementAdmin",
    "RecruiterApplicationAdmin",
    "RecruiterCandidateAdmin",
    "RecruiterCompanyAdmin",
    "RecruiterNoteAdmin",
    "RecruiterVacancyAdmin",
]
