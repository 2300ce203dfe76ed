from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "flows.feedback"
    # Its models keep the `flows` label (Meta.app_label) so that their tables and migrations stay.
    label = "feedback"
    verbose_name = _("Feedback and questions")

    def ready(self):
        from flows.feedback.flows import FeedbackFlow
        from flows.feedback.models import Feedback
        from flows.feedback.statistics import answered_in_time_figure
        from flows.feedback.workspace import FeedbackWorkspace
        from flows.statistics import SERVICE_FIGURES
        from flows.workspace import workspace_register

        workspace_register(
            viewset=FeedbackWorkspace(FeedbackFlow, app_name="feedback", icon="question_answer"),
            process_model=Feedback,
        )
        # The statistics pages and exports list the Q&A figure beside the dossier figures.
        if answered_in_time_figure not in SERVICE_FIGURES:
            SERVICE_FIGURES.append(answered_in_time_figure)
