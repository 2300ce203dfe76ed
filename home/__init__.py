"""The public content: home page, content and news pages, navigation, portal settings (province name,
operator contact), announcements, incident notices and release notes.

May import: `services_catalog` (procedures featured on pages, the catalogue cache it invalidates),
`portal.accounts`, `portal.notifications` and the shared modules of `portal`. Never dossier processing
(`flows`): the dossier flow adds whom an incident concerns through `services.INCIDENT_CITIZEN_SOURCES`.
"""
