"""The registry of email kinds. Each feature's module in `recruitment.emails` registers the kinds it sends,
once, with everything the machinery needs to know about them:

- `name`: stored in every row and in its dedupe key, so it never changes; `label`: the workspace's name;
- `context`: what the templates `templates/recruitment/email/<name>{_subject.txt,.txt,.html}` get, beyond
  the common part every email has (`recruitment.outbox.render`);
- `prepare` and `why_not_send`: the rule checked at send time (things change after a row is written). The
  delivery calls `prepare(rows)` once per batch for the rows of this kind and `why_not_send(row, prepared)`
  for each: a reason means the row is cancelled instead of sent. By default an email is not sent to a
  deactivated account;
- `unsubscribe`: a mass email, with a one-click unsubscribe link and the List-Unsubscribe headers (RFC 8058).

The outbox names no kind: the model's choices, the rendering and the delivery ask this registry. A new email
is one module in `recruitment.emails` and its three templates, and needs no migration (the model's choices
are this registry's `kind_choices`, which migrations keep by reference)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# This module imports nothing of the app (the model imports it for its choices): the hooks take a
# `Notification` and, for `context`, the batch's `recruitment.outbox.render.MessageCache`.
Notification = Any
MessageCache = Any


def recipient_inactive(notification: Notification, prepared: Any = None) -> str:
    """The default send-time rule: nothing goes to a deactivated account."""
    if notification.recipient_id and not notification.recipient.is_active:
        return "The recipient's account is deactivated."
    return ""


@dataclass(frozen=True)
class EmailKind:
    name: str
    label: str
    context: Callable[[Notification, MessageCache], dict] | None = None
    prepare: Callable[[list[Notification]], Any] | None = None
    why_not_send: Callable[[Notification, Any], str] = recipient_inactive
    unsubscribe: bool = False


_KINDS: dict[str, EmailKind] = {}


def register(name: str, label: str, **rules) -> str:
    """Register one kind of email; returns its name (the constant the feature writes into its rows)."""
    if name in _KINDS:
        raise ValueError(f"The email kind {name!r} is registered twice.")
    if len(name) > 30:
        raise ValueError(f"The email kind {name!r} is longer than Notification.kind allows (30).")
    _KINDS[name] = EmailKind(name=name, label=label, **rules)
    return name


def kind_for(name: str) -> EmailKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"No email kind {name!r} is registered (recruitment.emails).") from None


def registered_kinds() -> list[EmailKind]:
    return list(_KINDS.values())


def kind_choices() -> list[tuple[str, str]]:
    """Notification.kind's choices (a callable, so that adding a kind needs no migration)."""
    return [(kind.name, kind.label) for kind in _KINDS.values()]
