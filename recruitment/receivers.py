"""Listeners that connect vacancy, application and profile events to matching and the outbox."""
