"""Writes of the access log: one INSERT per staff access, nothing else."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from flows.access_log.models import AccessKind, DossierAccess
from flows.selectors import PROCESSING_ROLES, user_roles
from portal.accounts.roles import Role


def _role_of(user: AbstractBaseUser, role: Role | None) -> str:
    if role is not None:
        return role
    roles = user_roles(user)
    return next((candidate for candidate in PROCESSING_ROLES if candidate in roles), "")


def dossier_access_record(
    *,
    dossier,
    user: AbstractBaseUser,
    kind: AccessKind,
    item: str = "",
    role: Role | None = None,
) -> DossierAccess | None:
    """Record that a staff member opened (part of) the dossier; None when it is not a staff access.

    The applicant's own views and those of accounts without an agency are not staff accesses. The
    user's agency (read for its name) is usually loaded already by the permission checks.
    """
    if not user.is_authenticated or not getattr(user, "agency_id", None):
        return None
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return None
    agency = user.agency
    return DossierAccess.objects.create(
        dossier_id=dossier.pk,
        actor_id=user.pk,
        actor_name=user.get_full_name()[:150],
        role=_role_of(user, role),
        agency_id=agency.pk,
        agency_name=agency.name[:500],
        kind=kind,
        item=(item or "")[:300],
    )


def dossier_accesses_record(
    *, dossier_ids: list[int], user: AbstractBaseUser, kind: AccessKind, item: str = ""
) -> None:
    """Record that a staff member read the same part of many dossiers at once (a page or an export of
    the agency's e-form data): one row per dossier, written in a few INSERTs."""
    if not dossier_ids or not user.is_authenticated or not getattr(user, "agency_id", None):
        return
    agency = user.agency
    row = {
        "actor_id": user.pk,
        "actor_name": user.get_full_name()[:150],
        "role": _role_of(user, None),
        "agency_id": agency.pk,
        "agency_name": agency.name[:500],
        "kind": kind,
        "item": (item or "")[:300],
    }
    DossierAccess.objects.bulk_create(
        [DossierAccess(dossier_id=dossier_id, **row) for dossier_id in dossier_ids], batch_size=2000
    )
