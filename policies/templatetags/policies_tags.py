from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("policies/_review_status.html")
def review_status(policy, today=None):
    """The policy's review state as a badge: overdue, due soon, or the date it is due."""
    today = today or timezone.localdate()
    return {
        "due": policy.review_due,
        "overdue": policy.is_overdue(today),
        "soon": policy.is_review_soon(today),
        "days": policy.days_to_review(today),
    }
