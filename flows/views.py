"""Citizen-side pages (submission, my dossiers, look-up), private file downloads, and the agency's
actions outside the flow's steps (stop processing, apology with a new appointment date)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flows import eform_filling, forms, selectors, services
from flows.access_log.models import AccessKind
from flows.access_log.selectors import dossier_accesses_for_applicant
from flows.access_log.services import dossier_access_record
from flows.choices import DossierStatus
from flows.models import Dossier, DossierFile, MalwareIncident, ResultFile, ResultReturn
from portal.accounts.roles import Role
from services_catalog.choices import ONLINE_SUBMISSION_LEVELS
from services_catalog.models import ProcedurePage
from services_catalog.selectors import procedure_commune_agencies, procedures_receivable_by

RECEIPT_TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"


def _document_field(document) -> str:
    return f"document_{document.pk}"


def _attach_uploads(request, dossier: Dossier, documents) -> dict[int, list[str]]:
    """Store every uploaded document that passes the checks; return the errors per document."""
    errors: dict[int, list[str]] = {}
    for document in documents:
        upload = request.FILES.get(_document_field(document))
        if upload is None:
            continue
        try:
            services.dossier_file_attach(dossier=dossier, document=document, upload=upload, user=request.user)
        except ValidationError as error:
            errors[document.pk] = error.messages
    return errors


def _reuse_field(document) -> str:
    return f"reuse_{document.pk}"


def _attach_reused(request, dossier: Dossier, documents) -> dict[int, list[str]]:
    """Copy the earlier files the citizen chose to reuse (a file uploaded for the same document wins)."""
    errors: dict[int, list[str]] = {}
    for document in documents:
        chosen = request.POST.get(_reuse_field(document), "").strip()
        if not chosen or _document_field(document) in request.FILES:
            continue
        if not chosen.isdigit():
            errors[document.pk] = [_("Choose one of the files offered.")]
            continue
        try:
            services.dossier_file_reuse(
                dossier=dossier, document=document, source_id=int(chosen), user=request.user
            )
        except ValidationError as error:
            errors[document.pk] = error.messages
    return errors


def _reuse_rows(request, rows: list[dict], dossier: Dossier | None) -> None:
    """Offer on each document row the citizen's earlier files of the same kind (flows/_reuse_choice.html)."""
    reusable = selectors.dossier_files_reusable(
        user=request.user, documents=[row["document"] for row in rows], exclude_dossier=dossier
    )
    for row in rows:
        row["reusable"] = reusable.get(row["document"].pk, [])
        row["reuse_field"] = _reuse_field(row["document"])


def procedure_choose(request):
    procedures = (
        ProcedurePage.objects.live()
        .filter(service_level__in=ONLINE_SUBMISSION_LEVELS, is_retired=False)
        .select_related("agency")
        .order_by("title")
    )
    return render(request, "flows/procedure_choose.html", {"procedures": procedures})


