from django.utils import timezone

from core.registry import Attention, NavItem

from .roles import Role

NAV = [NavItem("My absence", "accounts_absence", (Role.CHIEF_EXECUTIVE, Role.CHAIR))]


def attention(user) -> list[Attention]:
    if user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR) and user.is_absent_on(
        timezone.localdate()
    ):
        return [Attention("You are marked absent today: escalations go to whoever stands in.",
                          "/accounts/absence/", "info")]
    return []
