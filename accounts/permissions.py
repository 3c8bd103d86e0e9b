"""Who may see candidates' data beyond their own: the agency's recruiters."""

from __future__ import annotations

RECRUITERS_GROUP = "Recruiters"


def may_see_every_candidate(user) -> bool:
    """Superusers, or active staff in the Recruiters group (a staff flag alone is not enough)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or (user.is_staff and user.groups.filter(name=RECRUITERS_GROUP).exists())
