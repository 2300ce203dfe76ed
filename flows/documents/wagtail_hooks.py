from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from flows.wagtail_hooks import WorkspaceMenuItem


@hooks.register("register_admin_menu_item")
def register_dossier_register_menu_item():
    return WorkspaceMenuItem(
        _("Dossier register"), reverse("flows:staff_register_book"), icon_name="table", order=152
    )
