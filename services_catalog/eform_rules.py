"""What the page editor checks in a procedure's e-form before saving (`forms.ProcedurePageForm`)."""

from django.utils.translation import gettext as _

from services_catalog.eforms import SECTION, clean_name

NEEDS_CHOICES = {"dropdown", "radio", "checkboxes", "multiselect"}


def eform_fields_problems(fields: list[dict]) -> list[tuple[int, str, str]]:
    """The problems of the e-form's `fields` (the inline's cleaned data, in the form's order), each as
    (position in `fields`, model field name, message)."""
    problems: list[tuple[int, str, str]] = []
    keys: dict[str, int] = {}
    for position, field in enumerate(fields):
        key = clean_name(field["label"])
        if key in keys:
            problems.append(
                (position, "label", _("Another field of this form has the same label: labels must differ."))
            )
        keys.setdefault(key, position)
    by_key = {clean_name(field["label"]): field for field in fields}
    closed_groups: set[str] = set()
    previous_group = ""
    for position, field in enumerate(fields):
        kind = field.get("field_type")
        if kind in NEEDS_CHOICES and not (field.get("choices") or "").strip():
            problems.append((position, "choices", _("List the choices, one per line.")))
        problems.extend((position, name, message) for name, message in _condition_problems(field, by_key))
        group = (field.get("repeat_group") or "").strip()
        if group and group in closed_groups:
            problems.append(
                (
                    position,
                    "repeat_group",
                    _("The fields of the group “%(group)s” must follow each other.") % {"group": group},
                )
            )
        if previous_group and group != previous_group:
            closed_groups.add(previous_group)
        previous_group = group
        low, high = field.get("min_age"), field.get("max_age")
        if low is not None and high is not None and low > high:
            problems.append((position, "max_age", _("The maximum age must not be below the minimum age.")))
        if kind != "date" and (low is not None or high is not None or field.get("date_rule")):
            problems.append((position, "date_rule", _("Date rules and ages apply to date fields only.")))
    return problems


def _condition_problems(field: dict, by_key: dict[str, dict]) -> list[tuple[str, str]]:
    other_label = (field.get("show_when_field") or "").strip()
    value = (field.get("show_when_value") or "").strip()
    if not other_label:
        return [("show_when_value", _("Name the field this value belongs to."))] if value else []
    other = by_key.get(clean_name(other_label))
    if other is None or other is field or other.get("field_type") == SECTION:
        return [
            (
                "show_when_field",
                _("“%(label)s” is not the label of another field of this form.") % {"label": other_label},
            )
        ]
    if not value:
        return [("show_when_value", _("Give the value that shows this field."))]
    choices = [line.strip() for line in (other.get("choices") or "").replace(",", "\n").splitlines()]
    if other.get("field_type") in NEEDS_CHOICES and value not in choices:
        return [
            ("show_when_value", _("“%(value)s” is not one of the choices of that field.") % {"value": value})
        ]
    return []
