"""The catalogue of administrative procedures: sectors, fields, agencies, procedure pages, their
import, filters, API and page cache.

May import: `portal.accounts`, `portal.notifications` and the shared modules of `portal`
(`portal.pages`, `portal.caching`, `portal.middleware`). Never `home`, `search` nor dossier processing:
they build on it (home connects its own models to the cache in `home.signals`; search installs the
free-text matcher in `filters`).
"""
