"""Admin for the taxonomy (one "Danh mục TTHC" menu) and agency scoping of procedure editing."""

from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from services_catalog.models import Agency, Field, ProcedurePage, Sector
from services_catalog.permissions import user_is_unscoped


class SectorAdmin(ModelAdmin):
    model = Sector
    menu_icon = "folder-open-1"
    list_display = ("name", "slug", "sort_order")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class FieldAdmin(ModelAdmin):
    model = Field
    menu_icon = "folder-inverse"
    list_display = ("name", "sector", "slug")
    list_filter = ("sector",)
    search_fields = ("name",)


class AgencyAdmin(ModelAdmin):
    model = Agency
    menu_icon = "group"
    list_display = ("name", "code", "level", "phone", "email")
    list_filter = ("level",)
    search_fields = ("name", "code")


class ImplementingAgencyFilter(SimpleListFilter):
    """Imported rows whose "Cơ quan thực hiện" was blank: the province has to say who carries them out."""

    title = _("implementing agency")
    parameter_name = "co_quan"

    def lookups(self, request, model_admin):
        return [("chua_co", _("no implementing agency yet"))]

    def queryset(self, request, queryset):
        if self.value() == "chua_co":
            return queryset.filter(agency__isnull=True, national_agencies="")
        return queryset


class ProcedureAdmin(ModelAdmin):
    """The procedures as a table, to find what an import left incomplete; edited in the page editor."""

    model = ProcedurePage
    menu_icon = "doc-full"
    menu_label = _("Procedures")
    list_display = ("code", "title", "sector", "field", "agency", "service_level", "is_retired")
    list_filter = (ImplementingAgencyFilter, "service_level", "is_retired", "sector")
    search_fields = ("code", "title")
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("sector", "field", "agency")


class CatalogueAdminGroup(ModelAdminGroup):
    menu_label = _("Procedure catalogue")
    menu_icon = "list-ul"
    menu_order = 250
    items = (ProcedureAdmin, SectorAdmin, FieldAdmin, AgencyAdmin)


modeladmin_register(CatalogueAdminGroup)


@hooks.register("before_create_page")
def forbid_procedures_without_agency(request, parent_page, page_class):
    """A scoped editor without an agency cannot own any procedure (the form would offer no agency)."""
    scoped = not user_is_unscoped(request.user)
    if issubclass(page_class, ProcedurePage) and scoped and request.user.agency_id is None:
        raise PermissionDenied


@hooks.register("before_edit_page")
def forbid_other_agencies_procedures(request, page):
    """Second line behind the permission tester: never open another agency's procedure for editing."""
    specific = page.specific_deferred if not isinstance(page, ProcedurePage) else page
    if isinstance(specific, ProcedurePage) and not specific.user_may_manage(request.user):
        raise PermissionDenied