@login_required
def dossier_submit(request, procedure_code: str):
    """Declaration and one file per required document; save as draft or submit (R-SUB-1/2)."""
    procedure = get_object_or_404(ProcedurePage.objects.live(), code=procedure_code)
    if not procedure.accepts_online_dossiers:
        raise Http404
    if getattr(request.user, "agency_id", None):
        messages.info(request, _("Staff accounts cannot submit dossiers as citizens."))
        return redirect("flows:my_dossiers")
    documents = list(procedure.documents.all())
    dossier = (
        Dossier.objects.filter(applicant=request.user, procedure=procedure, is_draft=True)
        .order_by("-created_at")
        .first()
    )
    initial = {"applicant_name": request.user.get_full_name(), "applicant_email": request.user.email}
    if dossier is not None:
        initial.update(dossier.declaration)
    filling = eform_filling.eform_filling_for(
        procedure=procedure, data=request.POST or None, dossier=dossier, profile=request.user
    )
    if request.method == "POST" and eform_filling.REUSE_BUTTON in request.POST and filling is not None:
        return _answers_reuse(request, procedure=procedure, dossier=dossier)
    # With an e-form, the e-form is the declaration: only the applicant's contact is asked besides.
    declaration_form = forms.ContactForm if filling else forms.DeclarationForm
    form = declaration_form(request.POST or None, initial=initial)
    communes = procedure_commune_agencies(procedure=procedure)
    commune_form = None
    if communes.exists():
        chosen = (
            dossier.agency
            if dossier
            else forms.commune_of_address(address=request.user.address, communes=communes)
        )
        commune_form = forms.CommuneForm(
            request.POST or None, communes=communes, initial={"commune": chosen.code if chosen else None}
        )
    upload_errors: dict[int, list[str]] = {}
    redisplay = filling is not None and filling.form.is_redisplay  # a row added or removed: no saving
    commune_valid = commune_form is None or commune_form.is_valid()
    if request.method == "POST" and not redisplay and form.is_valid() and commune_valid:
        commune = commune_form.cleaned_data["commune"] if commune_form else None
        if dossier is None:
            dossier = services.dossier_draft_create(
                procedure=procedure, applicant=request.user, commune=commune
            )
        elif commune is not None:
            dossier.agency = commune  # still a draft: the applicant may change their commune
        dossier.declaration = form.cleaned_data
        dossier.applicant_name = form.cleaned_data["applicant_name"]
        dossier.applicant_phone = form.cleaned_data["applicant_phone"]
        dossier.applicant_email = form.cleaned_data["applicant_email"]
        answers_valid = filling is None or eform_filling.dossier_answers_keep(
            dossier=dossier, filling=filling, submitting="submit" in request.POST
        )
        dossier.save()
        upload_errors = _attach_uploads(request, dossier, documents) | _attach_reused(
            request, dossier, documents
        )
        if not upload_errors and answers_valid:
            if "submit" in request.POST:
                try:
                    services.dossier_submit(dossier=dossier, user=request.user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        _("Your dossier %(code)s was submitted. Keep the look-up secret: %(secret)s")
                        % {"code": dossier.code, "secret": dossier.lookup_secret},
                    )
                    return redirect("flows:dossier_detail", pk=dossier.pk)
            else:
                messages.success(request, _("Your draft was saved. You can come back and finish it later."))
            return redirect("flows:submit", procedure_code=procedure.code)
    attached = {item.document_id: item for item in dossier.files.all()} if dossier else {}
    rows = [
        {
            "document": document,
            "field_name": _document_field(document),
            "attached": attached.get(document.pk),
            "errors": upload_errors.get(document.pk, []),
        }
        for document in documents
    ]
    _reuse_rows(request, rows, dossier)
    return render(
        request,
        "flows/submit.html",
        {
            "procedure": procedure,
            "form": form,
            "commune_form": commune_form,
            "rows": rows,
            "dossier": dossier,
            "eform": filling.form if filling else None,
            "errors_summary": eform_filling.errors_summary(contact_form=form, filling=filling)
            if filling and request.method == "POST"
            else [],
            "answers_source": eform_filling.dossier_answers_source(
                applicant=request.user, procedure=procedure
            )
            if filling
            else None,
        },
    )


