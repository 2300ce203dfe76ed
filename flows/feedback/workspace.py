"""FeedbackFlow in the staff workspace (/xu-ly/feedback/), scoped to the agency that holds each item.

Registered in the workspace by `flows.feedback.apps` (`flows.workspace.workspace_register`), so
`agency_guard` protects every URL and knows which agency holds each feedback process.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    FlowArchiveListView,
    FlowInboxListView,
    FlowQueueListView,
)

from flows.feedback.flows import FeedbackFlow, FeedbackTask
from flows.feedback.models import Feedback
from flows.selectors import user_roles


def feedback_tasks_visible(queryset, user):
    own = Feedback.objects.filter(process_id=OuterRef("process_id"), agency_id=user.agency_id)
    return queryset.filter(Exists(own))


def feedback_tasks_user_may_take(queryset, user):
    roles = user_roles(user)
    allowed = Q(pk__in=[])
    for node in FeedbackFlow.instance.nodes():
        if isinstance(node, FeedbackTask) and node.role in roles:
            allowed |= Q(flow_task=node, process__feedback__agency_id=user.agency_id)
    return queryset.filter(allowed)


class FeedbackColumnsMixin:
    columns = ("task_id", "task_title", "feedback_code", "feedback_title", "feedback_due", "created")

    def feedback_title(self, task):
        feedback = getattr(task.process, "feedback", None)
        return feedback.title if feedback else ""

    feedback_title.short_description = _("Subject")

    def feedback_code(self, task):
        feedback = getattr(task.process, "feedback", None)
        return feedback.code if feedback else ""

    feedback_code.short_description = _("Reference")

    def feedback_due(self, task):
        feedback = getattr(task.process, "feedback", None)
        if feedback is None:
            return ""
        text = date_format(timezone.localtime(feedback.due_at), "SHORT_DATETIME_FORMAT")
        if feedback.is_overdue:
            return format_html('{} <strong class="overdue">({})</strong>', text, _("overdue"))
        return text

    feedback_due.short_description = _("Answer due")

    @property
    def queryset(self):
        return feedback_tasks_visible(super().queryset, self.request.user).select_related("process__feedback")


class FeedbackInboxView(FeedbackColumnsMixin, FlowInboxListView):
    pass


class FeedbackQueueView(FeedbackColumnsMixin, FlowQueueListView):
    @property
    def queryset(self):
        return feedback_tasks_user_may_take(super().queryset, self.request.user)


class FeedbackArchiveView(FeedbackColumnsMixin, FlowArchiveListView):
    columns = ("task_id", "brief", "feedback_code", "feedback_title", "created", "finished")


class FeedbackTaskListView(FeedbackColumnsMixin, DashboardTaskListView):
    # Viewflow's task list has no task_title column (asking for it is a 500, as on the dossiers' list).
    columns = ("task_id", "flow_task", "feedback_code", "feedback_title", "feedback_due", "created", "owner")


class FeedbackProcessListView(DashboardProcessListView):
    def get_queryset(self):
        own = Feedback.objects.filter(process_id=OuterRef("pk"), agency_id=self.request.user.agency_id)
        return super().get_queryset().filter(Exists(own)).order_by("-created")


class FeedbackWorkspace(FlowAppViewset):
    def has_view_permission(self, user, obj=None):
        return True

    inbox_view_class = FeedbackInboxView
    queue_view_class = FeedbackQueueView
    archive_view_class = FeedbackArchiveView
    task_list_view_class = FeedbackTaskListView
    process_list_view_class = FeedbackProcessListView

    @property
    def dashboard_view(self):
        return RedirectView.as_view(pattern_name="feedback:queue")

    def get_success_url(self, request):
        return self.reverse("queue")
