"""Who may do what: each rule of the site defined once, here or as a QuerySet verb next to its model.

Services, the recruiter workspace and views call these; the README's "Where rules live" table lists
them all. This module imports no models (accounts.models imports it), so it works on any user object.

The recruiter rule, decided once:
- *who is a recruiter* (`user_is_recruiter`): an active staff user with the recruiter role, or a
  superuser. Being a recruiter opens the workspace (the Django admin), sends them there after login and
  puts them on the recruiters' mailing list (`User.objects.recruiters()`).
- *what a recruiter may do* (`recruiter_may`): their Django permissions, which the "Recruiters" group
  grants (least privilege). A recruiter outside the group enters the workspace but can publish, move
  applications or download CVs only as far as permissions given to them one by one allow.
"""

from __future__ import annotations

RECRUITERS_GROUP = "Recruiters"

# The permission behind "may see every candidate's data and CVs".
SEE_CANDIDATES_PERMISSION = "accounts.view_candidateprofile"


def user_is_recruiter(user) -> bool:
    """An active staff user with the recruiter role, or a superuser."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (user.is_staff and user.role == user.Role.RECRUITER)


def recruiter_may(user, permission: str) -> bool:
    """A recruiter holding `permission` ("app_label.codename"), usually through the Recruiters group."""
    return user_is_recruiter(user) and user.has_perm(permission)


def may_see_every_candidate(user) -> bool:
    """Recruiters who may view candidate profiles: every candidate's profile, CV and applications."""
    return recruiter_may(user, SEE_CANDIDATES_PERMISSION)
