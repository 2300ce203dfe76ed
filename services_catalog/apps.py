from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesCatalogConfig(AppConfig):
    name = "services_catalog"
    verbose_name = _("Catalogue of procedures")

    def ready(self):
        from services_catalog.signals import connect_cache_invalidation

        connect_cache_invalidation()
