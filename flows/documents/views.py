"""Downloads of a dossier's documents (PDF) and of the agency's dossier register (PDF, XLSX).

Staff get the documents of their own agency's dossiers; the applicant gets the receipt, the request
to supplement, the refusal and the apology of their own dossiers; everyone else gets 404.
"""

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flows import selectors
from flows.access_log.models import AccessKind
from flows.access_log.services import dossier_access_record
from flows.documents import services as documents
from flows.models import Dossier
from portal.forms import PeriodForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment_response(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _document_response(dossier: Dossier, slug: str, *, for_applicant: bool, user=None) -> HttpResponse:
    entry = documents.DOSSIER_DOCUMENTS.get(slug)
    if entry is None or (for_applicant and not entry[1]):
        raise Http404
    builder = entry[0]
    try:
        document = builder(dossier=dossier)
    except documents.DocumentUnavailable:
        raise Http404 from None
    if user is not None:
        dossier_access_record(
            dossier=dossier, user=user, kind=AccessKind.DOCUMENT, item=document.context.get("title", slug)
        )
    return attachment_response(
        documents.pdf_render(document=document), filename=document.filename, content_type="application/pdf"
    )


@login_required
def applicant_document(request, pk: int, slug: str):
    dossier = get_object_or_404(
        selectors.dossiers_for_applicant(user=request.user)
        .filter(is_draft=False)
        .select_related("procedure", "agency__parent"),
        pk=pk,
    )
    return _document_response(dossier, slug, for_applicant=True)


def _staff_dossier(request, pk: int) -> Dossier:
    """A dossier of the staff member's own agency (a consulted agency does not issue its papers)."""
    dossiers = selectors.dossiers_of_own_agency(user=request.user)
    return get_object_or_404(dossiers.select_related("procedure", "agency__parent"), pk=pk)


@login_required
def staff_document(request, pk: int, slug: str):
    return _document_response(_staff_dossier(request, pk), slug, for_applicant=False, user=request.user)


class RegisterPeriodForm(PeriodForm):
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("xlsx", "Excel (XLSX)")], initial="pdf"
    )


@login_required
def staff_register(request):
    """The agency's dossier register (sổ theo dõi hồ sơ) for a period, as PDF or XLSX."""
    if not selectors.user_is_processing_staff(request.user):
        raise Http404
    today = timezone.localdate()
    initial = {"start": date(today.year, today.month, 1), "end": today, "format": "pdf"}
    form = RegisterPeriodForm(request.GET or None, initial=initial)
    if request.GET and form.is_valid():
        agency = request.user.agency
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        if form.cleaned_data["format"] == "xlsx":
            return attachment_response(
                documents.register_xlsx(agency=agency, start=start, end=end),
                filename=f"so-theo-doi-{agency.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx",
                content_type=XLSX_TYPE,
            )
        document = documents.register_document(agency=agency, start=start, end=end)
        return attachment_response(
            documents.pdf_render(document=document),
            filename=document.filename,
            content_type="application/pdf",
        )
    return render(
        request,
        "flows/documents/staff_register.html",
        {"form": form},
    )
