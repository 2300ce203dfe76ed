"""Notifications: e-mail and SMS messages, their templates per event, delivery and retries.

May import: the shared modules of `portal` only; no domain app (import-linter contract in
pyproject.toml).
"""
