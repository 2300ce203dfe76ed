"""Dossier processing: the dossier flow (Viewflow) from submission to the returned result, its staff
workspace, the working calendar, uploads and their virus scan, digital signatures, statistics and
reports. The rooms above it live in their own packages: `flows.feedback` (the Q&A flow),
`flows.payments` (fees) and `flows.documents` (paper documents).

May import: the public content below it (`home`, `search`, `services_catalog`), `portal.accounts`,
`portal.notifications` and the shared modules of `portal`. Never its rooms: they plug in through
signals (`flows.signals`), registries (`flows.workspace.workspace_register`,
`flows.statistics.SERVICE_FIGURES`) and template tags (import-linter contracts in pyproject.toml).
"""
