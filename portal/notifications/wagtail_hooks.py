from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Delivery, MessageTemplate


class EditOnlyPermissionHelper(PermissionHelper):
    """Every event needs its template: operators edit the shipped ones, never add or remove."""

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReadOnlyPermissionHelper(EditOnlyPermissionHelper):
    """The message log is evidence of what was sent: nobody edits it."""

    def user_can_edit_obj(self, user, obj):
        return False


class MessageTemplateAdmin(ModelAdmin):
    model = MessageTemplate
    menu_label = _("Message templates")
    menu_icon = "doc-full"
    permission_helper_class = EditOnlyPermissionHelper
    list_display = ("__str__", "email_subject", "sms_without_diacritics", "updated_at")
    form_fields_exclude = ["event"]


class DeliveryAdmin(ModelAdmin):
    model = Delivery
    menu_label = _("Sent messages")
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    # The text is left out on purpose: it may hold a code or a link that is not yet used.
    inspect_view_fields = [
        "recipient",
        "channel",
        "event",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
        "next_attempt_at",
    ]
    list_display = ("created_at", "recipient", "channel", "event", "status", "attempts")
    list_filter = ("channel", "event", "status")
    search_fields = ("recipient",)


class NotificationsGroup(ModelAdminGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    items = (MessageTemplateAdmin, DeliveryAdmin)


modeladmin_register(NotificationsGroup)
