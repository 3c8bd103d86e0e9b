"""The agency's own settings: matching and alerts, introductions and declines, placements, the outbox,
the vacancy board's caches and the per-account login slow-down. Each from the environment, with the
production default."""

from __future__ import annotations

from recruitment.config.settings.base import env

# --- Matching and alerts ----------------------------------------------------

# Minimum score (0-100) for a match to trigger an alert.
MATCH_ALERT_THRESHOLD = env.int("MATCH_ALERT_THRESHOLD", 70)
# Role-family slugs whose openings trigger candidate alerts.
MATCH_ALERT_ROLE_FAMILIES = env.list("MATCH_ALERT_ROLE_FAMILIES", default=["chief-product-officer", "head-of-product"])
# Points per criterion; the score is the points earned as a share of the criteria's maximum (100, or
# 120 for an opening in a regulated industry, where industry background weighs more).
MATCH_WEIGHTS = {
    "role_family": env.int("MATCH_WEIGHT_ROLE_FAMILY", 25),
    "experience": env.int("MATCH_WEIGHT_EXPERIENCE", 20),
    "skills": env.int("MATCH_WEIGHT_SKILLS", 25),
    "industry": env.int("MATCH_WEIGHT_INDUSTRY", 10),
    "industry_regulated": env.int("MATCH_WEIGHT_INDUSTRY_REGULATED", 30),
    "location": env.int("MATCH_WEIGHT_LOCATION", 10),
    "salary": env.int("MATCH_WEIGHT_SALARY", 10),
}
# Industry slugs of regulated sectors (compliance): their background weighs MATCH_WEIGHT_INDUSTRY_REGULATED,
# and background in another of them earns half.
MATCH_REGULATED_INDUSTRIES = env.list(
    "MATCH_REGULATED_INDUSTRIES", default=["healthcare", "fintech-and-financial-services", "insurance"]
)
# Must-haves: a candidate who misses one scores at most MATCH_ALERT_THRESHOLD - 1, whatever the rest adds up
# to. Skills: the share (percent) of must-have skills, and of all required skills, a candidate must have.
MATCH_MUST_HAVE_SKILLS_PERCENT = env.int("MATCH_MUST_HAVE_SKILLS_PERCENT", 60)
MATCH_REQUIRED_SKILLS_PERCENT = env.int("MATCH_REQUIRED_SKILLS_PERCENT", 40)
# Years of product experience a director-level (or more senior) opening wants when it asks for fewer.
MATCH_LEADERSHIP_MIN_YEARS = env.int("MATCH_LEADERSHIP_MIN_YEARS", 5)
# Matches below this score are not stored (nobody ranks or alerts on them).
MATCH_STORE_MIN_SCORE = env.int("MATCH_STORE_MIN_SCORE", 30)
# Stored matches: the best this many per vacancy and per candidate (plus any an alert links to).
MATCH_KEEP_PER_VACANCY = env.int("MATCH_KEEP_PER_VACANCY", 500)
MATCH_KEEP_PER_CANDIDATE = env.int("MATCH_KEEP_PER_CANDIDATE", 500)
# Matching one vacancy fans out as a Celery chord of chunks of this many short-listed candidates (one
# task each, on any worker), merged into the best MATCH_KEEP_PER_VACANCY; one chunk runs inline.
MATCH_CHUNK_SIZE = env.int("MATCH_CHUNK_SIZE", 10_000)
# Alert fatigue: at most this many alerts per vacancy (the best by score), and at most this many instant
# alerts per candidate in 7 days (the rest wait for the next daily digest).
MATCH_ALERTS_PER_VACANCY = env.int("MATCH_ALERTS_PER_VACANCY", 200)
MATCH_INSTANT_ALERTS_PER_WEEK = env.int("MATCH_INSTANT_ALERTS_PER_WEEK", 5)

# --- Introductions and declines --------------------------------------------------
# A candidate has this many days to answer an introduction (or a request to reveal their name), and is
# reminded once after INTRODUCTION_REMIND_AFTER_DAYS.
INTRODUCTION_EXPIRES_DAYS = env.int("INTRODUCTION_EXPIRES_DAYS", 14)
INTRODUCTION_REMIND_AFTER_DAYS = env.int("INTRODUCTION_REMIND_AFTER_DAYS", 7)
# A client's decline waits this long for the recruiter (who may edit it or send it at once).
DECLINE_NOTICE_DELAY_HOURS = env.int("DECLINE_NOTICE_DELAY_HOURS", 24)

# --- Placements ----------------------------------------------------------------------
# A client's terms when none are recorded on the Company: the fee as a percentage of the first-year base
# salary, the guarantee (days from the start date) and the days an invoice gives them to pay.
PLACEMENT_FEE_PERCENT = env.int("PLACEMENT_FEE_PERCENT", 20)
PLACEMENT_GUARANTEE_DAYS = env.int("PLACEMENT_GUARANTEE_DAYS", 90)
PLACEMENT_PAYMENT_DAYS = env.int("PLACEMENT_PAYMENT_DAYS", 30)
# The credited recruiter is emailed when a guarantee ends within this many days.
PLACEMENT_GUARANTEE_WARNING_DAYS = env.int("PLACEMENT_GUARANTEE_WARNING_DAYS", 14)

# --- The outbox --------------------------------------------------------------------
# Notification rows left pending/sending this long are re-enqueued by the sweeper.
OUTBOX_STALE_AFTER_SECONDS = env.int("OUTBOX_STALE_AFTER_SECONDS", 300)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", 8)
# Transient SMTP failures are retried after base * 2**(attempt-1) seconds (with jitter), capped; the
# cap is also kept below the broker's visibility timeout (see CELERY_BROKER_TRANSPORT_OPTIONS).
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", 1800)
# The quick sweep: rows waiting for the broker or an unreachable SMTP server are enqueued this often (and
# whenever a worker reconnects to the broker), so deliveries resume within seconds of either coming back.
OUTBOX_REQUEUE_SECONDS = env.float("OUTBOX_REQUEUE_SECONDS", 5)
# How many outbox rows one send task delivers over one SMTP connection.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", 100)

# --- The vacancy board -----------------------------------------------------------
# Rendered vacancy-board results are cached this long (0 turns it off); changes to vacancies drop them at once.
BOARD_CACHE_SECONDS = env.int("BOARD_CACHE_SECONDS", 300)
# Each web process also keeps up to this many bytes of the board's entries it used last (their keys change with
# every change, so a kept copy is never out of date): a warm page then asks the shared cache one question.
BOARD_LOCAL_CACHE_BYTES = env.int("BOARD_LOCAL_CACHE_BYTES", 64 * 1024 * 1024)

# --- Login slow-down ---------------------------------------------------------------
# The per-account login slow-down across IPs (accounts/login_slowdown.py): from this many failures for one
# account within the window, from any IPs, each attempt waits 1, 2, 4 ... s (capped); an IP the account
# logged in from before is never slowed; recruiters get one email per account per window.
LOGIN_SLOWDOWN_AFTER_FAILURES = env.int("LOGIN_SLOWDOWN_AFTER_FAILURES", 10)
LOGIN_SLOWDOWN_WINDOW_SECONDS = env.int("LOGIN_SLOWDOWN_WINDOW_SECONDS", 900)
LOGIN_SLOWDOWN_MAX_DELAY_SECONDS = env.int("LOGIN_SLOWDOWN_MAX_DELAY_SECONDS", 60)
LOGIN_KNOWN_DEVICE_DAYS = env.int("LOGIN_KNOWN_DEVICE_DAYS", 30)
