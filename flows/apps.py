from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = _("Dossier processing")

    def ready(self):
        from flows.notifications import applicant_notify_status_change
        from flows.signals import dossier_status_changed

        dossier_status_changed.connect(applicant_notify_status_change, dispatch_uid="flows.applicant_notify")
