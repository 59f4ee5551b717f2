from django.urls import reverse

from accounts.roles import MODERATION_ROLES, SIGNER_ROLES
from core.registry import Attention, NavItem

from . import selectors

NAV = [
    NavItem("Sign the agreement", "agreements_current", SIGNER_ROLES, "Agreement"),
    NavItem("Agreement register", "agreements_register", MODERATION_ROLES, "Agreement"),
]


def attention(user) -> list[Attention]:
    """Signers who have not signed the current version are asked to. Two queries."""
    if not user.has_any_role(*SIGNER_ROLES):
        return []
    version = selectors.current_version()
    if version is None or selectors.has_signed_current(user):
        return []
    return [Attention(
        f"Please sign the WhatsApp Group Chat Agreement (version {version.number})",
        reverse("agreements_current"),
        "warning",
    )]
