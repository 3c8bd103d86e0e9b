"""The registry of email kinds: every kind registered once by its feature, with its three templates; the outbox
machinery names no kind; the model's choices are the registry's, so adding a kind needs no migration."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import get_template

from recruitment import emails
from recruitment.models import Notification
from recruitment.outbox import kinds
from recruitment.outbox.kinds import kind_choices, kind_for, register, registered_kinds

ROOT = Path(__file__).resolve().parents[3]
FEATURE_MODULES = sorted(
    path.stem for path in (ROOT / "recruitment" / "emails").glob("*.py") if path.stem not in {"__init__", "common"}
)


def test_every_feature_module_is_imported_by_the_package():
    """A module added to recruitment/emails/ but not listed in its __init__ would register nothing."""
    assert all(hasattr(emails, name) for name in FEATURE_MODULES)


@pytest.mark.parametrize("kind", [k.name for k in registered_kinds()])
def test_each_kind_has_its_subject_text_and_html_templates(kind):
    for suffix in ("_subject.txt", ".txt", ".html"):
        get_template(f"recruitment/email/{kind}{suffix}")


def test_the_kinds_are_the_ones_rows_were_written_with():
    """Names are frozen: they are stored in every row and in dedupe keys."""
    assert {kind.name for kind in registered_kinds()} == {
        "match_alert", "match_digest", "application_received", "application_confirmed", "stage_changed",
        "vacancy_published", "vacancy_rejected", "vacancy_expired", "revision_published", "revision_rejected",
        "login_failures", "invitation", "introduction_consent", "introduction_to_client", "introduction_outcome",
        "recruiter_update", "application_declined", "interview_slots", "interview_other_times",
        "interview_confirmed", "interview_cancelled", "interview_reminder", "interview_feedback",
        "interview_feedback_given", "vacancy_submitted",
        "colleague_invite", "guarantee_ending",
    }  # fmt: skip


def test_only_mass_email_carries_one_click_unsubscribe():
    assert {kind.name for kind in registered_kinds() if kind.unsubscribe} == {"match_alert", "match_digest"}


def test_the_models_choices_come_from_the_registry():
    field = Notification._meta.get_field("kind")
    assert list(field.choices) == kind_choices()
    assert ("interview_slots", "Interview: slots to pick from") in field.choices


def test_a_kind_is_registered_once_and_must_fit_the_column():
    with pytest.raises(ValueError, match="twice"):
        register("match_alert", "Again")
    with pytest.raises(ValueError, match="longer"):
        register("x" * 31, "Too long")


def test_an_unknown_kind_is_refused_on_a_row_and_named_when_looked_up():
    row = Notification(kind="no_such_kind", to_email="a@example.com", dedupe_key="k")
    with pytest.raises(ValidationError) as raised:
        row.full_clean(exclude=["dedupe_key"])
    assert "kind" in raised.value.message_dict
    with pytest.raises(LookupError, match="no_such_kind"):
        kind_for("no_such_kind")


def test_a_new_kind_needs_no_migration(monkeypatch):
    """The field keeps the registry's function, not a list: what the migration serialises is a reference."""
    *_, kwargs = Notification._meta.get_field("kind").deconstruct()
    assert kwargs["choices"] is kinds.kind_choices
    monkeypatch.setitem(kinds._KINDS, "test_only_kind", kinds.EmailKind("test_only_kind", "A test"))
    assert ("test_only_kind", "A test") in Notification._meta.get_field("kind").choices


def test_the_outbox_machinery_names_no_kind():
    """No module of recruitment/outbox/ mentions a kind by name: each feature's emails module does."""
    names = {kind.name for kind in registered_kinds()}
    for path in (ROOT / "recruitment" / "outbox").glob("*.py"):
        strings = {
            node.value
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        }
        mentioned = {name for name in names for text in strings if re.search(rf"\b{name}\b", text)}
        assert not mentioned, f"{path.name} names {sorted(mentioned)}"


def test_no_service_carries_outbox_ids_to_the_tasks():
    """One seam: a service that writes rows schedules them; nothing outside the outbox enqueues delivery."""
    for path in (ROOT / "recruitment").rglob("*.py"):
        if "outbox" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        assert "enqueue_delivery" not in text, path
        assert "notifications_deliver_task" not in text or path.name == "tasks.py", path
