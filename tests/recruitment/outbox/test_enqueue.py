"""Enqueueing by task name works in a process that never imported `recruitment.tasks` (a web process): the
services reach tasks only by name, so the name must find its task there too."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from celery import Task

from recruitment.config.celery import app

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = """
import django, sys
django.setup()
assert "recruitment.tasks" not in sys.modules, "the test needs a process that has not imported the tasks"
from recruitment.outbox.enqueue import task_named
print(task_named("recruitment.tasks.notifications_deliver_task").name)
"""


def test_a_task_is_found_by_name_in_a_process_that_never_imported_the_tasks():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "")}
    env["DJANGO_SETTINGS_MODULE"] = env["DJANGO_SETTINGS_MODULE"] or "recruitment.config.settings"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "recruitment.tasks.notifications_deliver_task"


def test_every_task_has_its_frozen_name():
    """Names cross processes (queued messages, beat's schedule): each is written out, module path and all."""
    import recruitment.tasks
    import vacancies.tasks

    ours = {name for name in app.tasks if name.startswith(("recruitment.", "vacancies."))}
    assert ours == {
        f"{module.__name__}.{name}"
        for module in (recruitment.tasks, vacancies.tasks)
        for name, value in vars(module).items()
        if isinstance(value, Task)
    }
    beat = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert beat <= ours
