"""People leaving: when an administrator removes someone's roles or closes their account,
what they held is ended or handed back, and the Chief Executive is told what was."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import User, UserRole
from accounts.roles import Role
from core import audit
from core.notices import notify
from optins import services as optins
from policies.services import policies_held_by, withdraw_posting_for

from . import holdings


def on_person_left(sender, *, person, roles_removed, deactivated, actor, **kwargs) -> None:
    roles_now = set() if deactivated else set(
        UserRole.objects.filter(user=person).values_list("role", flat=True))
    memberships = optins.end_on_departure(person, roles_now=roles_now, deactivated=deactivated,
                                          actor=actor)
    lines = [f"{m.group.name} WhatsApp group: the moderator is asked to remove them; their "
             "number is erased once they have." for m in memberships]
    still_moderates = not deactivated and bool(roles_now & {Role.MODERATOR,
                                                             Role.CHIEF_EXECUTIVE})
    released = 0 if still_moderates else holdings.release_claims(person)
    if released:
        lines.append(f"{released} comment(s) they had open are back in the queue.")
    reviews = not deactivated and bool(roles_now & {Role.CHIEF_EXECUTIVE, Role.CHAIR,
                                                    Role.DIRECTOR})
    escalations = [] if reviews else holdings.hand_back_escalations(person)
    if escalations:
        lines.append(f"{len(escalations)} escalation(s) they were reviewing wait for a "
                     "Director to take them.")
    policies = [] if person.is_active and roles_now else policies_held_by(person)
    # Only authorised personnel post (policy §4): whoever leaves a role no longer does.
    withdrawn = withdraw_posting_for(person)
    if withdrawn:
        lines.append(f"{withdrawn} authorisation(s) to post on the charity's social accounts "
                     "are withdrawn.")
    for policy in policies:
        lines.append(f"{policy.current_version.title}: they were its responsible officer; "
                     "review alerts now come to you until a new version names a new officer.")
    audit.record(actor, "privacy.person_left", person, memberships_ended=len(memberships),
                 claims_released=released, escalations_handed_back=len(escalations),
                 policies_handed_back=len(policies))
    if lines:
        ceos = User.objects.with_role(Role.CHIEF_EXECUTIVE)
        what = "account was closed" if deactivated else "roles were removed"
        notify(ceos, key=f"privacy-left-{person.pk}",
               period=timezone.now().isoformat(timespec="seconds"),
               subject=f"{person} has left: what they held is handed back",
               body=f"{person}'s {what} by {actor}.\n\n" + "\n".join(lines),
               url=reverse("home"))
