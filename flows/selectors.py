"""Reads: who may see which dossier, and what the citizen should do next."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from flows.choices import DossierStatus
from flows.models import Dossier, DossierFile
from flows.services import WITHDRAWABLE
from portal.accounts.roles import ROLE_GROUP_NAMES, Role
from portal.notifications.services import Contact
from services_catalog.eforms import AnswerRow, eform_rows
from services_catalog.models import RequiredDocument
from services_catalog.text import fold_vietnamese

PROCESSING_ROLES = (Role.RECEPTION, Role.SPECIALIST, Role.HEAD)


def user_roles(user: AbstractBaseUser | AnonymousUser) -> set[Role]:
    """The processing roles of a staff member; cached on the user object for the request."""
    if not user.is_authenticated or not getattr(user, "agency_id", None):
        return set()
    cached = getattr(user, "_flows_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in PROCESSING_ROLES if ROLE_GROUP_NAMES[role] in names}
        user._flows_roles = cached
    return cached


def user_is_processing_staff(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user_roles(user))


def dossiers_of_own_agency(*, user: AbstractBaseUser) -> QuerySet[Dossier]:
    """Submitted dossiers of the staff member's own agency: those it acts on and issues papers for."""
    if not user_is_processing_staff(user):
        return Dossier.objects.none()
    return Dossier.objects.filter(agency_id=user.agency_id, is_draft=False)


def dossiers_for_staff(*, user: AbstractBaseUser) -> QuerySet[Dossier]:
    """Dossiers a staff member may see: their agency's, and those their agency is consulted on."""
    if not user_is_processing_staff(user):
        return Dossier.objects.none()
    own = dossiers_of_own_agency(user=user)
    consulted = Dossier.objects.filter(consultations__agency_id=user.agency_id, is_draft=False)
    return own | consulted


def dossiers_for_applicant(*, user: AbstractBaseUser) -> QuerySet[Dossier]:
    if not user.is_authenticated:
        return Dossier.objects.none()
    return Dossier.objects.filter(applicant=user)


def dossier_eform_rows(*, dossier: Dossier) -> list[AnswerRow]:
    """The dossier's e-form answers as a readable table, read with the form version it was filled
    with (one query for the version unless it was selected with the dossier); empty without answers."""
    if dossier.eform_version_id is None and not dossier.eform_answers:
        return []
    schema = dossier.eform_version.schema if dossier.eform_version_id else []
    return eform_rows(schema=schema, answers=dossier.eform_answers or {})


REUSABLE_FILES_LIMIT = 200


def document_kind(name: str) -> str:
    """What makes two required documents the same kind of paper: their name, without diacritics, case
    and an "(if any)" remark ("Giấy chứng sinh (nếu có)" and "giấy chứng sinh" are one kind)."""
    folded = fold_vietnamese(name).casefold()
    folded = re.sub(r"\((neu co|if any)\)", " ", folded)
    return " ".join(folded.split())


def dossier_files_reusable(
    *, user: AbstractBaseUser, documents: list[RequiredDocument], exclude_dossier: Dossier | None = None
) -> dict[int, list[DossierFile]]:
    """For each required document, the files of the same kind in the citizen's OWN earlier submitted
    dossiers ("kho dữ liệu công dân"), newest first, each content once. One query whatever the count."""
    if not user.is_authenticated or getattr(user, "agency_id", None):
        return {}
    wanted: dict[str, list[int]] = {}
    for document in documents:
        wanted.setdefault(document_kind(document.name), []).append(document.pk)
    files = (
        DossierFile.objects.filter(dossier__applicant=user, dossier__is_draft=False, document__isnull=False)
        .select_related("document", "dossier")
        .order_by("-uploaded_at", "-pk")
    )
    if exclude_dossier is not None:
        files = files.exclude(dossier=exclude_dossier)
    reusable: dict[int, list[DossierFile]] = {}
    seen: set[tuple[int, str, int]] = set()
    for dossier_file in files[:REUSABLE_FILES_LIMIT]:
        for document_id in wanted.get(document_kind(dossier_file.document.name), []):
            # A file reused again and again is the same content: offer it once.
            key = (document_id, dossier_file.original_name, dossier_file.size)
            if key not in seen:
                seen.add(key)
                reusable.setdefault(document_id, []).append(dossier_file)
    return reusable


@dataclass(frozen=True)
class FeeLine:
    label: str
    amount_vnd: int
    note: str = ""


