"""The agency's records, one module per feature; Django finds them here, and callers import them from here.

- matches: `Match` (a candidate's score against a vacancy, with its explanation)
- outbox: `Notification` (one email to send)
- contacts: `RecruiterNote`, `ContactLogEntry`, `Invitation` (to apply)
- searches: `SavedSearch` (a recruiter's named candidate search)
- introductions: `Introduction`, `IntroductionEvent`, `PendingOutcome` (a decline held for the recruiter)
- interviews: `Interview`, `InterviewSlot`
- placements: `ClientTerms`, `Placement`
"""

from recruitment.models.contacts import (
    ContactLogEntry,
    ContactLogEntryQuerySet,
    Invitation,
    InvitationQuerySet,
    RecruiterNote,
)
from recruitment.models.interviews import Interview, InterviewSlot
from recruitment.models.introductions import Introduction, IntroductionEvent, PendingOutcome
from recruitment.models.matches import Match, MatchQuerySet
from recruitment.models.outbox import Notification, NotificationQuerySet
from recruitment.models.placements import ClientTerms, Placement
from recruitment.models.searches import SavedSearch

__all__ = [
    "ClientTerms",
    "ContactLogEntry",
    "ContactLogEntryQuerySet",
    "Interview",
    "InterviewSlot",
    "Introduction",
    "IntroductionEvent",
    "Invitation",
    "InvitationQuerySet",
    "Match",
    "MatchQuerySet",
    "Notification",
    "NotificationQuerySet",
    "PendingOutcome",
    "Placement",
    "RecruiterNote",
    "SavedSearch",
]
