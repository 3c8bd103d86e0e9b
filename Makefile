# The README's two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Development values for `make run` (production reads real values from the environment).
DEV_ENV := DJANGO_DEBUG=1 \
	DJANGO_SECRET_KEY=dev-only-insecure-key \
	DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1 \
	CACHE_URL=redis \
	REDIS_URL=redis://127.0.0.1:6379/0 \
	SITE_URL=http://127.0.0.1:8000 \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend

.PHONY: run test install migrate seed lint bench screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV_ENV) $(BIN)/python manage.py seed_demo

# Redis, the demo data, a Celery worker with beat and the web server, run by honcho from Procfile.dev.
run: migrate
	$(DEV_ENV) PATH="$(CURDIR)/$(BIN):$$PATH" PYTHONUNBUFFERED=1 $(BIN)/honcho -f Procfile.dev start

test: $(STAMP)
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m ruff check .

bench: $(STAMP)
	$(BIN)/python -m tests.perf.run_all

# README screenshots from a running `make run` (BASE_URL to point elsewhere).
screenshots: $(STAMP)
	$(BIN)/python -m tests.browser.readme_screenshots

clean:
	rm -rf $(VENV) var staticfiles
