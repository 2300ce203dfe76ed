from django.utils.translation import gettext_lazy as _

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from search.models import Synonym, ZeroResultQuery


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = _("Synonyms")
    menu_icon = "link"
    list_display = ("phrase", "official_term")
    search_fields = ("phrase", "official_term", "phrase_folded")


class ReadOnlyPermissionHelper(PermissionHelper):
    """The log is written by searches only: editors read it, nobody adds, edits or deletes rows."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ZeroResultQueryAdmin(ModelAdmin):
    model = ZeroResultQuery
    menu_label = _("Queries without results")
    menu_icon = "warning"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("query_text", "day", "count")
    list_filter = ("day",)
    search_fields = ("query_text",)
    ordering = ("-day", "-count")


class SearchAdminGroup(ModelAdminGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 350
    items = (SynonymAdmin, ZeroResultQueryAdmin)


modeladmin_register(SearchAdminGroup)
