from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from core import audit

from .models import Absence, User, UserRole
from .roles import Role
from .signals import person_left


@transaction.atomic
def approve_account(person: User, roles: Iterable[str], *, actor: User) -> User:
    roles = [Role(r) for r in roles]
    if not roles:
        raise ValueError("An account is approved with at least one role.")
    if person.is_approved:
        # Approving again only adds roles: the person was told when they were approved.
        for role in roles:
            UserRole.objects.get_or_create(user=person, role=role)
        if Role.ADMINISTRATOR in roles and not person.is_staff:
            person.is_staff = True
            person.save(update_fields=["is_staff"])
        audit.record(actor, "account.roles_added", person, roles=[str(r) for r in roles])
        return person
    person.approval = User.Approval.APPROVED
    person.approval_decided_at = timezone.now()
    person.approval_decided_by = actor
    person.is_active = True
    person.rejection_reason = ""
    if Role.ADMINISTRATOR in roles:
        person.is_staff = True
    person.save()
    for role in roles:
        UserRole.objects.get_or_create(user=person, role=role)
    audit.record(actor, "account.approved", person, roles=[str(r) for r in roles])
    transaction.on_commit(
        lambda: send_mail(
            "[HWS Engage] Your account is approved",
            f"Hello {person.get_short_name()},\n\n"
            f"An administrator has approved your HWS Engage account "
            f"({', '.join(r.label for r in roles)}). You can now sign in:\n\n"
            f"{settings.SITE_URL.rstrip('/')}/accounts/login/\n",
            None,
            [person.email],
        )
    )
    return person


@transaction.atomic
def record_departure(
    person: User, *, roles_before: set[str], was_active: bool, actor: User
) -> None:
    """After an administrator's change: roles taken away or the account deactivated are a
    departure, and the apps end or hand back what the person held (memberships, claims,
    escalations, policies). Nothing happens when nothing was taken away."""
    roles_now = set(UserRole.objects.filter(user=person).values_list("role", flat=True))
    deactivated = was_active and not person.is_active
    removed = set(roles_before) if deactivated else set(roles_before) - roles_now
    if not removed and not deactivated:
        return
    audit.record(actor, "account.left" if deactivated else "account.roles_removed", person,
                 roles=sorted(removed))
    person_left.send(sender=User, person=person, roles_removed=removed,
                     deactivated=deactivated, actor=actor)


@transaction.atomic
def reject_account(person: User, *, actor: User, reason: str = "") -> User:
    person.approval = User.Approval.REJECTED
    person.approval_decided_at = timezone.now()
    person.approval_decided_by = actor
    person.rejection_reason = reason
    person.is_active = False
    person.save()
    audit.record(actor, "account.rejected", person, reason=reason)
    return person


@transaction.atomic
def record_absence(actor: User, *, starts_on: date, ends_on: date, note: str = "") -> Absence:
    absence = Absence.objects.create(user=actor, starts_on=starts_on, ends_on=ends_on, note=note)
    audit.record(actor, "absence.recorded", absence)
    return absence


@transaction.atomic
def end_absence(absence: Absence, *, actor: User) -> None:
    today = timezone.localdate()
    audit.record(actor, "absence.ended", absence)
    if absence.starts_on >= today:
        absence.delete()
    else:
        absence.ends_on = today - timedelta(days=1)
        absence.save(update_fields=["ends_on"])


@transaction.atomic
def set_shortcuts(user: User, *, on: bool, keys: dict[str, str]) -> User:
    """A person turns the single-key shortcuts on or off, or chooses other keys."""
    user.shortcuts_on = on
    user.shortcut_keys = keys
    user.save(update_fields=["shortcuts_on", "shortcut_keys"])
    audit.record(user, "accounts.shortcuts_set", user, on=on, keys=keys)
    return user
