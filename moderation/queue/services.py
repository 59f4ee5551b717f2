"""What a moderator does in the queue: open (claim) an item, decide it under the policy's terms,
confirm what was done on the platform, unblock an author, reply privately.

Each function is one transaction and writes its audit record. `decide` checks what every
decision needs (the item, nobody else deciding meanwhile, the claim) and hands the decision to
the function for its kind, which checks what that kind needs and records it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from core import audit
from core.errors import Refused
from core.notices import settle
from escalations.services import raise_escalation

from ..meta.services import can_act
from ..models import Block, Claim, Decision, Item, PlatformAction
from ..tasks import carry_out_platform_action
from ..terms import Characteristic, Term
from .selectors import KEEP_AT_ONCE


def _hhmm(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "H:i")


@transaction.atomic
def open_item(item: Item, actor) -> Claim:
    """Claim `item` for `actor` for a few minutes, unless someone else has it open.

    Returns the claim that holds now: the caller's, or the other moderator's."""
    now = timezone.now()
    claim = Claim.objects.select_for_update().select_related("claimed_by").filter(item=item).first()
    if claim and claim.is_live(now) and claim.claimed_by_id != actor.pk:
        return claim
    claim, _ = Claim.objects.update_or_create(
        item=item, defaults={"claimed_by": actor, "claimed_until": now + Claim.length()}
    )
    return claim


@transaction.atomic
def release_item(item: Item, actor) -> None:
    Claim.objects.filter(item=item, claimed_by=actor).delete()


def _check_terms(terms: Iterable[str]) -> list[str]:
    terms = list(dict.fromkeys(terms))
    unknown = [t for t in terms if t not in Term.values]
    if unknown:
        raise Refused("That is not one of the policy's terms: " + ", ".join(unknown))
    return terms


@dataclass(frozen=True)
class Asked:
    """What the moderator asked for beyond the decision itself, and the author's live block."""

    report_reference: str
    characteristics: list[str]
    also_delete: bool
    live_block: Block | None


@transaction.atomic
def decide(
    *,
    item_id: int,
    actor,
    action: str,
    seen: int,
    terms: Iterable[str] = (),
    note: str = "",
    report_reference: str = "",
    characteristics: Iterable[str] = (),
    also_delete: bool = False,
    corrects_id: int | None = None,
) -> Decision:
    """Record one decision on one item, and queue what it asks of the platform.

    `seen` is how many decisions the moderator saw on the item when they chose: if that has
    changed, someone else decided meanwhile and this decision is refused, never lost over theirs.
    """
    if action not in DECIDE_BY_ACTION:
        raise Refused("Choose one of the decisions offered.")
    terms = _check_terms(terms)
    item, latest = _lock_undecided(item_id, actor, seen=seen, corrects_id=corrects_id)
    decision = Decision(
        item=item, action=action, terms=terms, note=note.strip(), decided_by=actor,
        corrects=latest,
    )
    asked = Asked(
        report_reference=report_reference.strip(),
        characteristics=list(dict.fromkeys(characteristics)),
        also_delete=also_delete,
        live_block=Block.objects.filter(author=item.author, lifted_by__isnull=True).first(),
    )
    DECIDE_BY_ACTION[action](decision, asked)
    # The first decision (or the first since an edit brought the item back) settles it; a
    # correction keeps the time it was first settled.
    Item.objects.filter(pk=item.pk, decided_at__isnull=True).update(
        decided_at=decision.decided_at)
    _queue_platform_actions(item, decision, decision.platform_kinds())
    Claim.objects.filter(item=item).delete()
    settle(f"item-{item.pk}:overdue")
    audit.record(
        actor,
        "moderation.decide",
        item,
        decision=decision.pk,
        decided=action,
        terms=terms,
        note=decision.note,
        corrects=latest.pk if latest else None,
        report_reference=asked.report_reference,
        characteristics=asked.characteristics if action == Decision.Action.ESCALATE else [],
    )
    return decision


