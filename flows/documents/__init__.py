"""Paper documents: the PDFs a dossier's history produces (receipt, supplement request, refusal,
apology, control sheet), the register, their templates and the pages that serve them.

Owns: `services` (rendering, which documents a dossier has), `views`, the `flows_documents` template
tags, `templates/flows/documents/`. Tests: `tests/flows/documents/`.
May import: the dossier flow (`flows` models, selectors, services, calendar), `home.models` (the portal
settings printed in the letterhead), `services_catalog`, `portal.accounts`. The dossier flow never
imports it: its templates load the `flows_documents` tags.
"""
