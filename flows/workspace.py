"""The staff workspace: Viewflow's UI for DossierFlow, scoped to the staff member's agency.

Viewflow scopes nothing by itself (a model-wide permission shows every process) and loads a task by
its id without checking it belongs to the process in the URL. Here every list is filtered to the
user's agency, and every URL of the workspace goes through `agency_guard`, which answers 404 for a
process outside the user's agency and for a task of another process, and turns a lost race on a
task (two officers at once) into a message instead of an error page.
"""

from datetime import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from viewflow.urls import Site
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.views import (
    DashboardProcessListView,
    DashboardTaskListView,
    DetailProcessView,
    FlowArchiveListView,
    FlowInboxListView,
    FlowQueueListView,
)
from viewflow.workflow.models import Task

from flows.access_log.models import AccessKind
from flows.access_log.services import dossier_access_record
from flows.flows import AgencyTask, DossierFlow
from flows.models import Dossier
from flows.selectors import user_is_processing_staff, user_roles
from flows.workspace_filters import TaskArchiveFilter, TaskListFilter, TaskQueueFilter
from flows.workspace_menu import ScopedBadgesMixin

WORKSPACE_PREFIX = "xu-ly/"


# The rooms above the dossier flow (the Q&A flow) add their processes at start-up through
# `workspace_register`, since this module never imports them.
WORKSPACE_VIEWSETS: list = []
AGENCY_PROCESS_MODELS: list = []


def workspace_register(*, viewset, process_model) -> None:
    """Show a flow's viewset in the workspace; `process_model` (with `process` and `agency` fields)
    tells `agency_guard` which agency holds each of its processes."""
    WORKSPACE_VIEWSETS.append(viewset)
    AGENCY_PROCESS_MODELS.append(process_model)


def process_of_own_agency(*, user, process_pk: int) -> bool:
    if Dossier.objects.filter(process_id=process_pk, agency_id=user.agency_id, is_draft=False).exists():
        return True
    return any(
        model.objects.filter(process_id=process_pk, agency_id=user.agency_id).exists()
        for model in AGENCY_PROCESS_MODELS
    )


def own_consultation_task(*, user, process_pk: int, task_pk: int) -> bool:
    """The consultation task of the user's agency on this process: all a consulted agency may open."""
    return Task.objects.filter(
        pk=task_pk,
        process_id=process_pk,
        flow_task=DossierFlow.consult,
        data__agency_id=user.agency_id,
    ).exists()


def tasks_visible(queryset, user):
    """Tasks of dossiers of the user's agency, and the consultation tasks asked of it.

    Correlated EXISTS on unique keys: the cost follows the rows the list shows, not the register.
    """
    own = Dossier.objects.filter(process_id=OuterRef("process_id"), agency_id=user.agency_id)
    return queryset.filter(Exists(own) | Q(flow_task=DossierFlow.consult, data__agency_id=user.agency_id))


def processes_visible(queryset, user):
    # A consulted agency reaches its consultation task from its inbox, never the whole process.
    own = Dossier.objects.filter(process_id=OuterRef("pk"), agency_id=user.agency_id)
    return queryset.filter(Exists(own))


def tasks_user_may_take(queryset, user):
    """Tasks of nodes for the user's roles, of their agency (consultations: of the consulted agency)."""
    roles = user_roles(user)
    allowed = Q(pk__in=[])
    for node in DossierFlow.instance.nodes():
        if not isinstance(node, AgencyTask) or node.role not in roles:
            continue
        if node is DossierFlow.consult:
            allowed |= Q(flow_task=node, data__agency_id=user.agency_id)
        else:
            allowed |= Q(flow_task=node, process__dossier__agency_id=user.agency_id)
    return queryset.filter(allowed)


class DossierColumnsMixin:
    """Dossier code, appointment date and an overdue mark in the task lists."""

    columns = ("task_id", "task_title", "dossier_code", "step_due", "due_date", "created")

    def task_title(self, task):
        # Viewflow's archive and task list show the node's English name ("Receive") or "Brief".
        return task.title

    task_title.short_description = _("Task")

    def dossier_code(self, task):
        dossier = getattr(task.process, "dossier", None)
        return dossier.code if dossier else ""

    dossier_code.short_description = _("Dossier code")

    def due_date(self, task):
        dossier = getattr(task.process, "dossier", None)
        if dossier is None:
            return ""
        text = (
            date_format(timezone.localtime(dossier.due_at), "SHORT_DATETIME_FORMAT") if dossier.due_at else ""
        )
        if dossier.is_overdue:
            text = format_html('{} <strong class="overdue">({})</strong>', text, _("overdue"))
        if dossier.transfer_overdue and task.flow_task == DossierFlow.transfer:
            text = format_html('{} <strong class="overdue">({})</strong>', text, _("transfer overdue"))
        return text

    due_date.short_description = _("Appointment date")

    def step_due(self, task):
        value = task.data.get("step_due") if task.data else None
        if not value:
            return ""
        due = datetime.fromisoformat(value)
        text = date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT")
        if task.finished is None and timezone.now() > due:
            return format_html('{} <strong class="overdue">({})</strong>', text, _("overdue"))
        return text

    step_due.short_description = _("Step due")


