import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recruitment.config.settings")
application = get_wsgi_application()
# Refuse to start without a secret key (the settings leave it empty when DJANGO_SECRET_KEY is unset, and
# Django raises ImproperlyConfigured on reading an empty one) rather than fail on the first signed cookie.
settings.SECRET_KEY  # noqa: B018
