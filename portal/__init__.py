"""The project: settings, URLs (`urls` assembles every room), health probes, Vietnamese for
third-party apps (`vendor_locale`), and the cross-cutting services every room may use:
`accounts` (users, roles), `notifications` (e-mail, SMS) and the shared modules `pages`, `caching`,
`middleware`, which import no app of the project.
"""
