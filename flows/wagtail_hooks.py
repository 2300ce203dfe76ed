from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from flows.models import CalendarOverride, ProcedureProcess
from flows.selectors import user_is_processing_staff, user_roles
from portal.accounts.roles import Role


class CalendarOverrideAdmin(ModelAdmin):
    model = CalendarOverride
    menu_label = _("Calendar changes")
    menu_icon = "date"
    list_display = ("date", "kind", "reason")
    list_filter = ("kind",)


class ProcedureProcessAdmin(ModelAdmin):
    model = ProcedureProcess
    menu_label = _("Procedure processes")
    menu_icon = "cogs"
    list_display = ("procedure", "head_approval_required", "examine_days", "approve_days")


@modeladmin_register
class DossierSettingsGroup(ModelAdminGroup):
    menu_label = _("Dossier processing")
    menu_icon = "tasks"
    items = (CalendarOverrideAdmin, ProcedureProcessAdmin)


class WorkspaceMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_processing_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_workspace_menu_item():
    return WorkspaceMenuItem(_("Dossiers to process"), reverse("dossier:queue"), icon_name="tasks", order=150)


@hooks.register("register_admin_menu_item")
def register_eform_data_menu_item():
    return WorkspaceMenuItem(
        _("Declaration form data"), reverse("flows:staff_eform_data_choose"), icon_name="table", order=154
    )


class MalwareIncidentsMenuItem(MenuItem):
    def is_shown(self, request):
        return Role.HEAD in user_roles(request.user)


@hooks.register("register_admin_menu_item")
def register_malware_incidents_menu_item():
    return MalwareIncidentsMenuItem(
        _("Refused infected uploads"),
        reverse("flows:staff_malware_incidents"),
        icon_name="warning",
        order=151,
    )


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        from flows.statistics_views import statistics_scope

        return statistics_scope(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistics and reports"), reverse("flows:staff_statistics"), icon_name="table", order=153
    )


class OperatorMenuItem(MenuItem):
    def is_shown(self, request):
        from flows.statistics_views import user_is_operator

        return user_is_operator(request.user)


@hooks.register("register_admin_menu_item")
def register_access_log_menu_item():
    return OperatorMenuItem(
        _("Dossier access log"), reverse("flows:access_log_export"), icon_name="view", order=155
    )
