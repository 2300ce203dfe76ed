from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.models import Announcement


class AnnouncementAdmin(ModelAdmin):
    model = Announcement
    menu_label = _("Announcements")
    menu_icon = "warning"
    menu_order = 300
    list_display = ("title", "is_urgent", "starts_at", "ends_at")
    list_filter = ("is_urgent",)
    search_fields = ("title",)


modeladmin_register(AnnouncementAdmin)
