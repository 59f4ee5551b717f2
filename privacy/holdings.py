"""Everything this app reads or changes of the moderation queue's internals (claims,
platform actions, blocks) and of hate-crime escalations (of comments and of WhatsApp group
breaches), in one place: when those models
move, only this module follows them."""

from django.db.models import Q

from escalations.models import Escalation, EvidenceCopy
from moderation.models import Block, Claim, Decision, PlatformAction


def escalated_item_ids(item_ids=None) -> set[int]:
    """Comments that are evidence of a possible hate crime: a legal hold."""
    rows = Escalation.objects.filter(item__isnull=False)  # not those from a WhatsApp group
    if item_ids is not None:
        rows = rows.filter(item_id__in=item_ids)
    return set(rows.values_list("item_id", flat=True))


def live_block_item_ids(item_ids=None) -> set[int]:
    """Comments whose decision blocks an author today: the block needs its record."""
    rows = Block.objects.filter(lifted_by__isnull=True)
    if item_ids is not None:
        rows = rows.filter(decision__item_id__in=item_ids)
    return set(rows.values_list("decision__item_id", flat=True))


def remove_queue_records(item_ids: list[int], remove) -> dict[str, int]:
    """Delete the claims, platform actions, blocks and decisions of these comments, inside a
    sanctioned removal (`remove` from core.db)."""
    decisions = Decision.objects.filter(item_id__in=item_ids)
    blocks = Block.objects.filter(Q(decision__in=decisions) | Q(lifted_by__in=decisions))
    counts = {"blocks": remove(blocks)}
    remove(PlatformAction.objects.filter(decision__in=decisions))
    remove(Claim.objects.filter(item_id__in=item_ids))
    counts["decisions"] = remove(decisions)
    return counts


def escalations_about(item_ids) -> list[dict]:
    """For a subject-access export: the escalations of these comments and their evidence."""
    rows = (Escalation.objects.filter(item_id__in=item_ids).select_related("evidence_copy")
            .order_by("raised_at", "id"))
    return [{"escalation": e.pk, "item": e.item_id, "raised_at": e.raised_at,
             "characteristics": e.characteristic_labels, "note": e.note,
             "evidence": e.evidence_copy.data if _has_evidence(e) else None} for e in rows]


def escalations_of_breaches(breach_ids) -> list[dict]:
    """For a subject-access export: the escalations of what the person posted in a WhatsApp
    group (their breaches of the agreement) and their evidence."""
    rows = (Escalation.objects.filter(breach_id__in=breach_ids).select_related("evidence_copy")
            .order_by("raised_at", "id"))
    return [{"escalation": e.pk, "breach": e.breach_id, "raised_at": e.raised_at,
             "characteristics": e.characteristic_labels, "note": e.note,
             "evidence": e.evidence_copy.data if _has_evidence(e) else None} for e in rows]


def _has_evidence(escalation) -> bool:
    try:
        return escalation.evidence_copy is not None
    except EvidenceCopy.DoesNotExist:
        return False


def release_claims(person) -> int:
    """Comments the person had open go back to the queue for the other moderators."""
    return Claim.objects.filter(claimed_by=person).delete()[0]


def hand_back_escalations(person) -> list:
    """Escalations waiting for the person's review go back to the Directors to take; the
    caller tells the CEO. Decided escalations stay as they are (the record of who decided)."""
    held = list(Escalation.objects.filter(reviewer=person, outcome__isnull=True))
    for escalation in held:
        escalation.routed_to = Escalation.RoutedTo.DIRECTORS
        escalation.reviewer = None
        escalation.taken_at = None
        escalation.routing_reason = f"Handed back: {person} no longer reviews escalations."
        escalation.save(update_fields=["routed_to", "reviewer", "taken_at", "routing_reason"])
    return held
