from django import template
from django.utils.formats import localize, number_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1500000 → "1.500.000 ₫" in Vietnamese (the active language's thousand separator)."""
    if amount in (None, ""):
        return ""
    return f"{number_format(int(amount), force_grouping=True)}\N{NO-BREAK SPACE}₫"


def _procedure_url(procedure, request, *, parent_url: str | None) -> str | None:
    # Every procedure is a child of the one catalogue page, so its URL is the parent's URL and its slug.
    if parent_url is None:
        return procedure.get_url(request)
    return f"{parent_url}{procedure.slug}/"


@register.simple_tag(takes_context=True)
def procedure_rows(context, procedures) -> list[dict]:
    """What a row of a listing (selectors.catalogue_listing) shows, prepared in Python: one URL
    reversal per page instead of one per row, and each label translated once (template tags per row
    made up most of the listing's rendering)."""
    procedures = list(procedures)
    if not procedures:
        return []
    request = context.get("request")
    first_url = procedures[0].get_url(request)
    suffix = f"{procedures[0].slug}/"
    parent_url = first_url[: -len(suffix)] if first_url and first_url.endswith(suffix) else None
    free = gettext("Free of charge")
    not_known = gettext("not yet known")
    not_specified = gettext("not specified")
    level_labels = {}
    rows = []
    for procedure in procedures:
        level = procedure.service_level
        if level not in level_labels:
            level_labels[level] = gettext("Level %(level)s") % {"level": localize(level)}
        if procedure.fees_unknown:
            fees = not_known
        else:
            fees = "; ".join(vnd(fee.amount_vnd) for fee in procedure.listed_fees) or free
        days = procedure.processing_days
        rows.append(
            {
                "url": _procedure_url(procedure, request, parent_url=parent_url),
                "title": procedure.title,
                "code": procedure.code,
                "level": str(level),
                "level_label": level_labels[level],
                "level_description": procedure.service_level_description,
                "field": procedure.field.name,
                "agency": procedure.agency.name,
                "time": (
                    ngettext("%(days)s working day", "%(days)s working days", days) % {"days": localize(days)}
                    if days
                    else not_specified
                ),
                "fees": fees,
            }
        )
    return rows


@register.simple_tag
def facet_options(options) -> str:
    """The <option> elements of a facet drop-down: about eighty on a catalogue page, cheaper joined
    here than looped over in the template."""
    selected = mark_safe(" selected")
    return format_html_join(
        "\n",
        '<option value="{}"{}>{}</option>',
        ((option.value, selected if option.selected else "", option.text) for option in options),
    )
