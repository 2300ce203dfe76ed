from html import escape

from django import template
from django.utils.formats import localize, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from portal.fragments import kept_fragment_tag
from services_catalog.page_cache import catalogue_generation
from services_catalog.selectors import procedure_urls

register = template.Library()
register.tag("kept_procedure", kept_fragment_tag(catalogue_generation))


@register.filter
def vnd(amount) -> str:
    """1500000 → "1.500.000 ₫" in Vietnamese (the active language's thousand separator)."""
    if amount in (None, ""):
        return ""
    return f"{number_format(int(amount), force_grouping=True)}\N{NO-BREAK SPACE}₫"


# One row of a listing: every value is escaped before it is put in.
PROCEDURE_ITEM = """<li class="procedure-item">
    <h3 class="procedure-item__title"><a href="{url}"{target}>{title}</a></h3>
    <p class="procedure-item__meta">
        <span class="level-badge level-badge--{level}" title="{level_description}">{level_label}</span>
        <span>{code_label}: {code}</span>
        <span>{field_label}: {field}</span>
        <span>{agency_label}: {agency}</span>
    </p>
    <p class="procedure-item__meta">
        <span>{time_label}: {time}</span>
        <span>{fees_label}: {fees}</span>
    </p>
</li>"""


@register.simple_tag(takes_context=True)
def procedure_items(context, procedures, embedded=False) -> str:
    """The <li> of each procedure of a listing (selectors.catalogue_listing), built in Python: twenty
    rows of a dozen values each made up most of the catalogue page's rendering as template code.
    What repeats from row to row (labels, levels, fields, agencies) is translated and escaped once.
    Embedded lists (iframes on other portals) open procedures in the whole window."""
    labels = {
        "code_label": escape(gettext("Code")),
        "field_label": escape(pgettext("catalogue classification", "Field")),
        "agency_label": escape(gettext("Implementing agency")),
        "time_label": escape(gettext("Processing time limit")),
        "fees_label": escape(gettext("Fees and charges")),
        "target": ' target="_top"' if embedded else "",
    }
    free = gettext("Free of charge")
    not_known = gettext("not yet known")
    not_specified = gettext("not specified")
    levels: dict[int, dict] = {}
    names: dict[str, str] = {}
    items = []
    for procedure, url in zip(procedures, procedure_urls(procedures, context.get("request")), strict=True):
        level = procedure.service_level
        if level not in levels:
            levels[level] = {
                "level": level,
                "level_label": escape(
                    gettext("Level %(level)s") % {"level": localize(level)}
                    if level
                    else gettext("Service level not yet classified")
                ),
                "level_description": escape(procedure.service_level_description),
            }
        if procedure.fees_unknown:
            fees = not_known
        else:
            fees = "; ".join(vnd(fee.amount_vnd) for fee in procedure.fees) or free
        days = procedure.processing_days
        time = (
            ngettext("%(days)s working day", "%(days)s working days", days) % {"days": localize(days)}
            if days
            else not_specified
        )
        for name in (procedure.field.name, procedure.agency_name):
            if name not in names:
                names[name] = escape(name)
        items.append(
            PROCEDURE_ITEM.format(
                **labels,
                **levels[level],
                url=escape(url),
                title=escape(procedure.name),
                code=escape(procedure.code),
                field=names[procedure.field.name],
                agency=names[procedure.agency_name],
                time=escape(time),
                fees=escape(fees),
            )
        )
    return mark_safe("\n".join(items))  # noqa: S308 (every value is escaped above)


@register.simple_tag
def facet_options(options) -> str:
    """The <option> elements of a facet drop-down: about a hundred on a catalogue page, joined here
    with the standard library's escaping (Django's `escape` is the same function, plus a wrapper)."""
    return mark_safe(  # noqa: S308 (every value is escaped)
        "\n".join(
            f'<option value="{escape(option.value)}"{" selected" if option.selected else ""}>'
            f"{escape(option.text)}</option>"
            for option in options
        )
    )
