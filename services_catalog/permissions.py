"""Agency scoping of catalogue editing: an agency's editors and reviewers act on its procedures only."""

from wagtail.models import PagePermissionTester

from portal.accounts.roles import ROLE_GROUP_NAMES, Role

# Operators run the whole portal (Sở Thông tin và Truyền thông) and may correct any agency's entry.
UNSCOPED_ROLES = (Role.OPERATOR,)


def user_is_unscoped(user) -> bool:
    """Superusers and operators work on every agency's procedures."""
    cached = getattr(user, "_catalogue_unscoped", None)
    if cached is None:
        names = [ROLE_GROUP_NAMES[role] for role in UNSCOPED_ROLES]
        cached = user.is_superuser or user.groups.filter(name__in=names).exists()
        user._catalogue_unscoped = cached
    return cached


def user_may_manage_agency(*, user, agency_id: int | None) -> bool:
    """Whether `user` may edit, submit, approve or publish procedures of the agency `agency_id`."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_is_unscoped(user):
        return True
    return user.agency_id is not None and user.agency_id == agency_id


class AgencyScopedPagePermissionTester(PagePermissionTester):
    """Wagtail's page permissions, minus every change to a procedure of another agency."""

    def _in_scope(self) -> bool:
        return user_may_manage_agency(user=self.user, agency_id=getattr(self.page, "agency_id", None))

    def can_edit(self):
        return self._in_scope() and super().can_edit()

    def can_delete(self, ignore_bulk=False):
        return self._in_scope() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_unpublish(self):
        return self._in_scope() and super().can_unpublish()

    def can_publish(self):
        return self._in_scope() and super().can_publish()

    def can_submit_for_moderation(self):
        return self._in_scope() and super().can_submit_for_moderation()

    def can_lock(self):
        return self._in_scope() and super().can_lock()

    def can_unlock(self):
        return self._in_scope() and super().can_unlock()

    def can_copy(self):
        return self._in_scope() and super().can_copy()

    def can_move(self):
        return self._in_scope() and super().can_move()
