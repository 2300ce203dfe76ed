"""Site search: one index of procedures and pages, Vietnamese text matching, synonyms.

May import: `services_catalog`, `portal.accounts` and the shared modules of `portal`. Never dossier
processing (`flows`) nor `home`. It installs its matcher as the catalogue's free-text filter at start-up
(`apps.SearchConfig.ready`), since the catalogue never imports it.
"""
