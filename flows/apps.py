from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FlowsConfig(AppConfig):
    name = "flows"
    verbose_name = _("Dossier processing")

    def ready(self):
        from flows.notifications import applicant_notify_status_change
        from flows.selectors import applicants_with_dossiers_in_progress
        from flows.signals import dossier_status_changed
        from home.services import INCIDENT_CITIZEN_SOURCES

        dossier_status_changed.connect(applicant_notify_status_change, dispatch_uid="flows.applicant_notify")
        # An incident notice also goes to the applicants of the dossiers in progress (R-OPS-1).
        if applicants_with_dossiers_in_progress not in INCIDENT_CITIZEN_SOURCES:
            INCIDENT_CITIZEN_SOURCES.append(applicants_with_dossiers_in_progress)
