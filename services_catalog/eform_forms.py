"""The e-form a citizen (or a reception officer) fills in: a Django form built from a version's schema.

Every rule is checked on the server whatever the browser sent. The fields are named after the schema
(`ef-<name>`; a repeatable group's rows `ef-<group>-<row>-<name>` and their count `ef-<group>-rows`;
an administrative unit adds its province select `ef-<name>_province`). Adding or removing a group's
row, or refreshing the communes of a chosen province, posts the form back with `ef-action`: the form
is then shown again with everything typed and no error (`EForm.is_redisplay`), so all of it works
without JavaScript; `eform.js` only hides conditional fields and loads the communes of a province.

`EForm.answers` is the answers dict of `services_catalog.eforms` (its docstring describes the format)
once the form is valid; `EForm.typed_answers()` is what a draft keeps: the valid answers in that
format and anything else as typed, so that nothing is lost. Answers to fields no longer in the form
are carried over in both.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vietnam_provinces import Province, Ward, WardCode

from portal.accounts.validators import CCCD_PROVINCE_CODES
from services_catalog.eform_choices import ETHNICITIES, NATIONALITIES
from services_catalog.eforms import ADMIN_UNIT, SECTION, Prefill, group_key
from services_catalog.units import province_communes, province_unit

PREFIX = "ef"
ACTION = f"{PREFIX}-action"
MAX_ROWS = 30
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d-%m-%Y %H:%M"]
CHOICE_TYPES = {"dropdown", "radio", "checkboxes", "multiselect", "ethnicity", "nationality", ADMIN_UNIT}
MOBILE_OR_LANDLINE = re.compile(r"0(?:[35789]\d{8}|2\d{9})")


def phone_normalise(value: str) -> str:
    """ "+84 912 345 678", "0912.345.678" → "0912345678"; raises ValidationError when not a Vietnamese
    mobile (03, 05, 07, 08, 09 and 8 digits) or landline (02 and 9 digits) number."""
    digits = re.sub(r"[\s.\-()]", "", value)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not MOBILE_OR_LANDLINE.fullmatch(digits):
        raise ValidationError(
            _("Enter a Vietnamese phone number, for example 0912345678 or +84912345678."), code="phone"
        )
    return digits


def citizen_id_check(value: str) -> str:
    number = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{12}", number):
        raise ValidationError(
            _("A personal identification number has exactly 12 digits."), code="citizen_id_length"
        )
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("The first 3 digits of a personal identification number are a province code: check them."),
            code="citizen_id_province",
        )
    return number


def age_on(*, born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class PhoneField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return phone_normalise(value) if value else value


class CitizenIdField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        return citizen_id_check(value) if value else value


class CheckedDateField(forms.DateField):
    """A date typed dd/mm/yyyy, with the editor's date rule and age limits."""

    def __init__(self, *, spec: dict, **kwargs):
        self.spec = spec
        super().__init__(
            input_formats=DATE_FORMATS,
            widget=forms.DateInput(
                format="%d/%m/%Y",
                attrs={"inputmode": "numeric", "placeholder": "dd/mm/yyyy", "autocomplete": "off"},
            ),
            error_messages={"invalid": _("Type the date as day/month/year, for example 31/01/2020.")},
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        today = timezone.localdate()
        label = self.spec["label"]
        if self.spec.get("date_rule") == "not_future" and value > today:
            raise ValidationError(_("%(label)s cannot be in the future."), params={"label": label})
        if self.spec.get("date_rule") == "not_past" and value < today:
            raise ValidationError(_("%(label)s cannot be in the past."), params={"label": label})
        age = age_on(born=value, today=today)
        if self.spec.get("min_age") is not None and age < self.spec["min_age"]:
            raise ValidationError(
                _("The person must be at least %(age)s years old (born on or before %(day)s)."),
                params={"age": self.spec["min_age"], "day": _years_before(today, self.spec["min_age"])},
            )
        if self.spec.get("max_age") is not None and age > self.spec["max_age"]:
            raise ValidationError(
                _("The person must be at most %(age)s years old."), params={"age": self.spec["max_age"]}
            )


def _years_before(today: date, years: int) -> str:
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day.strftime("%d/%m/%Y")


def _options(values: list[str], *, empty: bool) -> list[tuple[str, str]]:
    options = [(value, value) for value in values]
    return [("", _("— Choose —")), *options] if empty else options


def _django_field(spec: dict) -> forms.Field:
    """The Django field for one schema field. Every field is optional here: whether it must be
    filled depends on its condition, which `EForm.clean` checks."""
    kind = spec["type"]
    common = {"label": spec["label"], "required": False, "help_text": spec.get("help_text", "")}
    choices = spec.get("choices") or []
    if kind == "multiline":
        return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == "email":
        return forms.EmailField(**common)
    if kind == "number":
        return forms.DecimalField(**common)
    if kind == "url":
        return forms.URLField(**common)
    if kind == "checkbox":
        return forms.BooleanField(**common)
    if kind == "checkboxes":
        return forms.MultipleChoiceField(
            choices=_options(choices, empty=False), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == "multiselect":
        return forms.MultipleChoiceField(choices=_options(choices, empty=False), **common)
    if kind == "dropdown":
        return forms.ChoiceField(choices=_options(choices, empty=True), **common)
    if kind == "radio":
        return forms.ChoiceField(choices=_options(choices, empty=False), widget=forms.RadioSelect, **common)
    if kind == "ethnicity":
        return forms.ChoiceField(choices=_options(ETHNICITIES, empty=True), **common)
    if kind == "nationality":
        return forms.ChoiceField(choices=_options(NATIONALITIES, empty=True), **common)
    if kind == "date":
        return CheckedDateField(spec=spec, **common)
    if kind == "datetime":
        return forms.DateTimeField(
            input_formats=DATETIME_FORMATS,
            widget=forms.DateTimeInput(format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
            error_messages={"invalid": _("Type the date and time as day/month/year hour:minute.")},
            **common,
        )
    if kind == "citizen_id":
        return CitizenIdField(
            max_length=20,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
    if kind == "phone":
        return PhoneField(
            max_length=20, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}), **common
        )
    if kind == "hidden":
        return forms.CharField(max_length=255, widget=forms.HiddenInput, **common)
    return forms.CharField(max_length=255, **common)


def provinces_choices() -> list[tuple[str, str]]:
    units = sorted((province_unit(province) for province in Province.iter_all()), key=lambda unit: unit.code)
    return [("", _("— Choose the province or city —")), *((unit.code, unit.name) for unit in units)]


def communes_choices(province_code: str) -> list[tuple[str, str]]:
    try:
        province = Province.from_code(int(province_code))
    except (TypeError, ValueError):
        return [("", _("— Choose the province first —"))]
    return [("", _("— Choose the commune or ward —"))] + [
        (unit.code, unit.name) for unit in province_communes(province)
    ]


def commune_province_code(commune_code) -> str:
    try:
        return str(Ward.from_code(WardCode(int(commune_code))).province_code.value)
    except (TypeError, ValueError):
        return ""


def _answer_value(kind: str, value):
    """A cleaned value as the answers keep it (plain JSON)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if kind == "checkbox":
        return bool(value)
    return value


def _initial_value(kind: str, value):
    """A stored answer as the field shows it (dates as dd/mm/yyyy, typed text as typed)."""
    if kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if kind == "datetime" and isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def _empty(value) -> bool:
    return value in (None, "", [], False)


def condition_met(condition: dict | None, *answer_sets: dict) -> bool:
    """Whether a field with `condition` (`{"field", "value"}`) is shown, as `eforms.eform_rows` reads
    it: the other field's answer is looked up in the row first, then in the whole form."""
    if not condition:
        return True
    for answers in answer_sets:
        if condition["field"] in answers:
            return str(answers[condition["field"]]) == condition["value"]
    return condition["value"] == ""


def profile_value(user, prefill: str):
    if not prefill or user is None or not getattr(user, "is_authenticated", False):
        return None
    if prefill == Prefill.FULL_NAME:
        return user.get_full_name()
    return getattr(user, prefill, None) or None


def schema_blocks(schema: list[dict]) -> list[tuple[str, list[dict]]]:
    """The schema cut into top-level fields ("", [field]), section headings ("section", [field]) and
    repeatable groups (group label, [members])."""
    blocks: list[tuple[str, list[dict]]] = []
    for spec in schema:
        group = (spec.get("group") or "").strip()
        if group and blocks and blocks[-1][0] == group:
            blocks[-1][1].append(spec)
        elif group:
            blocks.append((group, [spec]))
        else:
            blocks.append((SECTION if spec["type"] == SECTION else "", [spec]))
    return blocks


class EForm(forms.Form):
    prefix = PREFIX
    label_suffix = ""

    def __init__(self, data=None, *, schema: list[dict], answers: dict | None = None, profile=None):
        self.schema = schema
        self.stored = dict(answers or {})
        self.blocks = schema_blocks(schema)
        self.is_redisplay = data is not None and ACTION in data
        if self.is_redisplay:
            data = data.copy()
        super().__init__(data)
        self.row_counts: dict[str, int] = {}
        for label, members in self.blocks:
            if label == SECTION:
                continue
            if label:
                self._add_group(label, members)
            else:
                self._add_field(members[0], name=members[0]["name"], stored=self.stored, profile=profile)

    # Building --------------------------------------------------------------------------------------

    def _add_field(self, spec: dict, *, name: str, stored: dict, profile) -> None:
        field = _django_field(spec)
        if spec["required"]:
            field.label = f"{spec['label']} ({_('required')})"
        if spec["name"] in stored:
            field.initial = _initial_value(spec["type"], stored[spec["name"]])
        elif profile_value(profile, spec.get("prefill")) is not None:
            field.initial = profile_value(profile, spec["prefill"])
        elif spec.get("default"):
            field.initial = spec["default"] if spec["type"] != "checkbox" else True
        if spec["type"] == ADMIN_UNIT:
            province_name = f"{name}_province"
            province = forms.ChoiceField(
                label=_("Province or city"), choices=provinces_choices(), required=False
            )
            province.initial = commune_province_code(field.initial)
            self.fields[province_name] = province
            chosen = self.data.get(self.add_prefix(province_name)) if self.is_bound else province.initial
            field = forms.ChoiceField(
                label=_("Commune or ward"),
                choices=communes_choices(chosen),
                required=False,
                initial=field.initial,
                error_messages={"invalid_choice": _("Choose a commune or ward of the chosen province.")},
            )
        self.fields[name] = field

    def _add_group(self, label: str, members: list[dict]) -> None:
        key = group_key(label)
        stored_rows = self.stored.get(key) if isinstance(self.stored.get(key), list) else []
        if self.is_bound:
            try:
                count = int(self.data.get(f"{PREFIX}-{key}-rows", 1))
            except ValueError:
                count = 1
        else:
            count = len(stored_rows)
        count = max(1, min(count, MAX_ROWS))
        if self.is_redisplay:
            count = self._row_action(key, members, count)
        self.row_counts[key] = count
        for row in range(count):
            stored = stored_rows[row] if row < len(stored_rows) and isinstance(stored_rows[row], dict) else {}
            for spec in members:
                if spec["type"] != SECTION:
                    self._add_field(spec, name=f"{key}-{row}-{spec['name']}", stored=stored, profile=None)

    def _row_action(self, key: str, members: list[dict], count: int) -> int:
        """Apply the posted "add a row" or "remove row n" of group `key` to the typed data."""
        action = self.data.get(ACTION, "")
        if action == f"add:{key}" and count < MAX_ROWS:
            return count + 1
        if not action.startswith(f"remove:{key}:") or count == 1:
            return count
        try:
            removed = int(action.rsplit(":", 1)[1])
        except ValueError:
            return count
        if not 0 <= removed < count:
            return count
        names = [spec["name"] for spec in members] + [f"{spec['name']}_province" for spec in members]
        for row in range(removed, count):
            for name in names:
                target = f"{PREFIX}-{key}-{row}-{name}"
                source = f"{PREFIX}-{key}-{row + 1}-{name}"
                if row + 1 < count and source in self.data:
                    self.data.setlist(target, self.data.getlist(source))
                else:
                    self.data.pop(target, None)
        return count - 1

    # Checking --------------------------------------------------------------------------------------

    def full_clean(self):
        if self.is_redisplay:  # shown again as typed, with no error: nothing was sent yet
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def _clean_fields(self):
        super()._clean_fields()
        for name in list(self.cleaned_data):
            province_name = f"{name}_province"
            commune = self.cleaned_data[name]
            if province_name not in self.fields or not commune:
                continue
            if commune_province_code(commune) != self.cleaned_data.get(province_name):
                self.add_error(name, _("Choose a commune or ward of the chosen province."))

    def clean(self):
        cleaned = super().clean()
        answers: dict = {}
        for label, members in self.blocks:
            if label == SECTION:
                continue
            if not label:
                spec = members[0]
                answers[spec["name"]] = _answer_value(spec["type"], cleaned.get(spec["name"]))
                continue
            key = group_key(label)
            answers[key] = [
                {
                    spec["name"]: _answer_value(spec["type"], cleaned.get(f"{key}-{row}-{spec['name']}"))
                    for spec in members
                    if spec["type"] != SECTION
                }
                for row in range(self.row_counts[key])
            ]
        self.answers = self._with_conditions_and_requirements(answers)
        return cleaned

    def _with_conditions_and_requirements(self, answers: dict) -> dict:
        """Drop the answers of hidden fields (their rules do not apply), require the shown ones."""
        result = dict(self._leftovers())
        for label, members in self.blocks:
            if label == SECTION:
                continue
            if not label:
                spec = members[0]
                if condition_met(spec.get("show_when"), answers):
                    result[spec["name"]] = answers[spec["name"]]
                    self._require(spec, spec["name"], answers[spec["name"]])
                continue
            key = group_key(label)
            rows = []
            for row, item in enumerate(answers[key]):
                if all(_empty(value) for value in item.values()):
                    continue  # a row left empty (the last "add a row" click) is no answer: skip it
                kept = {}
                for spec in members:
                    if spec["type"] == SECTION or not condition_met(spec.get("show_when"), item, answers):
                        continue
                    kept[spec["name"]] = item[spec["name"]]
                    self._require(spec, f"{key}-{row}-{spec['name']}", item[spec["name"]])
                rows.append(kept)
            result[key] = rows
        return result

    def _require(self, spec: dict, name: str, value) -> None:
        if not spec["required"] or not _empty(value) or self.has_error(name):
            return
        if spec["type"] in CHOICE_TYPES:
            message = _("Choose “%(label)s”.")
        elif spec["type"] == "checkbox":
            message = _("Tick “%(label)s” to go on.")
        else:
            message = _("Fill in “%(label)s”.")
        self.add_error(name, ValidationError(message, params={"label": spec["label"]}, code="required"))

    def _leftovers(self) -> dict:
        known = {group_key(label) for label, _members in self.blocks if label and label != SECTION}
        known |= {spec["name"] for spec in self.schema if not spec.get("group")}
        return {name: value for name, value in self.stored.items() if name not in known}

    def typed_answers(self) -> dict:
        """What a draft keeps: valid answers as the format says, anything else as typed."""
        answers = dict(self._leftovers())
        for label, members in self.blocks:
            if label == SECTION:
                continue
            if not label:
                answers[members[0]["name"]] = self._typed(members[0], members[0]["name"])
                continue
            key = group_key(label)
            answers[key] = [
                {
                    spec["name"]: self._typed(spec, f"{key}-{row}-{spec['name']}")
                    for spec in members
                    if spec["type"] != SECTION
                }
                for row in range(self.row_counts[key])
            ]
        return answers

    def _typed(self, spec: dict, name: str):
        field = self.fields[name]
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        try:
            return _answer_value(spec["type"], field.clean(raw))
        except ValidationError:
            return raw

    # Showing ---------------------------------------------------------------------------------------

    def error_summary(self) -> list[dict]:
        """The errors, in the form's order, each with the id of the field to jump to."""
        order = list(self.fields)
        summary = []
        for name in sorted((name for name in self.errors if name in self.fields), key=order.index):
            bound = self[name]
            anchor = bound.auto_id
            if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            summary.append(
                {"anchor": anchor, "label": self._summary_label(name), "messages": self.errors[name]}
            )
        return summary

    def _summary_label(self, name: str) -> str:
        """ "Con 2 - Họ, chữ đệm, tên" for a group's field, the field's label otherwise."""
        key, row, field_name = name.split("-", 2) if "-" in name else ("", "0", name)
        for label, members in self.blocks:
            if (group_key(label) if label and label != SECTION else "") != key:
                continue
            for spec in members:
                if spec["name"] == field_name:
                    return f"{label} {int(row) + 1} - {spec['label']}" if key else spec["label"]
        return name

    def sections(self) -> list[dict]:
        """The form as the template lays it out: sections of items (fields and groups)."""
        sections = [{"heading": "", "items": []}]
        for label, members in self.blocks:
            if label == SECTION:
                sections.append(
                    {"heading": members[0]["label"], "help_text": members[0].get("help_text"), "items": []}
                )
            elif label:
                sections[-1]["items"].append(self._group_item(label, members))
            else:
                sections[-1]["items"].append(self._field_item(members[0], members[0]["name"]))
        return [section for section in sections if section["heading"] or section["items"]]

    def _condition_attrs(
        self, spec: dict, *, row_prefix: str = "", row_names: set[str] = frozenset()
    ) -> dict:
        condition = spec.get("show_when")
        if not condition:
            return {}
        name = f"{row_prefix}{condition['field']}" if condition["field"] in row_names else condition["field"]
        return {"field": self.add_prefix(name), "value": condition["value"]}

    def _field_item(self, spec: dict, name: str, **condition) -> dict:
        item = {
            "kind": "admin_unit" if spec["type"] == ADMIN_UNIT else "field",
            "spec": spec,
            "field": self[name],
            "condition": self._condition_attrs(spec, **condition),
        }
        if spec["type"] == ADMIN_UNIT:
            item["province"] = self[f"{name}_province"]
            item["label"] = f"{spec['label']} ({_('required')})" if spec["required"] else spec["label"]
        return item

    def _group_item(self, label: str, members: list[dict]) -> dict:
        key = group_key(label)
        names = {spec["name"] for spec in members}
        rows = []
        for row in range(self.row_counts[key]):
            prefix = f"{key}-{row}-"
            rows.append(
                {
                    "number": row + 1,
                    "remove": f"remove:{key}:{row}",
                    "items": [
                        self._field_item(spec, f"{prefix}{spec['name']}", row_prefix=prefix, row_names=names)
                        for spec in members
                        if spec["type"] != SECTION
                    ],
                }
            )
        return {
            "kind": "group",
            "label": label,
            "key": key,
            "rows": rows,
            "count_name": f"{PREFIX}-{key}-rows",
            "count": self.row_counts[key],
            "add": f"add:{key}",
            "can_add": self.row_counts[key] < MAX_ROWS,
        }
