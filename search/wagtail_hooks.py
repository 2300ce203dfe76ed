from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import CreateView

from search import admin_views
from search.models import Synonym, ZeroResultQuery


class SynonymCreateView(CreateView):
    """The form starts with the phrase passed in the URL: "add as synonym" from the failed queries."""

    def get_initial(self):
        initial = super().get_initial()
        for name in ("phrase", "official_term"):
            if value := self.request.GET.get(name, "").strip()[:200]:
                initial[name] = value
        return initial


class SynonymAdmin(ModelAdmin):
    model = Synonym
    menu_label = _("Synonyms")
    menu_icon = "link"
    list_display = ("phrase", "official_term")
    search_fields = ("phrase", "official_term", "phrase_folded")
    create_view_class = SynonymCreateView


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


class FailedQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_zeroresultquery")


class SearchAdminGroup(ModelAdminGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 350
    items = (SynonymAdmin, ZeroResultQueryAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.insert(
            0,
            FailedQueriesMenuItem(
                _("Most frequent failed queries"),
                reverse("search_failed_queries"),
                icon_name="warning",
                order=0,
            ),
        )
        return items


modeladmin_register(SearchAdminGroup)


@hooks.register("register_admin_urls")
def register_failed_queries_url():
    return [path("search/failed-queries/", admin_views.failed_queries, name="search_failed_queries")]
