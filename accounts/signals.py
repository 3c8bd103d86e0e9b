"""Events the accounts app announces (the recruitment app re-matches on them)."""

from django.dispatch import Signal

# kwargs: profile. Sent inside the saving transaction when matching-relevant data changed.
candidate_profile_changed = Signal()
