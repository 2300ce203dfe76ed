"""The agency's use of the e-form data ("Dữ liệu tờ khai"): per procedure, its dossiers' answers as
columns, filtered by one field's value and a period, for the page and the CSV/XLSX exports.

The answers are JSON whose meaning depends on the form version (a commune's code reads as its name, a
date as dd/mm/yyyy, a repeatable group as a list), and staff filter by what they read, typed with or
without diacritics. So the database narrows by what it indexes (agency, procedure, submission
period) and the field's value is matched here, on the answer as read; `bench/eform_data.py`
measures it at 10,000 dossiers on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flows import reports
from flows.calendar import VIETNAM_TZ
from flows.choices import DossierStatus
from flows.models import Dossier
from flows.selectors import dossiers_of_own_agency
from flows.statistics import Period
from services_catalog.eforms import ADMIN_UNIT, SECTION, EFormVersion, answer_text, group_key
from services_catalog.models import ProcedurePage
from services_catalog.text import fold_vietnamese

CONTAINS, EQUALS = "contains", "equals"
OPERATORS = [(CONTAINS, gettext_lazy("contains")), (EQUALS, gettext_lazy("equals"))]


@dataclass(frozen=True)
class DataColumn:
    """One column of the data: a field, or a field of a repeatable group (its items joined by "; ")."""

    key: str
    label: str
    field: dict
    group: str = ""

    def text(self, answers: dict) -> str:
        if not self.group:
            return self._read(answers.get(self.field["name"]))
        items = answers.get(self.group) or []
        texts = (self._read(item.get(self.field["name"])) for item in items if isinstance(item, dict))
        return "; ".join(text for text in texts if text)

    def _read(self, value) -> str:
        if self.field.get("type") == ADMIN_UNIT and isinstance(value, str):
            return _unit_text(value)  # the same few communes, thousands of times in an export
        return answer_text(field=self.field, value=value)


@lru_cache(maxsize=4096)
def _unit_text(code: str) -> str:
    return answer_text(field={"type": ADMIN_UNIT}, value=code)


def eform_data_columns(*, versions: Iterable[EFormVersion]) -> list[DataColumn]:
    """The columns of every version the dossiers were filled with: the newest version's fields in its
    order, then the fields only older versions had (their answers are never dropped)."""
    columns: dict[str, DataColumn] = {}
    for version in sorted(versions, key=lambda version: -version.number):
        for field in version.schema:
            if field.get("type") == SECTION or not field.get("name"):
                continue
            group = group_key(field["group"]) if field.get("group") else ""
            key = f"{group}.{field['name']}" if group else field["name"]
            if key not in columns:
                label = f"{field['group']} - {field['label']}" if group else field["label"]
                columns[key] = DataColumn(key=key, label=label, field=field, group=group)
    return list(columns.values())


def _folded(text: str) -> str:
    return " ".join(fold_vietnamese(text).casefold().split())


def answer_matches(*, text: str, operator: str, value: str) -> bool:
    """Whether an answer as read matches what the officer typed, ignoring case and diacritics."""
    wanted = _folded(value)
    if operator == EQUALS:
        return _folded(text) == wanted or any(_folded(part) == wanted for part in text.split("; "))
    return wanted in _folded(text)


def procedure_dossiers(
    *, user: AbstractBaseUser, procedure: ProcedurePage, period: Period
) -> QuerySet[Dossier]:
    """The submitted dossiers with answers of the staff member's agency for `procedure` in `period`."""
    return dossiers_of_own_agency(user=user).filter(
        procedure=procedure,
        eform_version__isnull=False,
        submitted_at__gte=period.start,
        submitted_at__lt=period.end,
    )


def procedure_versions(*, procedure: ProcedurePage) -> list[EFormVersion]:
    return list(EFormVersion.objects.filter(procedure=procedure).order_by("-number"))


def dossier_ids_matching(
    *, dossiers: QuerySet[Dossier], column: DataColumn | None, operator: str, value: str
) -> list[int]:
    """The ids, newest submission first, of the dossiers whose answer in `column` matches `value`."""
    ordered = dossiers.order_by("-submitted_at", "-pk")
    if column is None or not value.strip():
        return list(ordered.values_list("pk", flat=True))
    return [
        pk
        for pk, answers in ordered.values_list("pk", "eform_answers").iterator(chunk_size=2000)
        if answer_matches(text=column.text(answers or {}), operator=operator, value=value)
    ]


FIXED_HEADERS = [
    gettext_lazy("Dossier code"),
    gettext_lazy("Submitted on"),
    gettext_lazy("Applicant"),
    gettext_lazy("Status"),
]


def dossier_data_rows(*, dossier_ids: list[int], columns: list[DataColumn]) -> list[list]:
    """One row per dossier, in the order of `dossier_ids`: code, submission time, applicant, status,
    then each column's answer as read."""
    statuses = {value: str(label) for value, label in DossierStatus.choices}
    rows = []
    for chunk_start in range(0, len(dossier_ids), 2000):
        chunk = dossier_ids[chunk_start : chunk_start + 2000]
        found = {
            values[0]: values
            for values in Dossier.objects.filter(pk__in=chunk).values_list(
                "pk", "code", "submitted_at", "applicant_name", "status", "eform_answers"
            )
        }
        for pk in chunk:
            _pk, code, submitted_at, applicant_name, status, answers = found[pk]
            answers = answers or {}
            rows.append(
                [
                    code,
                    timezone.localtime(submitted_at, VIETNAM_TZ).strftime("%d/%m/%Y %H:%M"),
                    applicant_name,
                    statuses.get(status, status),
                    *(column.text(answers) for column in columns),
                ]
            )
    return rows


def eform_data_table(
    *, procedure: ProcedurePage, dossier_ids: list[int], columns: list[DataColumn]
) -> reports.ExportTable:
    return reports.ExportTable(
        f"du-lieu-to-khai-{procedure.code}",
        _("Declaration form data"),
        [str(header) for header in FIXED_HEADERS] + [column.label for column in columns],
        dossier_data_rows(dossier_ids=dossier_ids, columns=columns),
    )
