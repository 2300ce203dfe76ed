"""E-forms (tờ khai điện tử): each procedure's declaration, built by editors on Wagtail's form builder.

An editor adds the form's fields as an inline of the procedure page (`EFormField`, Wagtail's
`AbstractFormField` with the field types Vietnamese forms need). What a dossier is filled with is a
frozen copy of those fields, an `EFormVersion`: the dossier keeps its version, so a later edit of the
form never changes how an earlier dossier's answers are read.

The schema of a version is a list of plain dicts, one per field (see `EFormField.as_schema`), and the
answers of a dossier a dict keyed by the fields' `name`s:
- text, e-mail, number, phone, citizen ID, dropdown, radio, ethnicity, nationality: a string;
- checkbox: a bool; checkboxes and multiple select: a list of strings;
- date: "YYYY-MM-DD"; date/time: ISO 8601;
- administrative unit: the commune's (ward's) code, e.g. "29212";
- a repeatable group: a list of dicts of its fields' answers, under the group's `key`.
A submitted dossier's answers are checked against its version (`eform_forms.EForm`); a draft's may
still hold what was typed as typed (e.g. a date "31/02/2024"), so that nothing is lost.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField
from wagtail.contrib.forms.utils import get_field_clean_name

from services_catalog.models import ProcedurePage
from services_catalog.text import fold_vietnamese

SECTION = "section"
ADMIN_UNIT = "admin_unit"

EFORM_FIELD_CHOICES = (
    *FORM_FIELD_CHOICES,
    ("citizen_id", _("Personal identification number (12 digits)")),
    ("phone", _("Phone number")),
    (ADMIN_UNIT, _("Administrative unit (province, commune)")),
    ("ethnicity", _("Ethnicity")),
    ("nationality", _("Nationality")),
    (SECTION, _("Section heading")),
)


class DateRule(models.TextChoices):
    ANY = "", _("Any date")
    NOT_FUTURE = "not_future", _("Not in the future")
    NOT_PAST = "not_past", _("Not in the past")


class Prefill(models.TextChoices):
    """What of the signed-in citizen's profile a field starts with."""

    NONE = "", _("Nothing")
    FULL_NAME = "full_name", _("Full name")
    DATE_OF_BIRTH = "date_of_birth", _("Date of birth")
    CITIZEN_ID = "citizen_id", _("Personal identification number")
    ADDRESS = "address", _("Address")
    PHONE = "phone", _("Phone number")
    EMAIL = "email", _("E-mail")


