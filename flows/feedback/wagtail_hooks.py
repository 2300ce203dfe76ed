from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from flows.wagtail_hooks import WorkspaceMenuItem


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return WorkspaceMenuItem(
        _("Feedback and questions"), reverse("flows:feedback_register"), icon_name="help", order=154
    )
