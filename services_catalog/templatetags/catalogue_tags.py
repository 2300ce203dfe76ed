from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """1500000 → "1.500.000 ₫" in Vietnamese (the active language's thousand separator)."""
    if amount in (None, ""):
        return ""
    return f"{number_format(int(amount), force_grouping=True)}\N{NO-BREAK SPACE}₫"
