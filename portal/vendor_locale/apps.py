from django.apps import AppConfig


class VendorLocaleConfig(AppConfig):
    """Vietnamese for third-party apps (see README.md). It holds only a locale directory.

    Django prefers the catalogues of apps listed earlier in INSTALLED_APPS, so listed after the
    project's own apps and before the third-party ones, these translations complete and correct the
    packages' own while never replacing a project app's wording.
    """

    name = "portal.vendor_locale"
    label = "vendor_locale"
