"""The workspace menu's badges: they count exactly what the inbox and the queue below them list.

Viewflow's own badges count the tasks of every agency (`Task.objects.queue`), while the lists are
scoped to the staff member's agency and roles; a badge "25" over an empty list sent officers
looking for work that was not theirs. Here the badges count the lists' own querysets.
"""

from django.http import HttpRequest


def tasks_listed(view_class, *, flow_class, user):
    """The tasks the list view `view_class` shows `user` (before any filter of the page's form)."""
    request = HttpRequest()
    request.user = user
    view = view_class(flow_class=flow_class)
    view.request = request
    return view.queryset


class ScopedBadgesMixin:
    """For a FlowAppViewset whose inbox and queue views scope their `queryset` to the user."""

    def get_context_data(self, request):
        return {
            "user_inbox": tasks_listed(self.inbox_view_class, flow_class=self._flow_class, user=request.user),
            "user_queue": tasks_listed(self.queue_view_class, flow_class=self._flow_class, user=request.user),
        }
