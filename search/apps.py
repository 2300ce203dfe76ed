from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from search import signals
        from search.procedures import procedures_matching
        from search.selectors import procedures_ranked
        from services_catalog.filters import text_matcher_install

        signals.connect_catalogue_signals()
        text_matcher_install(procedures_matching, procedures_ranked)