def _answers_reuse(request, *, procedure: ProcedurePage, dossier: Dossier | None):
    """The citizen chose to start from their latest dossier's answers: into the draft (made if need be)."""
    source = eform_filling.dossier_answers_source(applicant=request.user, procedure=procedure)
    if source is None:
        raise Http404
    if dossier is None:
        commune = source.agency if procedure_commune_agencies(procedure=procedure).exists() else None
        try:
            dossier = services.dossier_draft_create(
                procedure=procedure, applicant=request.user, commune=commune
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("flows:submit", procedure_code=procedure.code)
    eform_filling.dossier_answers_reuse(draft=dossier, source=source, user=request.user)
    messages.success(
        request,
        _("The answers of your dossier %(code)s were filled in. Check them and change what is different.")
        % {"code": source.code},
    )
    return redirect("flows:submit", procedure_code=procedure.code)


@login_required
def my_dossiers(request):
    dossiers = (
        selectors.dossiers_for_applicant(user=request.user)
        .select_related("procedure")
        .order_by("-created_at")[:200]
    )
    rows = [{"dossier": d, "next_step": selectors.dossier_next_step(dossier=d)} for d in dossiers]
    return render(request, "flows/my_dossiers.html", {"rows": rows})


@login_required
def dossier_detail(request, pk: int):
    dossier = get_object_or_404(
        selectors.dossiers_for_applicant(user=request.user).select_related("procedure", "agency", "rating"),
        pk=pk,
    )
    documents = list(dossier.procedure.documents.all())
    attached = {item.document_id: item for item in dossier.files.select_related("signature_check")}
    return render(
        request,
        "flows/dossier_detail.html",
        {
            "dossier": dossier,
            "next_step": selectors.dossier_next_step(dossier=dossier),
            "events": dossier.events.select_related("actor"),
            "rows": [
                {"document": d, "field_name": _document_field(d), "attached": attached.get(d.pk)}
                for d in documents
            ],
            "supplement": dossier.supplement_requests.filter(answered_at__isnull=True).first(),
            "can_withdraw": not dossier.is_draft and dossier.status in services.WITHDRAWABLE,
            "result_files": dossier.result_files.all() if dossier.status == DossierStatus.RETURNED else [],
            "result_return": ResultReturn.objects.filter(dossier=dossier).first(),
            # R-SUB-4: files that all carry an intact, trusted signature need no paper dossier by post.
            "all_files_signed": bool(attached)
            and all(
                getattr(item, "signature_check", None) and item.signature_check.is_valid
                for item in attached.values()
            ),
            "rating": getattr(dossier, "rating", None),
            "can_rate": getattr(dossier, "rating", None) is None
            and dossier.status in services.RATEABLE_STATUSES,
            "rating_form": forms.DossierRatingForm(),
            "accesses": [] if dossier.is_draft else dossier_accesses_for_applicant(dossier=dossier),
        },
    )


@login_required
def result_download(request, pk: int, file_pk: int):
    """A result file, for the dossier's applicant only (404 for anyone else), once returned online."""
    dossier = get_object_or_404(
        selectors.dossiers_for_applicant(user=request.user), pk=pk, status=DossierStatus.RETURNED
    )
    result = get_object_or_404(ResultFile, pk=file_pk, dossier=dossier)
    response = FileResponse(
        result.file.open("rb"),
        as_attachment=True,
        filename=result.original_name,
        content_type=result.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def dossier_rate(request, pk: int):
    """The citizen rates their finished dossier, once (R-OPS-3)."""
    dossier = get_object_or_404(selectors.dossiers_for_applicant(user=request.user), pk=pk)
    form = forms.DossierRatingForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("flows:dossier_detail", pk=dossier.pk)
    try:
        services.dossier_rate(
            dossier=dossier,
            user=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you for your rating."))
    return redirect("flows:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_supplement(request, pk: int):
    dossier = get_object_or_404(selectors.dossiers_for_applicant(user=request.user), pk=pk)
    if dossier.status != DossierStatus.SUPPLEMENT_REQUESTED:
        raise Http404
    errors = _attach_uploads(request, dossier, list(dossier.procedure.documents.all()))
    if errors:
        for messages_list in errors.values():
            messages.error(request, " ".join(messages_list))
        return redirect("flows:dossier_detail", pk=dossier.pk)
    try:
        services.dossier_supplement_submit(
            dossier=dossier, user=request.user, note=request.POST.get("note", "")[:2000]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your supplement was sent to the agency."))
    return redirect("flows:dossier_detail", pk=dossier.pk)


@login_required
@require_POST
def dossier_withdraw(request, pk: int):
    dossier = get_object_or_404(selectors.dossiers_for_applicant(user=request.user), pk=pk)
    try:
        services.dossier_withdraw(
            dossier=dossier, user=request.user, reason=request.POST.get("reason", "")[:2000]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your dossier was withdrawn."))
    return redirect("flows:dossier_detail", pk=dossier.pk)


@login_required
def file_download(request, dossier_pk: int, file_pk: int):
    """Serve a private dossier file to its applicant or to staff working on the dossier; 404 otherwise."""
    dossier = selectors.dossier_for_file_download(user=request.user, dossier_id=dossier_pk)
    if dossier is None:
        raise Http404
    dossier_file = get_object_or_404(
        DossierFile.objects.select_related("document"), pk=file_pk, dossier=dossier
    )
    dossier_access_record(
        dossier=dossier,
        user=request.user,
        kind=AccessKind.FILE,
        item=dossier_file.document.name if dossier_file.document else dossier_file.original_name,
    )
    response = FileResponse(
        dossier_file.file.open("rb"),
        as_attachment=True,
        filename=dossier_file.original_name,
        content_type=dossier_file.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def dossier_lookup(request):
    """Public look-up by code and secret: without the right secret nothing is shown (no personal data)."""
    form = forms.LookupForm(request.GET or None)
    dossier = None
    searched = False
    address = request.META.get("REMOTE_ADDR", "")
    if form.is_valid() and services.lookup_is_blocked(address=address):
        minutes = int(services.LOOKUP_FAILURE_WINDOW.total_seconds() // 60)
        return render(
            request,
            "flows/lookup.html",
            {
                "form": form,
                "blocked": _("Too many wrong attempts. Please try again in %(minutes)s minutes.")
                % {"minutes": minutes},
            },
            status=429,
        )
    if form.is_valid():
        searched = True
        candidate = (
            Dossier.objects.filter(code__iexact=form.cleaned_data["code"].strip(), is_draft=False)
            .select_related("procedure", "agency")
            .first()
        )
        secret = form.cleaned_data["secret"].strip().upper()
        if candidate is not None and candidate.lookup_secret and secret == candidate.lookup_secret:
            dossier = candidate
        else:
            services.lookup_failure_record(address=address)
    return render(
        request,
        "flows/lookup.html",
        {
            "form": form,
            "dossier": dossier,
            "searched": searched,
            "next_step": selectors.dossier_next_step(dossier=dossier) if dossier else "",
        },
    )


def _staff_dossier(request, pk: int) -> Dossier:
    return get_object_or_404(selectors.dossiers_of_own_agency(user=request.user), pk=pk)


@login_required
def staff_dossier_stop(request, pk: int):
    dossier = _staff_dossier(request, pk)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.dossier_stop(dossier=dossier, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Processing of %(code)s was stopped.") % {"code": dossier.code})
            return redirect("dossier:queue")
    return render(
        request, "flows/staff/action.html", {"dossier": dossier, "form": form, "title": _("Stop processing")}
    )


@login_required
def staff_dossier_apologise(request, pk: int):
    dossier = _staff_dossier(request, pk)
    form = forms.ApologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_apologise(
                dossier=dossier,
                actor=request.user,
                new_due_at=form.cleaned_data["new_due_at"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The apology and new appointment date were recorded."))
            return redirect("dossier:queue")
    return render(
        request,
        "flows/staff/action.html",
        {"dossier": dossier, "form": form, "title": _("Apology with a new appointment date")},
    )


@login_required
def staff_paper_register_choose(request):
    if Role.RECEPTION not in selectors.user_roles(request.user):
        raise Http404
    procedures = procedures_receivable_by(agency=request.user.agency).order_by("title")
    return render(request, "flows/staff/paper_register_choose.html", {"procedures": procedures})


@login_required
def staff_paper_register(request, procedure_code: str):
    """Reception registers a paper dossier and uploads its scans (R-SUB-6)."""
    if Role.RECEPTION not in selectors.user_roles(request.user):
        raise Http404
    procedure = get_object_or_404(procedures_receivable_by(agency=request.user.agency), code=procedure_code)
    documents = list(procedure.documents.all())
    filling = eform_filling.eform_filling_for(
        procedure=procedure, data=request.POST or None, dossier=None, profile=None
    )
    form = (forms.PaperContactForm if filling else forms.PaperDossierForm)(request.POST or None)
    errors: dict[int, list[str]] = {}
    answers_valid = filling is None or (not filling.form.is_redisplay and filling.form.is_valid())
    if request.method == "POST" and form.is_valid() and answers_valid:
        scans = {
            document: request.FILES[_document_field(document)]
            for document in documents
            if _document_field(document) in request.FILES
        }
        applicant = {key: value for key, value in form.cleaned_data.items() if key != "channel"}
        dossier, errors = services.dossier_paper_register(
            procedure=procedure,
            officer=request.user,
            applicant=applicant,
            channel=form.cleaned_data["channel"],
            scans=scans,
            eform_version=filling.version if filling else None,
            eform_answers=filling.form.answers if filling else None,
        )
        if dossier is not None:
            messages.success(
                request,
                _("Dossier %(code)s was registered. Look-up secret for the receipt: %(secret)s")
                % {"code": dossier.code, "secret": dossier.lookup_secret},
            )
            return redirect("dossier:queue")
        for message in errors.get(0, []):
            form.add_error(None, message)
    rows = [
        {"document": d, "field_name": _document_field(d), "attached": None, "errors": errors.get(d.pk, [])}
        for d in documents
    ]
    return render(
        request,
        "flows/staff/paper_register.html",
        {
            "procedure": procedure,
            "form": form,
            "rows": rows,
            "eform": filling.form if filling else None,
            "errors_summary": eform_filling.errors_summary(contact_form=form, filling=filling)
            if filling and request.method == "POST"
            else [],
        },
    )


@login_required
def staff_dossier_receipt(request, pk: int):
    """The receipt with the appointment date and the look-up secret, to print for the applicant."""
    dossier = _staff_dossier(request, pk)
    files = dossier.files.select_related("document")
    # Stored as the paper is titled (flows.documents), whatever the officer's interface language.
    dossier_access_record(dossier=dossier, user=request.user, kind=AccessKind.DOCUMENT, item=RECEIPT_TITLE)
    return render(request, "flows/staff/receipt.html", {"dossier": dossier, "files": files})


@login_required
def staff_result_download(request, pk: int, file_pk: int):
    """A result file the agency uploaded, for its own staff to check; the opening is recorded."""
    dossier = _staff_dossier(request, pk)
    result = get_object_or_404(ResultFile, pk=file_pk, dossier=dossier)
    dossier_access_record(
        dossier=dossier, user=request.user, kind=AccessKind.RESULT, item=result.original_name
    )
    response = FileResponse(
        result.file.open("rb"),
        as_attachment=True,
        filename=result.original_name,
        content_type=result.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def staff_malware_incidents(request):
    """Uploads refused because malware was found, for the head(s) of the agency (R-PRO-11)."""
    if Role.HEAD not in selectors.user_roles(request.user):
        raise Http404
    incidents = (
        MalwareIncident.objects.filter(agency_id=request.user.agency_id)
        .select_related("procedure", "dossier", "uploaded_by")
        .order_by("-detected_at", "-pk")[:200]
    )
    return render(request, "flows/staff/malware_incidents.html", {"incidents": incidents})
