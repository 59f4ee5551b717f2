"""Everything the Board report reads from moderation beyond `moderation.models`: the escalation
counts, who sees the Board's reports, and the queue's rule for which comments must be dealt
with promptly. Kept in this one module so moving those files means changing only these
imports."""

from datetime import datetime

from django.db.models import Count, Q

from escalations.models import Escalation, EscalationOutcome
from escalations.selectors import BOARD_ROLES, naming
from moderation.models import PROMPT_SEVERITY, PROMPT_TERMS
from moderation.queue.selectors import overdue_after
from moderation.terms import Characteristic, Term

__all__ = ["BOARD_ROLES", "ESCALATION_REPORT_URL", "PROMPT_SEVERITY", "PROMPT_TERMS", "Term",
           "escalation_counts", "overdue_after"]

ESCALATION_REPORT_URL = "moderation_escalation_report"


def escalation_counts(starts: datetime, ends: datetime) -> tuple[list[tuple[str, int]],
                                                                 list[tuple[str, int]], int, int]:
    """Escalations raised in [starts, ends): by protected characteristic (one naming two counts
    under both), by outcome (undecided last), the total, and how many of them came from a
    WhatsApp group (the rest are comments). One query, counted by the database."""
    counts = {f"c_{slug}": Count("pk", filter=naming(slug)) for slug in Characteristic.values}
    counts.update({f"o_{slug}": Count("pk", filter=Q(outcome__outcome=slug))
                   for slug in EscalationOutcome.Outcome.values})
    found = Escalation.objects.filter(raised_at__gte=starts, raised_at__lt=ends).aggregate(
        total=Count("pk"), undecided=Count("pk", filter=Q(decided_at__isnull=True)),
        from_groups=Count("breach"), **counts)
    by_characteristic = [(label, found[f"c_{slug}"]) for slug, label in Characteristic.choices]
    by_outcome = [(label, found[f"o_{slug}"])
                  for slug, label in EscalationOutcome.Outcome.choices]
    by_outcome.append(("Undecided", found["undecided"]))
    return by_characteristic, by_outcome, found["total"], found["from_groups"]
