"""Puts the workspace's admins on the site: the recruitment app's own records, and extended versions of the
vacancy, application, candidate and company admins in place of their apps' own (only the recruitment app may
know about matches and notes). Imported once, by `RecruitmentConfig.ready()`, after the admin's
autodiscovery: not from this package's `__init__`, because importing the site class (`recruitment.admin.site`,
the admin's `default_site`) runs that `__init__` while the site is being set up, and a registration made then
would land on an instance the setup throws away."""

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
