"""The retention schedule enforced: what each rule removes or redacts, at what age.

`run_retention()` is the daily job; `preview()` counts what it would do (the dry run).
Each run writes one RetentionRun and one audit record, with counts only.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from core import audit
from core.db import sanctioned_removal
from moderation.models import Author, Decision, Finding, Item, WebhookDelivery

from . import holdings
from .models import Redaction, RetentionRule, RetentionRun

PERSONAL_DETAILS = "personal_details"
REMOVING_ACTIONS = (Decision.Action.DELETE, Decision.Action.BLOCK_DELETE)


@dataclass
class Due:
    webhook_deliveries: list[int]
    redactions: list[int]
    comments: list[int]

    def counts(self) -> dict[str, int]:
        return {"webhook_deliveries": len(self.webhook_deliveries),
                "comments_redacted": len(self.redactions),
                "comments_removed": len(self.comments)}


def _cutoff(kind: str):
    rule = RetentionRule.objects.filter(kind=kind).first()
    if rule is None or rule.keep_days is None:
        return None
    return timezone.now() - timedelta(days=rule.keep_days)


def due() -> Due:
    """What the schedule says should go now (ids only)."""
    webhook_cutoff = _cutoff(RetentionRule.Kind.WEBHOOK_BODIES)
    deliveries = [] if webhook_cutoff is None else list(
        WebhookDelivery.objects.filter(processed_at__lt=webhook_cutoff)
        .values_list("pk", flat=True))
    return Due(deliveries, _due_redactions(), _due_comments())


def _due_redactions() -> list[int]:
    """Comments removed citing personal details, longer ago than the period, not yet
    redacted. The removal's age counts, not the comment's."""
    cutoff = _cutoff(RetentionRule.Kind.PERSONAL_DETAILS_TEXT)
    if cutoff is None:
        return []
    removals = (Decision.objects.filter(decided_at__lt=cutoff)
                .filter(Q(action__in=REMOVING_ACTIONS) | Q(also_delete=True))
                .exclude(item_id__in=Redaction.objects.values("item_id"))
                .filter(item__findings__term=PERSONAL_DETAILS)
                .values_list("item_id", "terms").distinct())
    # JSON "contains" is not available on SQLite: the terms are checked here.
    return sorted({item for item, terms in removals if PERSONAL_DETAILS in (terms or [])})


def _due_comments() -> list[int]:
    """Comments (with their decisions) untouched for longer than the period, other than the
    evidence of a possible hate crime and those whose block is in force."""
    cutoff = _cutoff(RetentionRule.Kind.COMMENTS)
    if cutoff is None:
        return []
    old = set(Item.objects.filter(received_at__lt=cutoff)
              .annotate(last_decision=Max("decisions__decided_at"))
              .filter(Q(last_decision__isnull=True) | Q(last_decision__lt=cutoff))
              .values_list("pk", flat=True))
    if not old:
        return []
    return sorted(old - holdings.escalated_item_ids(old) - holdings.live_block_item_ids(old))


def preview() -> dict[str, int]:
    return due().counts()


@transaction.atomic
def run_retention() -> RetentionRun:
    """The daily job. Safe to run twice: a second run finds nothing left to do."""
    todo = due()
    counts = todo.counts()
    run = RetentionRun.objects.create(counts=counts)
    WebhookDelivery.objects.filter(pk__in=todo.webhook_deliveries).delete()
    for item in Item.objects.filter(pk__in=todo.redactions).prefetch_related("findings"):
        redact_personal_details(item, run=run)
    if todo.comments:
        counts.update(remove_comments(todo.comments))
    audit.record(None, "privacy.retention_run", run, **counts)
    return run


def redact_personal_details(item: Item, *, run=None, erasure=None) -> Redaction:
    """Replace each personal detail found in the text by its kind ("[phone]"), keeping every
    finding's place in the text; the record says which kinds went, never the details."""
    findings = sorted(item.findings.all(), key=lambda f: f.start)
    details = [(f.match, f.kind) for f in findings if f.term == PERSONAL_DETAILS]
    text, shift, kinds = item.text, 0, []
    for finding in findings:
        start, end = finding.start + shift, finding.end + shift
        if finding.term == PERSONAL_DETAILS:
            label = f"[{finding.kind}]"
            text = text[:start] + label + text[end:]
            shift += len(label) - (end - start)
            end = start + len(label)
            finding.match = label
            kinds.append(finding.kind)
        finding.start, finding.end = start, end
    Finding.objects.bulk_update(findings, ["start", "end", "match"])
    item.text = text
    for match, kind in details:  # the first text, kept when the author edited it
        item.original_text = item.original_text.replace(match, f"[{kind}]")
    item.save(update_fields=["text", "original_text"])
    return Redaction.objects.create(item_id=item.pk, run=run, erasure=erasure,
                                    kinds=sorted(set(kinds)))


def remove_comments(item_ids: list[int]) -> dict[str, int]:
    """Delete these comments with their findings, decisions, blocks and platform actions, and
    their authors once nothing of theirs is left. Decisions are append-only: a sanctioned
    removal, in the caller's transaction."""
    items = Item.objects.filter(pk__in=item_ids)
    author_ids = set(items.values_list("author_id", flat=True))
    for item in items.exclude(screenshot=""):
        item.screenshot.delete(save=False)
    with sanctioned_removal() as remove:
        counts = holdings.remove_queue_records(item_ids, remove)
        remove(Finding.objects.filter(item_id__in=item_ids))
        counts["comments_removed"] = remove(items)
        orphans = (Author.objects.filter(pk__in=author_ids, items__isnull=True,
                                         blocks__isnull=True))
        counts["authors_removed"] = remove(orphans)
    return counts
