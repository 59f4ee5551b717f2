"""Safeguarding actions (each one transaction, one audit record): the Chief Executive names the
lead; screening raises a concern, which tells the lead at once; the lead records what was done.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from core import audit
from core.errors import Refused
from core.notices import notify
from escalations.models import canonical_json, sha256_of
from escalations.services import evidence_of
from screening import SAFEGUARDING_KINDS

from .models import KIND_LABELS, Concern, LeadAppointment, Response
from .selectors import SAFEGUARDING_ROLES, can_record, current_lead


@transaction.atomic
def name_lead(actor, *, lead: User) -> LeadAppointment:
    if not actor.has_role(Role.CHIEF_EXECUTIVE):
        raise Refused("Only the Chief Executive names the safeguarding lead.")
    if not lead.has_any_role(*SAFEGUARDING_ROLES):
        raise Refused(f"{lead} holds no role that may be the safeguarding lead. Nothing changed.")
    before = current_lead()
    if before is not None and before.pk == lead.pk:
        raise Refused(f"{lead} is already the safeguarding lead. Nothing was changed.")
    appointment = LeadAppointment.objects.create(lead=lead, named_by=actor)
    audit.record(actor, "safeguarding.lead_named", appointment, lead=lead.email,
                 before=before.email if before else None)
    notify(
        [lead],
        key=f"safeguarding-lead-{appointment.pk}",
        subject="You are now the safeguarding lead",
        body=f"{actor} named you as the safeguarding lead: you will be told at once when a "
        "comment suggests someone may be at risk, and you record what was done.",
        url=reverse("safeguarding_concerns"),
    )
    return appointment


def raise_concern(item, kinds: list[str]) -> Concern | None:
    """Screening found a safeguarding concern in `item`: keep the evidence and tell the lead at
    once (the Chief Executive when no lead is named). Once per item; call it inside the
    transaction that stored the findings."""
    kinds = [k for k in SAFEGUARDING_KINDS if k in kinds]
    if not kinds or Concern.objects.filter(item=item).exists():
        return None
    now = timezone.now()
    content = canonical_json(evidence_of(item, frozen_at=now))
    lead = current_lead()
    concern = Concern.objects.create(
        item=item, kinds=kinds, lead=lead, raised_at=now, evidence=content,
        sha256=sha256_of(content),
    )
    audit.record(None, "safeguarding.concern_raised", concern, item=item.pk, kinds=kinds,
                 lead=lead.email if lead else None)
    what = " and ".join(KIND_LABELS[k] for k in kinds)
    recipients = [lead] if lead else list(User.objects.with_role(Role.CHIEF_EXECUTIVE))
    notify(
        recipients,
        key=f"safeguarding-concern-{concern.pk}",
        subject=f"Safeguarding: a comment on {item.channel} may show someone at risk",
        body=(
            f"Screening found a possible {what}. Read it in the app and record what you did."
            + ("" if lead else " No safeguarding lead is named: you are told instead; name "
               "one on the safeguarding lead page.")
        ),
        url=reverse("safeguarding_concern", args=[concern.pk]),
    )
    return concern


@transaction.atomic
def record_response(actor, *, concern: Concern, action: str, note: str = "") -> Response:
    if not can_record(actor, current_lead()):
        raise Refused("Only the safeguarding lead and the Chief Executive record what was done.")
    if action not in Response.Action.values:
        raise Refused("Choose what was done. Nothing was recorded.")
    note = note.strip()
    if action == Response.Action.NO_ACTION and not note:
        raise Refused("Give the reason for taking no action. Nothing was recorded.")
    response = Response.objects.create(
        concern=concern, action=action, note=note, recorded_by=actor
    )
    audit.record(actor, "safeguarding.response_recorded", concern, response=response.pk,
                 done=action, note=note)
    return response


def record_view(concern: Concern, actor, *, via: str) -> None:
    """Who opened a concern's evidence, and how: the audit trail shows every look."""
    audit.record(actor, "safeguarding.concern_viewed", concern, via=via)