class AgencyScopedTasksMixin(DossierColumnsMixin):
    @property
    def queryset(self):
        return tasks_visible(super().queryset, self.request.user).select_related("process__dossier")


class ScopedInboxView(AgencyScopedTasksMixin, FlowInboxListView):
    filterset_class = TaskQueueFilter


class ScopedQueueView(AgencyScopedTasksMixin, FlowQueueListView):
    filterset_class = TaskQueueFilter

    @property
    def queryset(self):
        return tasks_user_may_take(super().queryset, self.request.user)


class ScopedArchiveView(AgencyScopedTasksMixin, FlowArchiveListView):
    # Done tasks need no step due date.
    columns = ("task_id", "task_title", "dossier_code", "due_date", "created", "finished")
    filterset_class = TaskArchiveFilter


class ScopedTaskListView(AgencyScopedTasksMixin, DashboardTaskListView):
    columns = ("task_id", "task_title", "dossier_code", "step_due", "due_date", "created", "owner")
    filterset_class = TaskListFilter

    @property
    def queryset(self):
        # The steps officers take; the engine's own (start, switches, splits, joins) mean nothing to them.
        return super().queryset.filter(flow_task_type="HUMAN")


class ScopedProcessListView(DashboardProcessListView):
    def get_queryset(self):
        return processes_visible(super().get_queryset(), self.request.user).order_by("-created")


class DossierProcessDetailView(DetailProcessView):
    """The dossier's process page; opening it is recorded in the dossier's access log."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        dossier = getattr(self.object, "dossier", None)
        if dossier is not None:
            dossier_access_record(dossier=dossier, user=request.user, kind=AccessKind.DOSSIER)
        return response


class DossierWorkspace(ScopedBadgesMixin, FlowAppViewset):
    # The flow's lists, then the desk pages of the staff member's roles (paper dossiers, fees …).
    menu_template_name = "flows/staff/workspace_menu.html"

    def has_view_permission(self, user, obj=None):
        # Who may enter is decided by agency_guard, which answers 404 rather than 403.
        return True

    inbox_view_class = ScopedInboxView
    queue_view_class = ScopedQueueView
    archive_view_class = ScopedArchiveView
    task_list_view_class = ScopedTaskListView
    process_list_view_class = ScopedProcessListView
    process_detail_view_class = DossierProcessDetailView

    @property
    def dashboard_view(self):
        # Viewflow's dashboard lists tasks of every agency; the queue is the scoped starting point.
        return RedirectView.as_view(pattern_name="dossier:queue")

    def get_success_url(self, request):
        return self.reverse("queue")


def _workspace_home(request) -> str:
    return reverse("dossier:queue")


def agency_guard(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_is_processing_staff(user):
            raise Http404
        process_pk, task_pk = kwargs.get("process_pk"), kwargs.get("task_pk")
        if process_pk is not None and not (
            process_of_own_agency(user=user, process_pk=process_pk)
            or (
                task_pk is not None
                and own_consultation_task(user=user, process_pk=process_pk, task_pk=task_pk)
            )
        ):
            raise Http404
        if task_pk is not None and not Task.objects.filter(pk=task_pk, process_id=process_pk).exists():
            raise Http404
        try:
            return view(request, *args, **kwargs)
        except FlowLockFailed:
            messages.error(request, _("Another officer is acting on this dossier right now. Try again."))
        except PermissionDenied:
            if task_pk is None:
                raise
            messages.error(
                request,
                _("This task is no longer available to you: another officer has taken or completed it."),
            )
        return HttpResponseRedirect(_workspace_home(request))

    return guarded


def _guard_patterns(patterns) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _guard_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = agency_guard(pattern.callback)


class WorkspaceSite(Site):
    def has_view_permission(self, user, obj=None):
        return True


def workspace_urls():
    workspace_site = WorkspaceSite(
        title=_("Dossier processing"),
        viewsets=[DossierWorkspace(DossierFlow, app_name="dossier", icon="assignment"), *WORKSPACE_VIEWSETS],
    )
    resolvers, app_name, namespace = workspace_site.urls
    _guard_patterns(resolvers)
    return resolvers, app_name, namespace
