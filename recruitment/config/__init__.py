"""The project's configuration: settings, root URLs, the Celery app, WSGI/ASGI entry points, the gunicorn
config and the site-wide pages (home, dashboard, health). No models and no business rules live here."""
