"""Reads for accounts: who an IT officer may manage, and what they may see."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import Declaration, SignInEvent
from .roles import ROLE_GROUP_NAMES, Role


def user_is_it_officer(*, user) -> bool:
    """An active IT officer of an agency: may manage that agency's staff, and only them (R-ACC-5)."""
    # A permission rather than a group lookup: Django caches permissions per request.
    return bool(
        user.is_authenticated
        and user.is_active
        and user.agency_id
        and user.has_perm("accounts.manage_agency_staff")
    )


def agency_staff_list(*, agency) -> QuerySet:
    return get_user_model().objects.filter(agency=agency).prefetch_related("groups").order_by("username")


def agency_sign_ins(*, agency, limit: int = 200) -> QuerySet:
    return SignInEvent.objects.filter(user__agency=agency).select_related("user")[:limit]


def user_declarations(*, user, limit: int = 20) -> QuerySet:
    return Declaration.objects.filter(user=user).select_related("declared_by")[:limit]


def user_role_labels(*, user) -> list[str]:
    names = {group.name for group in user.groups.all()}
    return [str(role.label) for role in Role if ROLE_GROUP_NAMES[role] in names]
