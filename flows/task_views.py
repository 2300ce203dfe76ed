"""The staff's task screens in Viewflow's workspace: one form per human step of the flow.

Viewflow's wrapper has already loaded `request.activation`, locked the process (POST) and checked
`can_execute`; `flows.workspace` has checked the agency and that the task belongs to the process.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from viewflow.workflow.flow.views.mixins import TaskSuccessUrlMixin

from flows import forms, services
from flows.access_log.models import AccessKind
from flows.access_log.services import dossier_access_record
from flows.choices import ApprovalDecision, Decision
from flows.models import Consultation


class TaskFormView(TaskSuccessUrlMixin, FormView):
    """A human step's form: `perform` records what the form says, then the task is completed."""

    success_text = _("Done.")

    def perform(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        self.perform(form)
        self.request.activation.execute()
        messages.success(self.request, self.success_text)
        return HttpResponseRedirect(self.get_success_url())


class DossierTaskView(TaskFormView):
    template_name = "flows/staff/task.html"
    form_class = forms.NoteForm

    @property
    def dossier(self):
        return self.request.activation.process.dossier

    def get(self, request, *args, **kwargs):
        # The task page shows the declaration (tờ khai) and the list of files: the applicant sees
        # that this officer opened it, in the role of the step.
        response = super().get(request, *args, **kwargs)
        dossier_access_record(
            dossier=self.dossier,
            user=request.user,
            kind=AccessKind.DECLARATION,
            role=request.activation.task.flow_task.role,
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dossier = self.dossier
        context.update(
            dossier=dossier,
            files=dossier.files.select_related("document", "signature_check"),
            events=dossier.events.select_related("actor"),
            consultations=dossier.consultations.select_related("agency"),
            viewset=self.request.resolver_match.flow_viewset,
        )
        return context


class ReceiveTaskView(DossierTaskView):
    form_class = forms.ReceiveForm
    success_text = _("The reception decision was recorded.")

    def perform(self, form):
        user, dossier = self.request.user, self.dossier
        decision = form.cleaned_data["decision"]
        process = self.request.activation.process
        process.data["decision"] = decision
        process.save()
        if decision == Decision.ACCEPT:
            services.dossier_accept(dossier=dossier, actor=user, note=form.cleaned_data["note"])
        elif decision == Decision.SUPPLEMENT:
            services.dossier_supplement_request(
                dossier=dossier, actor=user, items=form.cleaned_data["missing_items"]
            )
        else:
            services.dossier_refuse(dossier=dossier, actor=user, reason=form.cleaned_data["note"])


class TransferTaskView(DossierTaskView):
    success_text = _("The dossier was transferred to the specialist department.")

    def perform(self, form):
        services.dossier_transfer(
            dossier=self.dossier, actor=self.request.user, note=form.cleaned_data["note"]
        )


class ExamineTaskView(DossierTaskView):
    form_class = forms.ExamineForm
    success_text = _("The examination was recorded.")

    def perform(self, form):
        user, dossier = self.request.user, self.dossier
        process = self.request.activation.process
        outcome = form.cleaned_data["outcome"]
        process.data["decision"] = outcome
        process.save()
        if outcome == Decision.SUPPLEMENT:
            services.dossier_supplement_request(
                dossier=dossier, actor=user, items=form.cleaned_data["missing_items"]
            )
        else:
            services.dossier_examine(dossier=dossier, actor=user, note=form.cleaned_data["note"])


class ConsultTaskView(DossierTaskView):
    form_class = forms.ConsultForm
    success_text = _("Your agency's opinion was sent.")

    def get_context_data(self, **kwargs):
        # The consulted agency answers from the declaration and the documents; the control history
        # and the other agencies' opinions stay with the implementing agency.
        context = super().get_context_data(**kwargs)
        context.update(
            events=[],
            consultations=[],
            is_consultation=True,
        )
        return context

    def perform(self, form):
        task = self.request.activation.task
        consultation = get_object_or_404(
            Consultation, pk=task.data.get("consultation_id"), dossier=self.dossier
        )
        services.consultation_answer(
            consultation=consultation, actor=self.request.user, opinion=form.cleaned_data["opinion"]
        )


class ApproveTaskView(DossierTaskView):
    form_class = forms.ApproveForm
    success_text = _("The head's decision was recorded.")

    def perform(self, form):
        user, dossier = self.request.user, self.dossier
        decision = form.cleaned_data["decision"]
        process = self.request.activation.process
        process.data["decision"] = decision
        process.save()
        if decision == ApprovalDecision.SEND_BACK:
            services.dossier_send_back(dossier=dossier, actor=user, reason=form.cleaned_data["note"])
        else:
            services.dossier_approve(dossier=dossier, actor=user, note=form.cleaned_data["note"])


class ReexamineTaskView(DossierTaskView):
    form_class = forms.ReexamineForm
    success_text = _("The re-examination was recorded and sent to the head.")

    def perform(self, form):
        services.dossier_examine(
            dossier=self.dossier, actor=self.request.user, note=form.cleaned_data["note"]
        )


class ReturnTaskView(DossierTaskView):
    """Return the result: upload the file for a level 4 dossier, or record the desk or postal return."""

    form_class = forms.ReturnForm
    template_name = "flows/staff/return_task.html"
    success_text = _("The result was returned to the applicant.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        dossier = self.dossier
        kwargs["level"] = dossier.procedure.service_level
        kwargs["has_result_file"] = dossier.result_files.exists()
        kwargs.setdefault("initial", {})["recipient_name"] = dossier.applicant_name
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(result_files=self.dossier.result_files.all())
        return context

    def form_valid(self, form):
        # A refused file (virus, type) or incomplete delivery details keep the officer on the form.
        upload = form.cleaned_data.get("result_file")
        if upload is not None:
            # Outside the savepoint below: an infected upload's incident record must stay.
            try:
                services.result_file_attach(dossier=self.dossier, upload=upload, user=self.request.user)
            except ValidationError as error:
                form.add_error("result_file", error)
                return self.form_invalid(form)
        try:
            with transaction.atomic():
                self.perform(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        self.request.activation.execute()
        messages.success(self.request, self.success_text)
        return HttpResponseRedirect(self.get_success_url())

    def perform(self, form):
        services.dossier_return_result(
            dossier=self.dossier,
            actor=self.request.user,
            note=form.cleaned_data["note"],
            delivery=form.cleaned_data,
        )
