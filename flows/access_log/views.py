"""The operator's export of the access log for an inspection (CSV or XLSX, formula-safe)."""

from datetime import date, datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from flows import reports
from flows.access_log.selectors import accesses_in_period
from flows.calendar import VIETNAM_TZ
from flows.statistics import Period
from flows.statistics_views import user_is_operator
from portal.accounts.roles import Role
from portal.forms import PeriodForm


class AccessExportForm(PeriodForm):
    dossier_code = forms.CharField(
        label=gettext_lazy("Dossier code (optional)"), max_length=40, required=False
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=[("xlsx", "Excel (XLSX)"), ("csv", "CSV")], initial="xlsx"
    )


def _local(moment: datetime) -> str:
    return timezone.localtime(moment, VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")


def access_table(*, period: Period, dossier_code: str) -> reports.ExportTable:
    accesses = accesses_in_period(start=period.start, end=period.end, dossier_code=dossier_code)
    return reports.ExportTable(
        "nhat-ky-truy-cap",
        _("Dossier access log"),
        [
            _("When"),
            _("Dossier code"),
            _("Staff member"),
            _("Staff account"),
            _("Role"),
            _("Agency"),
            _("What was opened"),
            _("Item"),
        ],
        [
            [
                _local(access.at),
                access.dossier.code or "",
                access.actor_name,
                access.actor_id,
                str(Role(access.role).label) if access.role in Role.values else access.role,
                access.agency_name,
                access.get_kind_display(),
                access.item,
            ]
            for access in accesses.iterator(chunk_size=2000)
        ],
    )


@login_required
@require_safe
def access_log_export(request):
    """Every staff access to dossiers in a period, for the system operator only (404 for others)."""
    if not user_is_operator(request.user):
        raise Http404
    today = timezone.localdate(timezone=VIETNAM_TZ)
    initial = {"start": date(today.year, today.month, 1), "end": today, "format": "xlsx"}
    form = AccessExportForm(request.GET or None, initial=initial)
    if request.GET and form.is_valid():
        data = form.cleaned_data
        period = Period(first=data["start"], last=data["end"])
        table = access_table(period=period, dossier_code=data["dossier_code"].strip())
        if data["format"] == "csv":
            response = reports.csv_response(table, period=period)
        else:
            response = reports.table_xlsx_response(
                table, period=period, heading=_("Dossier access log (who opened which dossier)")
            )
        extension = data["format"]
        response["Content-Disposition"] = (
            f'attachment; filename="nhat-ky-truy-cap-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{extension}"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "flows/staff/access_log_export.html", {"form": form})
