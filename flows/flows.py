"""The one-stop dossier process (R-PRO-1 … R-PRO-7, R-RES-1/2) as a Viewflow flow."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.status import STATUS

from flows import services
from flows.calendar import calendar_current
from flows.choices import ApprovalDecision, Decision
from flows.models import Dossier
from flows.selectors import user_roles
from flows.task_views import (
    ApproveTaskView,
    ConsultTaskView,
    ExamineTaskView,
    ReceiveTaskView,
    ReexamineTaskView,
    ReturnTaskView,
    TransferTaskView,
)
from portal.accounts.roles import Role


class AgencyTask(flow.View):
    """A human task for one role of the dossier's agency (or, when consulting, of the consulted agency).

    Viewflow only checks model-wide permissions; these checks make the task unreachable for staff of
    another agency or role, whatever URL they open.
    """

    def __init__(self, view, *, role: Role, **kwargs):
        super().__init__(view, **kwargs)
        self.role = role

    def task_agency_id(self, task) -> int | None:
        if "agency_id" in task.data:
            return task.data["agency_id"]
        dossier = Dossier.objects.filter(process_id=task.process_id).only("agency_id").first()
        return dossier.agency_id if dossier else None

    def user_may_handle(self, user, task) -> bool:
        return (
            user.is_authenticated
            and self.role in user_roles(user)
            and user.agency_id is not None
            and user.agency_id == self.task_agency_id(task)
        )

    def can_assign(self, user, task) -> bool:
        return not task.owner_id and self.user_may_handle(user, task)

    def can_unassign(self, user, task) -> bool:
        return task.owner_id == user.pk and self.user_may_handle(user, task)

    def can_execute(self, user, task) -> bool:
        return task.owner_id == user.pk and self.user_may_handle(user, task)


class ConsultationSplitActivation(SplitActivation):
    """Besides examination, one consultation task per coordinating agency (task.data holds the agency)."""

    @Activation.status.super()
    def activate(self):
        dossier = self.process.dossier
        for node, cond, _data_source in self.flow_task._branches:
            if node is self.flow_class.consult:
                for consultation in services.consultations_open(dossier=dossier):
                    self.next_tasks.append(
                        (node, {"agency_id": consultation.agency_id, "consultation_id": consultation.pk})
                    )
            elif cond is None or cond(self):
                self.next_tasks.append((node, None))


class ConsultationSplit(flow.Split):
    activation_class = ConsultationSplitActivation


def transfer_deadline(activation):
    """Half a working day from acceptance (R-PRO-4)."""
    dossier = activation.process.dossier
    return calendar_current().add_working_time(dossier.received_at, timedelta(hours=4))


class DossierFlow(flow.Flow):
    """Dossier processing (one-stop)

    Reception checks the dossier, the specialist department examines it (consulting coordinating
    agencies in parallel when configured), the head approves when required, and the desk returns
    the result.
    """

    process_title = _("Dossier processing")
    process_description = _(
        "Reception checks the dossier, the specialist department examines it (consulting coordinating "
        "agencies in parallel when configured), the head approves when required, and the desk returns "
        "the result."
    )
    # Two officers acting on one task at once: the row lock makes exactly one of them win. SQLite has
    # no row locks; there the IMMEDIATE transaction the lock opens serialises writers instead.
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_dossier).Annotation(title=_("Submit the dossier")).Next(this.receive)

    receive = (
        AgencyTask(ReceiveTaskView.as_view(), role=Role.RECEPTION)
        .Annotation(title=_("Receive the dossier"))
        .Next(this.route_reception)
    )
    route_reception = (
        flow.Switch()
        .Case(this.transfer, this.is_accepted)
        .Case(this.wait_supplement, this.is_supplement_requested)
        .Default(this.refused)
    )
    wait_supplement = (
        flow.Handle(this.apply_supplement).Annotation(title=_("Wait for the supplement")).Next(this.receive)
    )
    refused = flow.End()

    transfer = (
        AgencyTask(TransferTaskView.as_view(), role=Role.RECEPTION)
        .Annotation(title=_("Transfer to the specialist department"))
        .onCreate(this.set_step_due)
        .OnTimeout(transfer_deadline, this.flag_transfer_overdue, interrupting=False)
        .Next(this.split_agencies)
    )
    flag_transfer_overdue = flow.Function(this.mark_transfer_overdue).Next(this.transfer_overdue_end)
    transfer_overdue_end = flow.End()

    split_agencies = ConsultationSplit().Next(this.consult).Always(this.examine)
    consult = (
        AgencyTask(ConsultTaskView.as_view(), role=Role.SPECIALIST)
        .Annotation(title=_("Give the coordinating agency's opinion"))
        .onCreate(this.set_step_due)
        .Next(this.join_agencies)
    )
    examine = (
        AgencyTask(ExamineTaskView.as_view(), role=Role.SPECIALIST)
        .Annotation(title=_("Examine the dossier"))
        .onCreate(this.set_step_due)
        .Next(this.route_examination)
    )
    route_examination = (
        flow.If(this.is_supplement_requested).Then(this.wait_examination_supplement).Else(this.join_agencies)
    )
    wait_examination_supplement = (
        flow.Handle(this.apply_supplement).Annotation(title=_("Wait for the supplement")).Next(this.examine)
    )
    join_agencies = flow.Join().Next(this.check_approval)

    check_approval = flow.If(this.head_approval_required).Then(this.approve).Else(this.mark_result_ready)
    approve = (
        AgencyTask(ApproveTaskView.as_view(), role=Role.HEAD)
        .Annotation(title=_("Approve the result"))
        .onCreate(this.set_step_due)
        .Next(this.route_approval)
    )
    route_approval = flow.If(this.is_sent_back).Then(this.reexamine).Else(this.mark_result_ready)
    reexamine = (
        AgencyTask(ReexamineTaskView.as_view(), role=Role.SPECIALIST)
        .Annotation(title=_("Re-examine the dossier sent back by the head"))
        .Next(this.approve)
    )
    mark_result_ready = flow.Function(this.result_ready).Next(this.return_result)
    return_result = (
        AgencyTask(ReturnTaskView.as_view(), role=Role.RECEPTION)
        .Annotation(title=_("Return the result"))
        .Next(this.end)
    )
    end = flow.End()

    def start_dossier(self, activation, dossier: Dossier):
        activation.process.data = {"dossier_code": dossier.code}
        activation.process.save()
        dossier.process = activation.process
        dossier.save(update_fields=["process"])
        return activation.process

    def set_step_due(self, activation):
        """Record when this step should be done, from the procedure's step budgets (R-PRO-9)."""
        task, dossier = activation.task, activation.process.dossier
        days = services.step_budget_days(step=task.flow_task.name, procedure=dossier.procedure)
        if days is None:
            return
        start = dossier.received_at if task.flow_task.name == "transfer" else timezone.now()
        task.data["step_due"] = calendar_current().add_working_days(start, days).isoformat()
        task.save(update_fields=["data"])

    @staticmethod
    def _decision(activation) -> str:
        return activation.process.data.get("decision", "")

    def is_accepted(self, activation) -> bool:
        return self._decision(activation) == Decision.ACCEPT

    def is_supplement_requested(self, activation) -> bool:
        return self._decision(activation) == Decision.SUPPLEMENT

    def is_sent_back(self, activation) -> bool:
        return self._decision(activation) == ApprovalDecision.SEND_BACK

    def apply_supplement(self, activation, *, user, note: str = ""):
        activation.process.data["decision"] = ""
        activation.process.save()
        services.dossier_resume_after_supplement(dossier=activation.process.dossier, actor=user, note=note)

    def mark_transfer_overdue(self, activation):
        services.dossier_flag_transfer_overdue(dossier=activation.process.dossier)

    def head_approval_required(self, activation) -> bool:
        dossier = activation.process.dossier
        return services.process_settings_for(procedure=dossier.procedure).head_approval_required

    def result_ready(self, activation):
        services.dossier_result_ready(dossier=activation.process.dossier)

    @classmethod
    def waiting_supplement_task(cls, *, process):
        """The Handle task waiting for the citizen's supplement, if any."""
        if process is None:
            return None
        return (
            cls.task_class._default_manager.filter(
                Q(flow_task=cls.wait_supplement) | Q(flow_task=cls.wait_examination_supplement),
                process=process,
                status=STATUS.NEW,
            )
            .order_by("-pk")
            .first()
        )

    def has_view_permission(self, user, obj=None) -> bool:
        return bool(user_roles(user))
