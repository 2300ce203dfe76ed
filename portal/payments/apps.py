from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "portal.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self):
        from flows.statistics import SERVICE_FIGURES
        from portal.payments.statistics import online_payments_figure

        # The statistics pages and exports list this figure beside the dossier figures (R-OPS-2/5).
        if online_payments_figure not in SERVICE_FIGURES:
            SERVICE_FIGURES.append(online_payments_figure)
