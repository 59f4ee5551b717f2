"""Demo accounts, one per role, for a local run. Never for a real installation."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from .models import User, UserRole
from .roles import Role

DEMO_PASSWORD = "hws-demo-2026"  # noqa: S105 - printed on purpose: local demo only
# One shared authenticator secret so the demo's privileged accounts can sign in;
# `python manage.py demo_totp` prints the current code for it.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPHWSENGAGEDEMO234"  # noqa: S105

DEMO_PEOPLE = [
    ("moderator@example.org", "Morgan Reed", [Role.MODERATOR]),
    ("ceo@example.org", "Chris Evans", [Role.CHIEF_EXECUTIVE]),
    ("chair@example.org", "Charlotte Hale", [Role.CHAIR, Role.DIRECTOR]),
    ("director@example.org", "Dev Patel", [Role.DIRECTOR]),
    ("director2@example.org", "Diane Okafor", [Role.DIRECTOR]),
    ("volunteer@example.org", "Val Thompson", [Role.VOLUNTEER]),
    ("volunteer2@example.org", "Victor Nowak", [Role.VOLUNTEER]),
    ("staff@example.org", "Sam Green", [Role.STAFF]),
    ("admin@example.org", "Ada Admin", [Role.ADMINISTRATOR]),
]
PENDING_PERSON = ("newcomer@example.org", "Nina Newcomer")


def accounts_table() -> list[tuple[str, str, bool]]:
    """(email, roles, needs 2FA) of each demo person, for printing. Reads no database."""
    from django.conf import settings

    rows = [
        (email, ", ".join(Role(r).label for r in roles),
         not settings.HWS_MFA_REQUIRED_ROLES.isdisjoint(roles))
        for email, _, roles in DEMO_PEOPLE
    ]
    return [*rows, (PENDING_PERSON[0], "(awaiting approval)", False)]


def seed() -> None:
    """Create (or repair) the demo people."""
    from django.conf import settings

    for email, name, roles in DEMO_PEOPLE:
        user, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
        user.full_name = name
        user.approval = User.Approval.APPROVED
        user.is_active = True
        user.is_staff = user.is_superuser = Role.ADMINISTRATOR in roles
        user.set_password(DEMO_PASSWORD)
        user.save()
        for role in roles:
            UserRole.objects.get_or_create(user=user, role=role)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        needs_mfa = not settings.HWS_MFA_REQUIRED_ROLES.isdisjoint(roles)
        if needs_mfa and not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    email, name = PENDING_PERSON
    pending, _ = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if pending.approval == User.Approval.PENDING:
        pending.set_password(DEMO_PASSWORD)
        pending.save()
        EmailAddress.objects.update_or_create(
            user=pending, email=email, defaults={"verified": True, "primary": True}
        )
