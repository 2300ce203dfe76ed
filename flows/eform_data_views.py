"""The staff page "Dữ liệu tờ khai": per procedure, the agency's dossiers' e-form answers, filtered by
a field's value and a period, a page at a time, and exported as CSV or XLSX (formula-safe)."""

from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from flows import reports
from flows.access_log.models import AccessKind
from flows.access_log.services import dossier_accesses_record
from flows.calendar import VIETNAM_TZ
from flows.eform_data import (
    CONTAINS,
    FIXED_HEADERS,
    OPERATORS,
    DataColumn,
    dossier_data_rows,
    dossier_ids_matching,
    eform_data_columns,
    eform_data_table,
    procedure_dossiers,
    procedure_versions,
)
from flows.selectors import dossiers_of_own_agency, user_is_processing_staff
from flows.statistics import Period
from portal.forms import DATE_INPUT_FORMATS, PeriodForm
from services_catalog.models import ProcedurePage

PER_PAGE = 50
DEFAULT_DAYS = 90
# Stored as the page is titled, whatever the officer's interface language (like the papers' titles).
ACCESS_ITEM = "Dữ liệu tờ khai"


class EFormDataFilterForm(PeriodForm):
    field = forms.ChoiceField(label=gettext_lazy("Form field"), required=False)
    operator = forms.ChoiceField(label=gettext_lazy("Condition"), choices=OPERATORS, initial=CONTAINS)
    value = forms.CharField(label=gettext_lazy("Value"), max_length=200, required=False)
    start = forms.DateField(label=gettext_lazy("Submitted from"), input_formats=DATE_INPUT_FORMATS)
    end = forms.DateField(label=gettext_lazy("to"), input_formats=DATE_INPUT_FORMATS)

    def __init__(self, *args, columns: list[DataColumn], **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {column.key: column for column in columns}
        self.fields["field"].choices = [("", _("Any field (no filter)"))] + [
            (column.key, column.label) for column in columns
        ]

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("value") or "").strip() and not cleaned.get("field"):
            self.add_error("field", _("Choose the form field to filter by."))
        return cleaned

    @property
    def column(self) -> DataColumn | None:
        return self.columns.get(self.cleaned_data.get("field") or "")


def _staff_only(request) -> None:
    if not user_is_processing_staff(request.user):
        raise Http404


@login_required
@require_safe
def eform_data_choose(request):
    """The procedures of which the agency holds dossiers with e-form answers."""
    _staff_only(request)
    with_answers = dossiers_of_own_agency(user=request.user).filter(eform_version__isnull=False)
    procedures = ProcedurePage.objects.filter(pk__in=with_answers.values("procedure")).order_by("title")
    return render(request, "flows/staff/eform_data_choose.html", {"procedures": procedures})


@login_required
@require_safe
def eform_data(request, procedure_code: str):
    _staff_only(request)
    procedure = get_object_or_404(ProcedurePage, code=procedure_code)
    columns = eform_data_columns(versions=procedure_versions(procedure=procedure))
    today = timezone.localdate(timezone=VIETNAM_TZ)
    params = request.GET.copy()
    params.setdefault("start", (today - timedelta(days=DEFAULT_DAYS)).strftime("%d/%m/%Y"))
    params.setdefault("end", today.strftime("%d/%m/%Y"))
    params.setdefault("operator", CONTAINS)
    form = EFormDataFilterForm(params, columns=columns)
    context = {"procedure": procedure, "form": form, "columns": columns, "headers": FIXED_HEADERS}
    if form.is_valid():
        data = form.cleaned_data
        period = Period(first=data["start"], last=data["end"])
        dossiers = procedure_dossiers(user=request.user, procedure=procedure, period=period)
        ids = dossier_ids_matching(
            dossiers=dossiers, column=form.column, operator=data["operator"], value=data["value"]
        )
        export = request.GET.get("format")
        if export in ("csv", "xlsx"):
            # Each applicant reads under "Ai đã xem hồ sơ của tôi" that their answers were exported.
            dossier_accesses_record(
                dossier_ids=ids, user=request.user, kind=AccessKind.DECLARATION, item=ACCESS_ITEM
            )
            return _export(procedure, ids, columns, period, export)
        page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
        dossier_accesses_record(
            dossier_ids=list(page.object_list),
            user=request.user,
            kind=AccessKind.DECLARATION,
            item=ACCESS_ITEM,
        )
        query = {key: value for key, value in params.items() if key not in ("page", "format")}
        context.update(
            page=page,
            rows=dossier_data_rows(dossier_ids=list(page.object_list), columns=columns),
            total=len(ids),
            query=urlencode(query),
        )
    return render(request, "flows/staff/eform_data.html", context)


def _export(procedure, ids: list[int], columns: list[DataColumn], period: Period, extension: str):
    table = eform_data_table(procedure=procedure, dossier_ids=ids, columns=columns)
    if extension == "csv":
        response = reports.csv_response(table, period=period)
    else:
        heading = _("Declaration form data: %(procedure)s") % {"procedure": procedure.title}
        response = reports.table_xlsx_response(table, period=period, heading=heading)
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-to-khai-{procedure.code}-'
        f'{period.first:%Y%m%d}-{period.last:%Y%m%d}.{extension}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
