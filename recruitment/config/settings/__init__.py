"""The production settings (DJANGO_SETTINGS_MODULE=recruitment.config.settings): every value from the
environment, with safe production defaults. Development values: local.py (`make run`); test values:
test.py (pytest). Both import this package first, so nothing here may refuse to load: an unset
DJANGO_SECRET_KEY leaves SECRET_KEY empty, which Django refuses wherever it is used.

Star imports on purpose: Django reads a settings module's upper-case names, so each part's names must be
names of this module. A part may read and extend the parts it imports itself (storage.py adds the media
origin to base's Content-Security-Policy), so the one that extends a value comes after the one it extends.
"""

from recruitment.config.settings.agency import *  # noqa: F403 - MATCH_*, INTRODUCTION_*, OUTBOX_*, BOARD_* ...
from recruitment.config.settings.base import *  # noqa: F403 - Django core, apps, database, auth, security ...
from recruitment.config.settings.celery import *  # noqa: F403 - CELERY_* and the beat schedule
from recruitment.config.settings.storage import *  # noqa: F403 - static, media, private files, upload limits
