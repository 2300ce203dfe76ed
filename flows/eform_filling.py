"""Filling a procedure's e-form in a dossier (online and at reception), and reusing the answers of the
citizen's earlier dossier. Kept out of `views` so that the submission page only calls in here."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from flows.choices import EventKind
from flows.models import Dossier, DossierEvent
from services_catalog.eform_forms import EForm
from services_catalog.eforms import EFormVersion, eform_version_current
from services_catalog.models import ProcedurePage

REUSE_BUTTON = "reuse_answers"


@dataclass
class EFormFilling:
    version: EFormVersion
    form: EForm


def eform_filling_for(
    *, procedure: ProcedurePage, data, dossier: Dossier | None, profile
) -> EFormFilling | None:
    """The procedure's current e-form, bound to `data` when posted, showing the draft's answers
    (or the profile's details) otherwise; None when the procedure has no e-form."""
    version = eform_version_current(procedure=procedure)
    if version is None:
        return None
    answers = dossier.eform_answers if dossier is not None else {}
    return EFormFilling(
        version=version, form=EForm(data, schema=version.schema, answers=answers, profile=profile)
    )


def dossier_answers_keep(*, dossier: Dossier, filling: EFormFilling, submitting: bool) -> bool:
    """Put the answers on `dossier` (not saved): checked ones when submitting, else what was typed, so
    that a draft never loses anything. Returns whether the dossier may be submitted."""
    dossier.eform_version = filling.version
    if submitting and filling.form.is_valid():
        dossier.eform_answers = filling.form.answers
        return True
    dossier.eform_answers = filling.form.typed_answers()
    return not submitting


def dossier_answers_source(*, applicant, procedure: ProcedurePage) -> Dossier | None:
    """The applicant's own latest submitted dossier of `procedure` that has e-form answers."""
    if not getattr(applicant, "is_authenticated", False):
        return None
    return (
        Dossier.objects.filter(applicant=applicant, procedure=procedure, is_draft=False)
        .exclude(eform_answers={})
        .only("pk", "code", "agency_id", "eform_answers")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def dossier_answers_reuse(*, draft: Dossier, source: Dossier, user) -> Dossier:
    """Fill `draft` with the answers of `source` (the same applicant's earlier dossier) and record it."""
    if (
        source.applicant_id != user.pk
        or draft.applicant_id != user.pk
        or source.procedure_id != draft.procedure_id
    ):
        raise PermissionDenied
    with transaction.atomic():
        draft.eform_answers = dict(source.eform_answers)
        draft.save(update_fields=["eform_answers"])
        DossierEvent.objects.create(
            dossier=draft,
            kind=EventKind.ANSWERS_REUSED,
            actor=user,
            at=timezone.now(),
            from_status=draft.status,
            to_status=draft.status,
            note=source.code or "",
            data={"source_dossier": source.pk, "source_code": source.code},
        )
    return draft


def errors_summary(*, contact_form, filling: EFormFilling | None) -> list[dict]:
    """Every error of the page, the applicant's contact first, each linking to its field."""
    summary = [
        {"anchor": contact_form[name].auto_id, "label": contact_form.fields[name].label, "messages": errors}
        for name, errors in contact_form.errors.items()
        if name in contact_form.fields
    ]
    return summary + (filling.form.error_summary() if filling else [])
