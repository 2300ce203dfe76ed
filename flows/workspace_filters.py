"""The filters of the workspace's task lists, with each step under its Vietnamese title.

Viewflow labels a step by its node's English name ("Xử lý hồ sơ/Receive"); the steps the lists show
are human tasks, whose annotated titles are translated.
"""

from viewflow.workflow.fields import get_task_ref
from viewflow.workflow.flow.views.filters import (
    DashboardTaskListViewFilter,
    FlowArchiveListFilter,
    FlowUserTaskListFilter,
)


class TaskTitleChoicesMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = self.queryset.order_by("flow_task").values_list("flow_task", flat=True).distinct()
        self.filters["flow_task"].field.choices = [
            (get_task_ref(node), node.task_title or str(node)) for node in nodes
        ]


class TaskQueueFilter(TaskTitleChoicesMixin, FlowUserTaskListFilter):
    pass


class TaskArchiveFilter(TaskTitleChoicesMixin, FlowArchiveListFilter):
    pass


class TaskListFilter(TaskTitleChoicesMixin, DashboardTaskListViewFilter):
    pass
