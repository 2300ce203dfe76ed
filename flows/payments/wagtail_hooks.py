from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from flows.selectors import user_roles
from portal.accounts.roles import Role


class DeskFeesMenuItem(MenuItem):
    def is_shown(self, request):
        return Role.RECEPTION in user_roles(request.user)


@hooks.register("register_admin_menu_item")
def register_desk_fees_menu_item():
    return DeskFeesMenuItem(
        _("Fees and result return"), reverse("payments:staff_find"), icon_name="form", order=152
    )
