"""The staff's task screens for FeedbackFlow (route, draft, approve).

As for dossiers, Viewflow's wrapper has loaded `request.activation`, locked the process (POST) and
checked `can_execute`; `flows.workspace.agency_guard` has checked the agency and the task's process.
"""

from django.utils.translation import gettext_lazy as _

from flows.feedback import forms, services
from flows.feedback.choices import AnswerDecision, RouteDecision
from flows.task_views import TaskFormView


class FeedbackTaskView(TaskFormView):
    template_name = "flows/feedback/staff_task.html"

    @property
    def feedback(self):
        return self.request.activation.process.feedback

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            feedback=self.feedback,
            viewset=self.request.resolver_match.flow_viewset,
        )
        return context

    def set_decision(self, decision: str) -> None:
        process = self.request.activation.process
        process.data["decision"] = decision
        process.save()


class RouteTaskView(FeedbackTaskView):
    form_class = forms.RouteForm
    success_text = _("The item was routed.")

    def get_initial(self):
        feedback = self.feedback
        return {"agency": feedback.agency_id, "field": feedback.field_id}

    def perform(self, form):
        decision = form.cleaned_data["decision"]
        self.set_decision(decision)
        if decision == RouteDecision.REJECT:
            services.feedback_reject(
                feedback=self.feedback, actor=self.request.user, reason=form.cleaned_data["note"]
            )
        else:
            services.feedback_route(
                feedback=self.feedback,
                actor=self.request.user,
                agency=form.cleaned_data["agency"],
                field=form.cleaned_data["field"],
                note=form.cleaned_data["note"],
            )


class DraftAnswerTaskView(FeedbackTaskView):
    form_class = forms.DraftForm
    success_text = _("The answer was sent to the head for approval.")

    def get_initial(self):
        feedback = self.feedback
        return {"answer": feedback.answer, "is_private": feedback.is_private}

    def perform(self, form):
        services.feedback_draft(
            feedback=self.feedback,
            actor=self.request.user,
            answer=form.cleaned_data["answer"],
            is_private=form.cleaned_data["is_private"],
        )


class ApproveAnswerTaskView(FeedbackTaskView):
    form_class = forms.ApproveForm
    success_text = _("The head's decision was recorded.")

    def get_initial(self):
        feedback = self.feedback
        return {"answer": feedback.answer, "is_private": feedback.is_private}

    def perform(self, form):
        decision = form.cleaned_data["decision"]
        self.set_decision(decision)
        if decision == AnswerDecision.SEND_BACK:
            services.feedback_send_back(
                feedback=self.feedback, actor=self.request.user, reason=form.cleaned_data["note"]
            )
        else:
            services.feedback_approve(
                feedback=self.feedback,
                actor=self.request.user,
                answer=form.cleaned_data["answer"],
                is_private=form.cleaned_data["is_private"],
            )