class EFormField(AbstractFormField):
    """One field of a procedure's e-form, edited inline on the procedure page."""

    procedure = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="eform_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=EFORM_FIELD_CHOICES)
    field_type.required_on_save = True
    repeat_group = models.CharField(
        _("repeatable group"),
        max_length=100,
        blank=True,
        help_text=_(
            "Fields next to each other with the same group name are filled in once per person or item, "
            "as many times as needed (e.g. “Con”, “Người thừa kế”)."
        ),
    )
    show_when_field = models.CharField(
        _("show only when field"),
        max_length=255,
        blank=True,
        help_text=_("The label of another field of this form; leave empty to always show this field."),
    )
    show_when_value = models.CharField(_("has the value"), max_length=255, blank=True)
    date_rule = models.CharField(
        _("date rule"), max_length=12, choices=DateRule.choices, blank=True, default=DateRule.ANY
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age (years)"),
        null=True,
        blank=True,
        help_text=_("For a date of birth: the person must be at least this old today."),
    )
    max_age = models.PositiveSmallIntegerField(_("maximum age (years)"), null=True, blank=True)
    prefill = models.CharField(
        _("prefilled from the profile"),
        max_length=16,
        choices=Prefill.choices,
        blank=True,
        default=Prefill.NONE,
    )

    panels = [
        *AbstractFormField.panels,
        MultiFieldPanel(
            [
                FieldPanel("prefill"),
                FieldPanel("repeat_group"),
                FieldRowPanel([FieldPanel("show_when_field"), FieldPanel("show_when_value")]),
                FieldRowPanel([FieldPanel("date_rule"), FieldPanel("min_age"), FieldPanel("max_age")]),
            ],
            heading=_("Groups, conditions and rules"),
        ),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("e-form field")
        verbose_name_plural = _("e-form fields")

    def __str__(self) -> str:
        return self.label

    def get_field_clean_name(self) -> str:
        return clean_name(self.label)

    def as_schema(self) -> dict:
        """The field as a version's schema keeps it (plain JSON)."""
        return {
            "name": self.clean_name or self.get_field_clean_name(),
            "label": self.label,
            "type": self.field_type,
            "required": self.required and self.field_type != SECTION,
            "choices": _choice_lines(self.choices),
            "default": self.default_value,
            "help_text": self.help_text,
            "group": self.repeat_group.strip(),
            "show_when": {"field": clean_name(self.show_when_field), "value": self.show_when_value.strip()}
            if self.show_when_field.strip()
            else None,
            "date_rule": self.date_rule,
            "min_age": self.min_age,
            "max_age": self.max_age,
            "prefill": self.prefill,
        }


def _choice_lines(text: str) -> list[str]:
    """Wagtail's convention: choices one per line, or separated by commas when on one line."""
    separator = "\n" if "\n" in text else ","
    return [choice.strip() for choice in text.split(separator) if choice.strip()]


def clean_name(label: str) -> str:
    """The answers' key of a field or repeatable group, from its label ("Người thừa kế" →
    "nguoi_thua_ke"). Folded first: Wagtail's own keeps "đ" as "u0111"."""
    return get_field_clean_name(fold_vietnamese(label))


def group_key(label: str) -> str:
    return clean_name(label)


class EFormVersion(models.Model):
    """A frozen copy of a procedure's e-form, numbered 1, 2, … as editors publish changes."""

    procedure = models.ForeignKey(
        ProcedurePage, on_delete=models.CASCADE, related_name="eform_versions", verbose_name=_("procedure")
    )
    number = models.PositiveIntegerField(_("version"))
    schema = models.JSONField(_("fields"))
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("e-form version")
        verbose_name_plural = _("e-form versions")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="eform_version_number_unique"),
            models.UniqueConstraint(fields=["procedure", "digest"], name="eform_version_digest_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id} v{self.number}"


def eform_schema(*, procedure: ProcedurePage) -> list[dict]:
    """The fields of the procedure's e-form as published (the live page's rows), in order."""
    return [field.as_schema() for field in procedure.eform_fields.all()]


def _digest(schema: list[dict]) -> str:
    return hashlib.sha256(json.dumps(schema, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def eform_version_current(*, procedure: ProcedurePage) -> "EFormVersion | None":
    """The version matching the published form, recorded on first need; None when there is no form."""
    schema = eform_schema(procedure=procedure)
    if not schema:
        return None
    digest = _digest(schema)
    found = EFormVersion.objects.filter(procedure=procedure, digest=digest).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            latest = EFormVersion.objects.filter(procedure=procedure).aggregate(last=Max("number"))["last"]
            return EFormVersion.objects.create(
                procedure=procedure, number=(latest or 0) + 1, schema=schema, digest=digest
            )
    except IntegrityError:
        # Another request recorded the same version (or took the number) at the same moment.
        return EFormVersion.objects.get(procedure=procedure, digest=digest)


@dataclass(frozen=True)
class AnswerRow:
    """One line of the readable answers: a section heading, or a label and its answer as text."""

    label: str
    value: str = ""
    is_heading: bool = False


def answer_text(*, field: dict, value) -> str:
    """An answer as people read it: dd/mm/yyyy dates, Có/Không, the commune's full name."""
    if value in (None, "", []):
        return ""
    kind = field.get("type")
    if kind == "checkbox":
        return "Có" if value else "Không"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if kind == "date":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except (TypeError, ValueError):
            return str(value)
    if kind == "datetime":
        try:
            return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        except (TypeError, ValueError):
            return str(value)
    if kind == ADMIN_UNIT:
        from services_catalog.units import commune_full_name

        return commune_full_name(code=str(value)) or str(value)
    return str(value)


def _shown(field: dict, answers: dict) -> bool:
    condition = field.get("show_when")
    return not condition or str(answers.get(condition["field"], "")) == condition["value"]


def eform_rows(*, schema: list[dict], answers: dict) -> list[AnswerRow]:
    """The answers as a readable table, in the form's order; repeatable groups numbered ("Con 2 - Họ
    tên"); answers to fields no longer in the form are kept at the end, never dropped."""
    rows: list[AnswerRow] = []
    used: set[str] = set()
    index = 0
    while index < len(schema):
        field = schema[index]
        if field.get("group"):
            members = []
            while index < len(schema) and schema[index].get("group") == field["group"]:
                members.append(schema[index])
                index += 1
            key = group_key(field["group"])
            used.add(key)
            for number, item in enumerate(answers.get(key) or [], start=1):
                rows.append(AnswerRow(label=f"{field['group']} {number}", is_heading=True))
                rows.extend(
                    AnswerRow(
                        label=member["label"], value=answer_text(field=member, value=item.get(member["name"]))
                    )
                    for member in members
                    if member["type"] != SECTION and _shown(member, item)
                )
            continue
        index += 1
        if field["type"] == SECTION:
            rows.append(AnswerRow(label=field["label"], is_heading=True))
            continue
        used.add(field["name"])
        if _shown(field, answers):
            rows.append(
                AnswerRow(
                    label=field["label"], value=answer_text(field=field, value=answers.get(field["name"]))
                )
            )
    leftovers = [(name, value) for name, value in answers.items() if name not in used]
    if leftovers:
        rows.append(AnswerRow(label=str(_("Answers to fields no longer in the form")), is_heading=True))
        rows.extend(
            AnswerRow(label=name, value=answer_text(field={}, value=value)) for name, value in leftovers
        )
    return rows
