"""Every write of the agency's features, one module per feature: keyword-only functions with `by=` that lock,
change, audit and write their outbox rows in one transaction. `common` holds what they share."""
