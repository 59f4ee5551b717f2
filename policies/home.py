from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from accounts.roles import Role
from core.registry import Attention, NavItem

from . import selectors

NAV = [
    NavItem("Policies", "policies_list", (), "Policies"),
    NavItem("Social media accounts", "policies_accounts",
            (Role.MODERATOR, Role.CHIEF_EXECUTIVE, Role.CHAIR), "Policies"),
]


def attention(user) -> list[Attention]:
    """Reviews overdue or near for the moderators and the responsible officer; account
    requests waiting for this person's agreement. Three queries at most, whatever the rows."""
    if not user.role_slugs:
        return []
    today = timezone.localdate()
    items = []
    for policy in selectors.policies_needing_review(user, today):
        title = policy.current_version.title
        due = date_format(policy.review_due, "j M Y")
        url = reverse("policies_detail", args=[policy.slug])
        if policy.is_overdue(today):
            items.append(Attention(f"{title}: review overdue since {due}.", url, "danger"))
        else:
            days = policy.days_to_review(today)
            items.append(Attention(f"{title}: review due {due} (in {days} days).", url,
                                   "warning"))
    for change in selectors.awaiting_agreement(user):
        verb = "open" if change.kind == change.Kind.OPEN else "close"
        items.append(Attention(
            f"Your agreement is asked: {verb} {change.account}.",
            reverse("policies_account_request", args=[change.pk]), "warning",
        ))
    return items
