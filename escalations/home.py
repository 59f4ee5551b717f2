"""The escalations' part of the navigation and of the home page."""

from django.urls import reverse

from core.registry import Attention, NavItem

from .selectors import ESCALATION_ROLES, waiting_for

NAV = [
    NavItem("Escalations", "moderation_escalations", ESCALATION_ROLES, "Moderation"),
]


def attention(user) -> list[Attention]:
    """The reviewer's waiting escalations; for Directors, those nobody has taken yet."""
    counts = waiting_for(user)
    url = reverse("moderation_escalations")
    found = []
    if n := counts["mine"]:
        found.append(Attention(
            f"{n} escalation{'s' if n != 1 else ''} wait{'s' if n == 1 else ''} for your "
            "decision on a police report.", url, "danger"))
    if n := counts["untaken"]:
        found.append(Attention(
            f"{n} escalation{'s' if n != 1 else ''} routed to the Directors "
            f"need{'s' if n == 1 else ''} a Director to take {'it' if n == 1 else 'them'}.",
            url, "danger"))
    return found

