"""Reads about candidates."""

from __future__ import annotations

from dataclasses import dataclass, field

from accounts.models import CandidateProfile


@dataclass(frozen=True)
class Completeness:
    percent: int
    done: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # What still stops the candidate from applying (a subset of `missing`, worded for a sentence).
    missing_for_applying: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.done) + len(self.missing)

    @property
    def can_apply(self) -> bool:
        return not self.missing_for_applying


def profile_completeness(profile: CandidateProfile) -> Completeness:
    """How complete a profile is, as the candidate sees it. Uses prefetched vocabularies when present."""
    checks = [
        ("Your name", bool(profile.user.get_full_name())),
        ("Headline", bool(profile.headline)),
        ("Current title", bool(profile.current_title)),
        ("Years of product experience", profile.years_experience is not None),
        ("Seniority", bool(profile.seniority)),
        ("Target roles", _has_any(profile, "role_families")),
        ("Skills", _has_any(profile, "skills")),
        ("Industries", _has_any(profile, "industries")),
        ("Location", bool(profile.city or profile.country)),
        ("Salary floor", profile.salary_floor is not None),
        ("LinkedIn profile", bool(profile.linkedin_url)),
        ("CV", bool(profile.cv)),
        ("Consent to be contacted", profile.has_consented),
    ]
    done = [label for label, ok in checks if ok]
    missing = [label for label, ok in checks if not ok]
    return Completeness(
        percent=round(100 * len(done) / len(checks)),
        done=done,
        missing=missing,
        missing_for_applying=profile.missing_for_applying(),
    )


def _has_any(profile: CandidateProfile, name: str) -> bool:
    cache = getattr(profile, "_prefetched_objects_cache", {})
    if name in cache:
        return bool(cache[name])
    return getattr(profile, name).exists()
