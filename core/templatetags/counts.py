from django import template

from core.counts import capped_label

register = template.Library()


@register.filter
def capped(count: int) -> str:
    """A count from core.counts.capped_count: "99+" when it stopped counting."""
    return capped_label(count)
