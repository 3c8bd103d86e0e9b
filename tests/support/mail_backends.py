"""An email backend for unit tests that fails the way an SMTP server does, on demand."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class ScriptedBackend(BaseEmailBackend):
    """`refuse_connection` makes open() fail like a server that is down; `failures` maps a recipient
    address to the exception sending to it raises. Successful messages land in `sent`."""

    refuse_connection: BaseException | None = None
    failures: dict[str, BaseException] = {}
    sent: list = []
    opened = 0

    @classmethod
    def reset(cls) -> None:
        cls.refuse_connection = None
        cls.failures = {}
        cls.sent = []
        cls.opened = 0

    def open(self):
        if type(self).refuse_connection is not None:
            raise type(self).refuse_connection
        type(self).opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            failure = type(self).failures.get(message.to[0])
            if failure is not None:
                raise failure
            type(self).sent.append(message)
        return len(messages)
