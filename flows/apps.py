from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = _("Dossier processing")

    def ready(self):
        from flows.notifications import applicant_notify_status_change
        from flows.signals import dossier_status_changed

        dossier_status_changed.connect(applicant_notify_status_change, dispatch_uid="flows.applicant_notify")

        from flows.feedback.statistics import answered_in_time_figure
        from flows.statistics import SERVICE_FIGURES

        # The statistics pages and exports list the Q&A figure beside the dossier figures.
        if answered_in_time_figure not in SERVICE_FIGURES:
            SERVICE_FIGURES.append(answered_in_time_figure)
