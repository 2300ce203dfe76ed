from django import template

from flows.selectors import workspace_desk_links

register = template.Library()


@register.simple_tag(takes_context=True)
def desk_links(context) -> list[dict]:
    return workspace_desk_links(user=context["request"].user)
