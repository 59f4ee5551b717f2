from core.registry import NavItem

from .sources import BOARD_ROLES

NAV = [NavItem("Board report", "reports_board", BOARD_ROLES, "Reports")]
