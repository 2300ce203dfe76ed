"""Reads of the access log: the citizen's list on their dossier page and the operator's export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from flows.access_log.models import AccessKind, DossierAccess
from portal.accounts.roles import Role

ACCESSES_SHOWN = 200


@dataclass(frozen=True)
class AccessLine:
    at: datetime
    sentence: str


def _what(access: DossierAccess) -> str:
    if access.kind == AccessKind.DOSSIER:
        return _("opened the dossier")
    if access.kind == AccessKind.DECLARATION:
        return _("viewed the declaration")
    if access.kind == AccessKind.FILE:
        return _("downloaded the file “%(item)s”") % {"item": access.item}
    if access.kind == AccessKind.RESULT:
        return _("downloaded the result “%(item)s”") % {"item": access.item}
    return _("opened the document “%(item)s”") % {"item": access.item}


def access_sentence(access: DossierAccess) -> str:
    """ "Chuyên viên xử lý Trần Thị B, Sở Tư pháp, đã xem tờ khai lúc 09:14 ngày 05/12/2026"."""
    local = timezone.localtime(access.at)
    role = Role(access.role).label if access.role in Role.values else _("Staff member")
    return _("%(role)s %(name)s, %(agency)s, %(what)s at %(time)s on %(date)s") % {
        "role": role,
        "name": access.actor_name,
        "agency": access.agency_name,
        "what": _what(access),
        "time": local.strftime("%H:%M"),
        "date": local.strftime("%d/%m/%Y"),
    }


def dossier_accesses_for_applicant(*, dossier) -> list[AccessLine]:
    """The latest staff accesses to one dossier, newest first, in plain words: one query."""
    accesses = DossierAccess.objects.filter(dossier_id=dossier.pk).order_by("-at", "-pk")[:ACCESSES_SHOWN]
    return [AccessLine(at=access.at, sentence=access_sentence(access)) for access in accesses]


def accesses_in_period(*, start: datetime, end: datetime, dossier_code: str = "") -> QuerySet[DossierAccess]:
    """Every access in [start, end), oldest first, for an inspection; optionally of one dossier."""
    accesses = DossierAccess.objects.filter(at__gte=start, at__lt=end)
    if dossier_code:
        accesses = accesses.filter(dossier__code__iexact=dossier_code)
    return accesses.select_related("dossier").order_by("at", "pk")
