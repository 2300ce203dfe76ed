"""Fees and payments: the fees a dossier owes, payments at the desk, by transfer and online (VNPay),
refunds and fee receipts. App label `payments`, so its tables and migrations stay as they were when it
lived in `portal/payments`.

Owns: `models`, `services`, `selectors`, `views`, `gateways/`, `documents` (the fee receipt),
`statistics`, `templates/payments/`, the `payments_tags` template tags. Tests: `tests/flows/payments/`.
May import: the dossier flow (`flows` models, selectors, services, forms, calendar, statistics,
signals), `flows.documents`, `services_catalog`, `portal.accounts`. The dossier flow never imports it:
its templates load the `payments_tags` tags and this app connects to `flows.signals.dossier_submitted`.
"""
