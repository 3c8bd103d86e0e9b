"""For the introduction and held-decline tests: a candidate whose name, email and LinkedIn are
distinctive enough to search any page or email for, an open vacancy with its stored match, two employer
users of its company (and one of another company), and helpers that drive an introduction along."""

from __future__ import annotations

import re
from dataclasses import dataclass

from accounts.models import User
from recruitment.models.introductions import Introduction
from recruitment.services.introductions import (
    introduction_candidate_answer,
    introduction_client_answer,
    introduction_propose,
)
from recruitment.signed_links import consent_path, read_consent_token
from tests import factories

FIRST_NAME = "Zenobia"
LAST_NAME = "Quillfeather"
EMAIL = "zenobia.q7731@example.com"
LINKEDIN = "https://www.linkedin.com/in/zenobia-quill-7731"
# Words of the candidate no page, email or file a client gets may hold while they are anonymised.
SECRETS = (FIRST_NAME, LAST_NAME, EMAIL, "zenobia-quill-7731")
PITCH = "Scaled two B2B marketplaces 7731; hired and grew a team of twelve."
REASON = "Led product at two regulated scale-ups 7731"
BREAKDOWN = [{"label": "Industry", "status": "met", "points": 30, "max_points": 30, "reason": REASON}]


@dataclass
class Setting:
    """Who and what an introduction involves."""

    profile: object
    vacancy: object
    recruiter: User
    employer: User  # an employer user of the vacancy's company
    colleague: User  # another employer user of the same company
    outsider: User  # an employer user of another company

    @property
    def candidate(self) -> User:
        return self.profile.user

    def propose(self, *, presentation: str = "anonymised", ask_now: bool = True, pitch: str = PITCH) -> Introduction:
        sent = introduction_propose(
            candidate=self.profile,
            vacancy=self.vacancy,
            by=self.recruiter,
            pitch=pitch,
            presentation=presentation,
            ask_now=ask_now,
        )
        return sent.introduction

    def with_client(self, *, presentation: str = "anonymised") -> Introduction:
        """Proposed, asked and accepted: the client sees it now."""
        introduction = self.propose(presentation=presentation)
        introduction_candidate_answer(introduction=introduction, consent_round=1, accept=True)
        introduction.refresh_from_db()
        return introduction

    def revealed(self) -> Introduction:
        """Anonymised, then the client asked to reveal and the candidate agreed."""
        introduction = self.with_client()
        introduction_client_answer(introduction=introduction, by=self.employer, answer="reveal")
        introduction_candidate_answer(introduction=introduction, consent_round=2, accept=True)
        introduction.refresh_from_db()
        return introduction


def link(introduction: Introduction, consent_round: int = 1) -> str:
    return consent_path(introduction_id=introduction.pk, consent_round=consent_round)


def consent_links_in(text: str) -> list[tuple[int, int] | None]:
    """What each consent link in an email names, (introduction id, round), read as the link's page reads it.

    Compare these, not link() strings: a token holds the second it was signed in, so link() signed after the
    email was rendered is another string whenever a second boundary falls in between."""
    return [read_consent_token(token) for token in re.findall(r"https?://[^/\s]+/introductions/([^/\s\"'<>]+)/", text)]


def staff_outside_the_group() -> User:
    """A staff user with the recruiter role but not in the Recruiters group: no permissions."""
    return factories.UserFactory(role="recruiter", is_staff=True)


def make_setting(recruiter: User) -> Setting:
    user = factories.UserFactory(first_name=FIRST_NAME, last_name=LAST_NAME, email=EMAIL)
    profile = factories.CompleteCandidateProfileFactory(user=user, linkedin_url=LINKEDIN, cv_original_name="zq-cv.pdf")
    vacancy = factories.PublishedVacancyFactory(title="Head of Product Intro 7731", company__name="Orrery Health 7731")
    factories.MatchFactory(candidate=profile, vacancy=vacancy, score=84, breakdown=BREAKDOWN)
    employer = factories.EmployerProfileFactory(company=vacancy.company).user
    colleague = factories.EmployerProfileFactory(company=vacancy.company).user
    outsider = factories.EmployerProfileFactory().user
    return Setting(
        profile=profile, vacancy=vacancy, recruiter=recruiter, employer=employer, colleague=colleague, outsider=outsider
    )
