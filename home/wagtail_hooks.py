from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from home.models import Announcement, IncidentNotice, ReleaseNote


class AnnouncementAdmin(ModelAdmin):
    model = Announcement
    menu_label = _("Announcements")
    menu_icon = "warning"
    menu_order = 300
    list_display = ("title", "is_urgent", "starts_at", "ends_at")
    list_filter = ("is_urgent",)
    search_fields = ("title",)


class IncidentNoticeAdmin(ModelAdmin):
    """Incident notices (R-OPS-1): the system operator publishes them; a link sends them out."""

    model = IncidentNotice
    menu_label = _("Incident notices")
    menu_icon = "warning"
    list_display = ("title", "starts_at", "expected_end_at", "resolved_at", "notify_link")
    search_fields = ("title",)

    def notify_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("home:incident_notify", args=[obj.pk]), _("Notify by e-mail/SMS")
        )

    notify_link.short_description = _("Notify")


class ReleaseNoteAdmin(ModelAdmin):
    model = ReleaseNote
    menu_label = _("Release notes")
    menu_icon = "list-ul"
    list_display = ("version", "released_on", "summary")


modeladmin_register(AnnouncementAdmin)


@modeladmin_register
class OperationsGroup(ModelAdminGroup):
    menu_label = _("System operation")
    menu_icon = "cog"
    menu_order = 310
    items = (IncidentNoticeAdmin, ReleaseNoteAdmin)