@dataclass(frozen=True)
class DossierFees:
    lines: list[FeeLine]
    total_vnd: int
    unknown: bool  # the catalogue does not know the fees yet: print "not yet known", never "free"


def dossier_fees(*, dossier: Dossier) -> DossierFees:
    """What the dossier owes (the receipt prints it): the fee items copied when it was submitted
    (flows.payments), or, for a dossier without them (free, or not yet submitted), the procedure's."""
    recorded = list(dossier.fee_items.all())
    if recorded:
        lines = [FeeLine(label=fee.label, amount_vnd=fee.amount_vnd, note=fee.note) for fee in recorded]
        unknown = False
    else:
        lines = [
            FeeLine(label=fee.label, amount_vnd=fee.amount_vnd, note=fee.note)
            for fee in dossier.procedure.fees.all()
        ]
        unknown = dossier.procedure.fees_unknown
    return DossierFees(lines=lines, total_vnd=sum(line.amount_vnd for line in lines), unknown=unknown)


def dossier_for_file_download(*, user: AbstractBaseUser, dossier_id: int) -> Dossier | None:
    """The dossier if the user owns it or works on it; None otherwise (the view answers 404)."""
    if not user.is_authenticated:
        return None
    owned = dossiers_for_applicant(user=user).filter(pk=dossier_id).first()
    if owned is not None:
        return owned
    return dossiers_for_staff(user=user).filter(pk=dossier_id).first()


NEXT_STEP_TEXT = {
    DossierStatus.NEW: _("The reception desk will check your dossier."),
    DossierStatus.RECEIVED: _("Your dossier has been received and will be transferred for processing."),
    DossierStatus.REFUSED: _("Your dossier was not received. See the reason below."),
    DossierStatus.PROCESSING: _("The agency is processing your dossier. Nothing to do for now."),
    DossierStatus.SUPPLEMENT_REQUESTED: _("Please supplement your dossier with the items listed."),
    DossierStatus.FINANCIAL_OBLIGATION: _("Please fulfil the financial obligation to continue."),
    DossierStatus.WITHDRAWN: _("You withdrew this dossier."),
    DossierStatus.STOPPED: _("The agency stopped processing this dossier. See the reason below."),
    DossierStatus.DONE: _("The result is ready: collect it on or after the appointment date."),
    DossierStatus.RETURNED: _("The result has been returned. The dossier is closed."),
}


def dossier_next_step(*, dossier: Dossier) -> str:
    if dossier.is_draft:
        return str(_("Finish the declaration, attach the documents and submit."))
    return str(NEXT_STEP_TEXT[DossierStatus(dossier.status)])


def workspace_desk_links(*, user: AbstractBaseUser | AnonymousUser) -> list[dict]:
    """The workspace's pages outside the flow's own lists, for the roles the staff member holds."""
    roles = user_roles(user)
    links = []
    if Role.RECEPTION in roles:
        links.append(_desk_link("flows:staff_register_choose", _("Register a paper dossier"), "post_add"))
        links.append(_desk_link("payments:staff_find", _("Fees and result return"), "payments"))
    if roles:
        links.append(_desk_link("flows:staff_eform_data_choose", _("Declaration form data"), "dataset"))
    if Role.HEAD in roles:
        links.append(_desk_link("flows:staff_statistics", _("Statistics and reports"), "bar_chart"))
        links.append(_desk_link("flows:staff_malware_incidents", _("Refused infected uploads"), "report"))
    return links


def _desk_link(url_name: str, label, icon: str) -> dict:
    return {"url": reverse(url_name), "label": label, "icon": icon}


def applicants_with_dossiers_in_progress(*, agency_ids: list[int]) -> list:
    """The applicants of the dossiers in progress at these agencies (every agency when empty), to tell
    of an incident (home.services.INCIDENT_CITIZEN_SOURCES): their accounts, or the contact given on a
    paper dossier. Each person once."""
    pending = Dossier.objects.filter(is_draft=False, status__in=WITHDRAWABLE)
    if agency_ids:
        pending = pending.filter(agency_id__in=agency_ids)
    citizens: list = list(
        get_user_model().objects.filter(
            is_active=True, pk__in=pending.filter(applicant__isnull=False).values("applicant")
        )
    )
    seen: set[tuple[str, str]] = set()
    for email, phone in pending.filter(applicant__isnull=True).values_list(
        "applicant_email", "applicant_phone"
    ):
        if (email or phone) and (email, phone) not in seen:
            seen.add((email, phone))
            citizens.append(Contact(email=email, phone=phone))
    return citizens
