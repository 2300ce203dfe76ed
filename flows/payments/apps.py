from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "flows.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self):
        from flows.payments.signals import dossier_submitted_fees
        from flows.payments.statistics import online_payments_figure
        from flows.signals import dossier_submitted
        from flows.statistics import SERVICE_FIGURES

        dossier_submitted.connect(dossier_submitted_fees, dispatch_uid="payments.fees_on_submission")

        # The statistics pages and exports list this figure beside the dossier figures (R-OPS-2/5).
        if online_payments_figure not in SERVICE_FIGURES:
            SERVICE_FIGURES.append(online_payments_figure)
