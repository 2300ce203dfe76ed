"""Handling of feedback and questions (R-FB-2, R-FB-3) as a Viewflow flow."""

from django.utils.translation import gettext_lazy as _

from viewflow import this
from viewflow.workflow import flow, lock

from flows.feedback.choices import AnswerDecision, RouteDecision
from flows.feedback.models import Feedback
from flows.feedback.task_views import ApproveAnswerTaskView, DraftAnswerTaskView, RouteTaskView
from flows.flows import AgencyTask
from flows.selectors import user_roles
from portal.accounts.roles import Role


class FeedbackTask(AgencyTask):
    """A step for one role of the agency that holds the item now (the receiving one until routed)."""

    def task_agency_id(self, task) -> int | None:
        return Feedback.objects.filter(process_id=task.process_id).values_list("agency_id", flat=True).first()


class FeedbackFlow(flow.Flow):
    """Feedback and questions

    Reception routes the item to the agency that must answer (or rejects spam); that agency's officer
    drafts the answer; its head approves it (or sends it back). Due in 3 working days from receipt.
    """

    process_title = _("Feedback and questions")
    process_description = _(
        "Reception routes the item to the agency that must answer (or rejects spam); that agency's officer "
        "drafts the answer; its head approves it (or sends it back). Due in 3 working days from receipt."
    )
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_feedback).Annotation(title=_("Receive the question")).Next(this.route)

    route = (
        FeedbackTask(RouteTaskView.as_view(), role=Role.RECEPTION)
        .Annotation(title=_("Route to the responsible agency"))
        .Next(this.check_route)
    )
    check_route = flow.If(this.is_rejected).Then(this.rejected).Else(this.draft)
    rejected = flow.End()

    draft = (
        FeedbackTask(DraftAnswerTaskView.as_view(), role=Role.SPECIALIST)
        .Annotation(title=_("Draft the answer"))
        .Next(this.approve)
    )
    approve = (
        FeedbackTask(ApproveAnswerTaskView.as_view(), role=Role.HEAD)
        .Annotation(title=_("Approve the answer"))
        .Next(this.check_approval)
    )
    check_approval = flow.If(this.is_sent_back).Then(this.draft).Else(this.end)
    end = flow.End()

    def start_feedback(self, activation, feedback: Feedback):
        activation.process.data = {"feedback_code": feedback.code}
        activation.process.save()
        feedback.process = activation.process
        feedback.save(update_fields=["process"])
        return activation.process

    @staticmethod
    def _decision(activation) -> str:
        return activation.process.data.get("decision", "")

    def is_rejected(self, activation) -> bool:
        return self._decision(activation) == RouteDecision.REJECT

    def is_sent_back(self, activation) -> bool:
        return self._decision(activation) == AnswerDecision.SEND_BACK

    def has_view_permission(self, user, obj=None) -> bool:
        return bool(user_roles(user))
