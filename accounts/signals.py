"""Events the accounts app announces (the recruitment app re-matches on them, and tells recruiters of
login attacks)."""

from django.dispatch import Signal

# kwargs: profile. Sent inside the saving transaction when matching-relevant data changed.
candidate_profile_changed = Signal()

# kwargs: user, failures, addresses, window_seconds, window_id. Sent once per account per window when failed
# logins for the account, from any IPs, reach LOGIN_SLOWDOWN_AFTER_FAILURES (accounts/login_slowdown.py).
login_failures_spiked = Signal()
