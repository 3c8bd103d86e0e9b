# The README's two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# `make run`, `make migrate` and `make seed` use the development settings (DEBUG, a dev secret key, the local
# Redis, emails as files in var/sent-emails/); any of their values can still be set in the environment.
DEV_SETTINGS := DJANGO_SETTINGS_MODULE=recruitment.config.settings.local
# `make test` runs the suite in parallel, one pytest-xdist worker per core (PYTEST_ARGS="-n 0": in one process).
# `--dist load` hands each worker its tests in collection order, which pytest-django sorts: tests rolled back
# first, then those that commit (and flush the migrations' data, the Recruiters group, the vocabularies, when
# they end), then those without a database. By file (loadfile) or stealing (worksteal), a worker could run a
# committing test before a rolled-back one that needs that data.
TEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: run test install migrate seed lint bench screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(DEV_SETTINGS) $(BIN)/python manage.py migrate --noinput

seed: migrate
	$(DEV_SETTINGS) $(BIN)/python manage.py seed_demo

# Redis, the demo data, a Celery worker with beat and the web server, run by honcho from Procfile.dev.
run: migrate
	$(DEV_SETTINGS) PATH="$(CURDIR)/$(BIN):$$PATH" PYTHONUNBUFFERED=1 $(BIN)/honcho -f Procfile.dev start

test: $(STAMP)
	DJANGO_SETTINGS_MODULE=recruitment.config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/python -m ruff check .

bench: $(STAMP)
	$(BIN)/python -m tests.perf.run_all

# README screenshots from a running `make run` (BASE_URL to point elsewhere).
screenshots: $(STAMP)
	$(BIN)/python -m tests.browser.readme_screenshots

clean:
	rm -rf $(VENV) var staticfiles
