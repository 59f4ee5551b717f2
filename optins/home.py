import datetime

from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core.registry import Attention, NavItem

from . import selectors
from .models import OptInRequest
from .views import home as optins_home

NAV = [NavItem("WhatsApp", "optins_home", optins_home.required_roles)]

# A declined request stays on the person's home page this long (or until they ask again).
DECLINED_SHOWN_DAYS = 30


def attention(user) -> list[Attention]:
    found: list[Attention] = []
    if user.has_role(Role.MODERATOR):
        counts = selectors.moderator_counts()
        if counts.pending:
            found.append(Attention(f"{counts.pending} WhatsApp opt-in request(s) to decide",
                                   reverse("optins_queue"), "warning"))
        if counts.to_add:
            found.append(Attention(f"{counts.to_add} approved person(s) to add in WhatsApp",
                                   reverse("optins_queue"), "warning"))
        if counts.to_remove:
            found.append(Attention(f"{counts.to_remove} person(s) to remove from WhatsApp",
                                   reverse("optins_queue"), "danger"))
        if counts.unlogged_groups:
            found.append(Attention(
                "This week's WhatsApp monitoring is not logged yet: "
                + ", ".join(counts.unlogged_groups), reverse("optins_monitoring"), "info"))
    if user.has_role(Role.CHIEF_EXECUTIVE):
        for log in selectors.missed_weeks():
            found.append(Attention(
                f"WhatsApp monitoring missed: {log.group.name}, {log.week}",
                reverse("optins_monitoring"), "danger"))
    if user.has_any_role(Role.DIRECTOR, Role.VOLUNTEER):
        since = timezone.now() - datetime.timedelta(days=DECLINED_SHOWN_DAYS)
        latest = (OptInRequest.objects.filter(person=user).select_related("group")
                  .order_by("-created_at", "-id").first())
        if latest and latest.status == OptInRequest.Status.DECLINED and latest.decided_at >= since:
            found.append(Attention(
                f"Your request to join the {latest.group.name} WhatsApp group was declined: "
                f"{latest.decline_reason}", reverse("optins_mine"), "warning"))
    return found
