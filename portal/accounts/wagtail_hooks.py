from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .selectors import user_is_it_officer


class AgencyStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_it_officer(user=request.user)


@hooks.register("register_admin_menu_item")
def register_agency_staff_menu_item():
    return AgencyStaffMenuItem(
        _("Agency staff"), reverse("accounts:staff_list"), icon_name="group", name="agency-staff", order=9000
    )
