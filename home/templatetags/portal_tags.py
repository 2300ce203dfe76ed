from django import template

from home.models import Announcement

register = template.Library()


@register.inclusion_tag("includes/urgent_banner.html")
def urgent_announcements():
    return {"announcements": list(Announcement.objects.active().filter(is_urgent=True)[:3])}
