"""Accounts: users, the staff roles, sign-in, registration, staff management per agency.

May import: `portal.notifications` and the shared modules of `portal`; no domain app (import-linter
contract in pyproject.toml). The demo seeder and `create_staff_user` name an agency, the only
exceptions (listed there).
"""