def _lock_undecided(
    item_id: int, actor, *, seen: int, corrects_id: int | None
) -> tuple[Item, Decision | None]:
    """The item, locked, and its latest decision; refused if someone decided meanwhile, if a
    decided item is not being corrected, or if another moderator has it open."""
    # The row lock serialises decisions on one item; the checks below run inside it.
    item = (
        Item.objects.select_for_update()
        .select_related("channel", "author")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise Refused("That comment no longer exists.")
    decisions = list(item.decisions.select_related("decided_by").order_by("decided_at", "pk"))
    latest = decisions[-1] if decisions else None
    if len(decisions) != seen:
        if latest is None:
            raise Refused("The page was out of date. Nothing was changed; look again.")
        if latest.decided_by_id == actor.pk:
            # Most often the same form sent twice (a double click, a resubmitted page).
            raise Refused(
                f"You already decided this comment ({latest.get_action_display().lower()}) "
                f"at {_hhmm(latest.decided_at)}. Nothing more was recorded."
            )
        raise Refused(
            f"{latest.decided_by} decided this comment ({latest.get_action_display().lower()}) "
            f"at {_hhmm(latest.decided_at)} while you had it open. Nothing was changed: "
            "read their decision below, and correct it if you must."
        )
    if latest is not None and corrects_id != latest.pk:
        raise Refused(
            "This comment has already been decided. To put it right, correct the latest decision."
        )
    if latest is None and corrects_id is not None:
        raise Refused("There is no decision on this comment to correct.")
    claim = Claim.objects.select_for_update().select_related("claimed_by").filter(item=item).first()
    if claim and claim.is_live() and claim.claimed_by_id != actor.pk:
        raise Refused(
            f"{claim.claimed_by} has this comment open until {_hhmm(claim.claimed_until)}. "
            "Nothing was changed; take another one."
        )
    return item, latest


def _require_terms(decision: Decision) -> None:
    if (decision.removes or decision.blocks) and not decision.terms:
        raise Refused(
            f"{decision.get_action_display()}: cite at least one of the policy's terms. "
            "Nothing was changed."
        )


def _save(decision: Decision, asked: Asked) -> None:
    decision.save()
    block = asked.live_block
    if block is not None and decision.corrects_id == block.decision_id:
        # A correction replaces the decision that made the block.
        block.lifted_by = decision
        block.save(update_fields=["lifted_by"])


def _keep_or_hide(decision: Decision, asked: Asked) -> None:
    _save(decision, asked)


def _delete(decision: Decision, asked: Asked) -> None:
    _require_terms(decision)
    _save(decision, asked)


def _block(decision: Decision, asked: Asked) -> None:
    """Block the author (and, for block_delete, delete the comment)."""
    _require_terms(decision)
    if asked.live_block is not None and asked.live_block.decision_id != decision.corrects_id:
        raise Refused(
            f"{decision.item.author} is already blocked. Delete the comment instead. "
            "Nothing was changed."
        )
    _save(decision, asked)
    Block.objects.create(author=decision.item.author, decision=decision)


def _report(decision: Decision, asked: Asked) -> None:
    decision.also_delete = asked.also_delete
    decision.report_reference = asked.report_reference
    _require_terms(decision)
    if not decision.report_reference:
        raise Refused(
            "Report to the platform: enter the reference the platform gave the report. "
            "Nothing was changed."
        )
    _save(decision, asked)


def _escalate(decision: Decision, asked: Asked) -> None:
    decision.also_delete = asked.also_delete
    _require_terms(decision)
    characteristics = asked.characteristics
    if not characteristics or any(c not in Characteristic.values for c in characteristics):
        raise Refused(
            "Escalate: choose the protected characteristic(s) the comment is aimed at. "
            "Nothing was changed."
        )
    _save(decision, asked)
    raise_escalation(item=decision.item, decision=decision, characteristics=characteristics,
                     note=decision.note, actor=decision.decided_by)


DECIDE_BY_ACTION: dict[str, Callable[[Decision, Asked], None]] = {
    Decision.Action.KEEP: _keep_or_hide,
    Decision.Action.HIDE: _keep_or_hide,
    Decision.Action.DELETE: _delete,
    Decision.Action.BLOCK: _block,
    Decision.Action.BLOCK_DELETE: _block,
    Decision.Action.REPORT: _report,
    Decision.Action.ESCALATE: _escalate,
}


def _queue_platform_actions(item: Item, decision: Decision, kinds: Iterable[str]) -> None:
    """What the platform's API allows on a connected channel, the app does (after this
    transaction commits); the rest is a to-do for a person."""
    for kind in kinds:
        by_app = can_act(item.channel, kind)
        platform_action = PlatformAction.objects.create(
            decision=decision, kind=kind, by_hand=not by_app
        )
        if by_app:
            carry_out_platform_action.delay_on_commit(platform_action.pk)


@transaction.atomic
def confirm_done(platform_action_id: int, actor) -> PlatformAction:
    """The moderator has done it on the platform by hand."""
    action = (
        PlatformAction.objects.select_for_update()
        .select_related("decision__item")
        .filter(pk=platform_action_id)
        .first()
    )
    if action is None:
        raise Refused("That platform action does not exist.")
    if action.status == PlatformAction.Status.DONE:
        raise Refused("That was already confirmed as done.")
    now = timezone.now()
    action.status = PlatformAction.Status.DONE
    action.completed_at = now
    action.confirmed_by = actor
    action.save(update_fields=["status", "completed_at", "confirmed_by"])
    settle(f"platform-action-{action.pk}:overdue")
    if action.kind == PlatformAction.Kind.DELETE:
        Item.objects.filter(pk=action.decision.item_id, removed_on_platform_at__isnull=True).update(
            removed_on_platform_at=now
        )
    audit.record(
        actor,
        "moderation.platform_done",
        action.decision.item,
        kind=action.kind,
        platform_action=action.pk,
    )
    return action


@dataclass(frozen=True)
class Kept:
    """What a bulk keep did: the decisions recorded, and the comments left alone with why."""

    decisions: list[Decision]
    skipped: list[tuple[Item, str]]


@transaction.atomic
def keep_many(item_ids: Iterable[int], actor) -> Kept:
    """Keep each of the comments a moderator looked over on the Not flagged tab, each with its
    own decision through `decide`. A comment someone else has open, that was decided
    meanwhile, or that screening flagged is left alone and named in `skipped`."""
    item_ids = list(dict.fromkeys(item_ids))
    if not item_ids:
        raise Refused("Tick the comments to keep. Nothing was changed.")
    if len(item_ids) > KEEP_AT_ONCE:
        raise Refused(f"Keep at most {KEEP_AT_ONCE} comments at once. Nothing was changed.")
    items = Item.objects.select_related("author", "channel").in_bulk(item_ids)
    decisions: list[Decision] = []
    skipped: list[tuple[Item, str]] = []
    for item_id in item_ids:
        item = items.get(item_id)
        if item is None:
            continue
        if item.severity > 0:
            skipped.append((item, "screening flagged it: decide it on its own page"))
            continue
        try:
            decisions.append(decide(item_id=item_id, actor=actor, action=Decision.Action.KEEP,
                                    seen=0))
        except Refused as refusal:
            skipped.append((item, str(refusal)))
    audit.record(actor, "moderation.keep_many", None, kept=[d.item_id for d in decisions],
                 skipped=[item.pk for item, _ in skipped])
    return Kept(decisions, skipped)


@transaction.atomic
def unblock(block_id: int, actor, reason: str) -> Decision:
    """Lift a block. It is a decision like any other, with its reason."""
    reason = reason.strip()
    if not reason:
        raise Refused("Give the reason for unblocking. Nothing was changed.")
    block = (
        Block.objects.select_for_update()
        .select_related("author", "decision__item__channel")
        .filter(pk=block_id)
        .first()
    )
    if block is None or block.lifted_by_id is not None:
        raise Refused("That author is no longer blocked.")
    item = block.decision.item
    decision = Decision.objects.create(
        item=item,
        action=Decision.Action.UNBLOCK,
        note=reason,
        decided_by=actor,
        terms=block.decision.terms,
    )
    block.lifted_by = decision
    block.save(update_fields=["lifted_by"])
    _queue_platform_actions(item, decision, decision.platform_kinds())
    audit.record(actor, "moderation.unblock", block.author, decision=decision.pk, reason=reason)
    return decision


@transaction.atomic
def send_reply(decision_id: int, actor, text: str) -> PlatformAction:
    """Reply privately after a removal: through the platform when it can be reached,
    otherwise the moderator sends the copied text by hand and this records that they did."""
    text = text.strip()
    if not text:
        raise Refused("The reply is empty. Nothing was sent.")
    decision = Decision.objects.select_related("item__channel").filter(pk=decision_id).first()
    if decision is None or not decision.removes:
        raise Refused("A private reply follows a removal.")
    if PlatformAction.objects.filter(decision=decision, kind=PlatformAction.Kind.REPLY).exists():
        raise Refused("The reply for this decision is already on record.")
    by_app = can_act(decision.item.channel, PlatformAction.Kind.REPLY)
    now = timezone.now()
    reply = PlatformAction.objects.create(
        decision=decision,
        kind=PlatformAction.Kind.REPLY,
        by_hand=not by_app,
        reply_text=text if by_app else "",
        status=PlatformAction.Status.PENDING if by_app else PlatformAction.Status.DONE,
        completed_at=None if by_app else now,
        confirmed_by=None if by_app else actor,
        last_error="",
    )
    if by_app:
        carry_out_platform_action.delay_on_commit(reply.pk)
    audit.record(
        actor,
        "moderation.reply",
        decision.item,
        decision=decision.pk,
        text=text,
        by_hand=not by_app,
    )
    return reply
