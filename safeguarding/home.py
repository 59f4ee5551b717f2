"""Safeguarding's part of the navigation and of the home page."""

from django.urls import reverse

from accounts.roles import Role
from core.registry import Attention, NavItem

from .selectors import SAFEGUARDING_ROLES, current_lead, unanswered_count

NAV = [
    NavItem("Safeguarding", "safeguarding_concerns", SAFEGUARDING_ROLES, "Moderation"),
    NavItem("Safeguarding lead", "safeguarding_lead", (Role.CHIEF_EXECUTIVE,), "Moderation"),
]


def attention(user) -> list[Attention]:
    """For the lead and the Chief Executive: concerns nobody has recorded anything on; for the
    Chief Executive, that no lead is named."""
    lead = current_lead()
    found = []
    if n := unanswered_count(user, lead):
        found.append(Attention(
            f"{n} safeguarding concern{'s' if n != 1 else ''} with nothing recorded yet: "
            "someone may be at risk.", reverse("safeguarding_concerns"), "danger"))
    if lead is None and user.has_role(Role.CHIEF_EXECUTIVE):
        found.append(Attention(
            "No safeguarding lead is named: you are told of every concern until you name one.",
            reverse("safeguarding_lead"), "warning"))
    return found
