"""What a moderator does in the queue: open (claim) an item, decide it under the policy's terms,
confirm what was done on the platform, unblock an author, reply privately, and the overdue alert.

Each function is one transaction and writes its audit record.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince

from accounts.models import User
from accounts.roles import Role
from core import audit
from core.models import Notice
from core.notices import notify

from .models import Item
from .platforms import connector_for
from .queue_models import Block, Claim, Decision, Escalation, PlatformAction
from .queue_selectors import overdue_items
from .terms import Characteristic, Term

DECIDABLE = [a for a in Decision.Action.values if a != Decision.Action.UNBLOCK]


class DecisionRefused(Exception):
    """A decision that cannot be taken as asked; the message says why. Nothing was changed."""


def _moderators():
    return User.objects.filter(
        roles__role=Role.MODERATOR, approval=User.Approval.APPROVED, is_active=True
    ).distinct()


def _hhmm(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "H:i")


@transaction.atomic
def open_item(item: Item, user) -> Claim:
    """Claim `item` for `user` for a few minutes, unless someone else has it open.

    Returns the claim that holds now: the caller's, or the other moderator's."""
    now = timezone.now()
    claim = Claim.objects.select_for_update().select_related("claimed_by").filter(item=item).first()
    if claim and claim.is_live(now) and claim.claimed_by_id != user.pk:
        return claim
    claim, _ = Claim.objects.update_or_create(
        item=item, defaults={"claimed_by": user, "claimed_until": now + Claim.length()}
    )
    return claim


@transaction.atomic
def release_item(item: Item, user) -> None:
    Claim.objects.filter(item=item, claimed_by=user).delete()


def _check_terms(terms: Iterable[str]) -> list[str]:
    terms = list(dict.fromkeys(terms))
    unknown = [t for t in terms if t not in Term.values]
    if unknown:
        raise DecisionRefused("That is not one of the policy's terms: " + ", ".join(unknown))
    return terms


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
    if action not in DECIDABLE:
        raise DecisionRefused("Choose one of the decisions offered.")
    terms = _check_terms(terms)
    characteristics = list(dict.fromkeys(characteristics))
    note = note.strip()
    report_reference = report_reference.strip()

    # The row lock serialises decisions on one item; the checks below run inside it.
    item = (
        Item.objects.select_for_update()
        .select_related("channel", "author")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise DecisionRefused("That comment no longer exists.")
    decisions = list(item.decisions.select_related("decided_by").order_by("decided_at", "pk"))
    latest = decisions[-1] if decisions else None
    if len(decisions) != seen:
        if latest is None:
            raise DecisionRefused("The page was out of date. Nothing was changed; look again.")
        if latest.decided_by_id == actor.pk:
            # Most often the same form sent twice (a double click, a resubmitted page).
            raise DecisionRefused(
                f"You already decided this comment ({latest.get_action_display().lower()}) "
                f"at {_hhmm(latest.decided_at)}. Nothing more was recorded."
            )
        raise DecisionRefused(
            f"{latest.decided_by} decided this comment ({latest.get_action_display().lower()}) "
            f"at {_hhmm(latest.decided_at)} while you had it open. Nothing was changed: "
            "read their decision below, and correct it if you must."
        )
    if latest is not None and corrects_id != latest.pk:
        raise DecisionRefused(
            "This comment has already been decided. To put it right, correct the latest decision."
        )
    if latest is None and corrects_id is not None:
        raise DecisionRefused("There is no decision on this comment to correct.")
    claim = Claim.objects.select_for_update().select_related("claimed_by").filter(item=item).first()
    if claim and claim.is_live() and claim.claimed_by_id != actor.pk:
        raise DecisionRefused(
            f"{claim.claimed_by} has this comment open until {_hhmm(claim.claimed_until)}. "
            "Nothing was changed; take another one."
        )

    decision = Decision(
        item=item,
        action=action,
        terms=terms,
        note=note,
        decided_by=actor,
        corrects=latest,
        also_delete=also_delete and action in (Decision.Action.REPORT, Decision.Action.ESCALATE),
        report_reference=report_reference if action == Decision.Action.REPORT else "",
    )
    if (decision.removes or decision.blocks) and not terms:
        raise DecisionRefused(
            f"{decision.get_action_display()}: cite at least one of the policy's terms. "
            "Nothing was changed."
        )
    if action == Decision.Action.REPORT and not report_reference:
        raise DecisionRefused(
            "Report to the platform: enter the reference the platform gave the report. "
            "Nothing was changed."
        )
    if action == Decision.Action.ESCALATE and (
        not characteristics or any(c not in Characteristic.values for c in characteristics)
    ):
        raise DecisionRefused(
            "Escalate: choose the protected characteristic(s) the comment is aimed at. "
            "Nothing was changed."
        )
    live_block = Block.objects.filter(author=item.author, lifted_by__isnull=True).first()
    if decision.blocks and live_block and (latest is None or live_block.decision_id != latest.pk):
        raise DecisionRefused(
            f"{item.author} is already blocked. Delete the comment instead. Nothing was changed."
        )
    decision.save()

    if live_block and latest is not None and live_block.decision_id == latest.pk:
        # A correction replaces the decision that made the block.
        live_block.lifted_by = decision
        live_block.save(update_fields=["lifted_by"])
    if decision.blocks:
        Block.objects.create(author=item.author, decision=decision)
    if action == Decision.Action.ESCALATE:
        _escalate(item, decision, characteristics, actor)
    _queue_platform_actions(item, decision, decision.platform_kinds())
    Claim.objects.filter(item=item).delete()
    audit.record(
        actor,
        "moderation.decide",
        item,
        decision=decision.pk,
        decided=action,
        terms=terms,
        note=note,
        corrects=latest.pk if latest else None,
        report_reference=report_reference,
        characteristics=characteristics if action == Decision.Action.ESCALATE else [],
    )
    return decision


def _escalate(item: Item, decision: Decision, characteristics: list[str], actor) -> Escalation:
    from .escalation_services import raise_escalation

    return raise_escalation(item=item, decision=decision, characteristics=characteristics,
                            note=decision.note, actor=actor)


def _queue_platform_actions(item: Item, decision: Decision, kinds: Iterable[str]) -> None:
    from .queue_tasks import carry_out_platform_action

    connector = connector_for(item.channel)
    for kind in kinds:
        platform_action = PlatformAction.objects.create(
            decision=decision, kind=kind, by_hand=connector is None
        )
        if connector is not None:
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
        raise DecisionRefused("That platform action does not exist.")
    if action.status == PlatformAction.Status.DONE:
        raise DecisionRefused("That was already confirmed as done.")
    now = timezone.now()
    action.status = PlatformAction.Status.DONE
    action.completed_at = now
    action.confirmed_by = actor
    action.save(update_fields=["status", "completed_at", "confirmed_by"])
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


@transaction.atomic
def unblock(block_id: int, actor, reason: str) -> Decision:
    """Lift a block. It is a decision like any other, with its reason."""
    reason = reason.strip()
    if not reason:
        raise DecisionRefused("Give the reason for unblocking. Nothing was changed.")
    block = (
        Block.objects.select_for_update()
        .select_related("author", "decision__item__channel")
        .filter(pk=block_id)
        .first()
    )
    if block is None or block.lifted_by_id is not None:
        raise DecisionRefused("That author is no longer blocked.")
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
        raise DecisionRefused("The reply is empty. Nothing was sent.")
    decision = Decision.objects.select_related("item__channel").filter(pk=decision_id).first()
    if decision is None or not decision.removes:
        raise DecisionRefused("A private reply follows a removal.")
    if PlatformAction.objects.filter(decision=decision, kind=PlatformAction.Kind.REPLY).exists():
        raise DecisionRefused("The reply for this decision is already on record.")
    connector = connector_for(decision.item.channel)
    now = timezone.now()
    reply = PlatformAction.objects.create(
        decision=decision,
        kind=PlatformAction.Kind.REPLY,
        by_hand=connector is None,
        status=PlatformAction.Status.PENDING if connector else PlatformAction.Status.DONE,
        completed_at=None if connector else now,
        confirmed_by=None if connector else actor,
        last_error="",
    )
    if connector is not None:
        from .queue_tasks import carry_out_platform_action

        carry_out_platform_action.delay_on_commit(reply.pk, reply_text=text)
    audit.record(
        actor,
        "moderation.reply",
        decision.item,
        decision=decision.pk,
        text=text,
        by_hand=connector is None,
    )
    return reply


def alert_overdue_items(now: datetime | None = None) -> int:
    """Tell the moderators, once per item, about comments on personal information or abuse
    that have waited longer than MODERATION_OVERDUE_MINUTES. Safe to run twice."""
    now = now or timezone.now()
    alerted = Notice.objects.filter(
        key=Concat(Value("item-"), Cast(OuterRef("pk"), CharField()), Value(":overdue"))
    )
    items = (
        overdue_items(now)
        .filter(~Exists(alerted))
        .select_related("channel", "author")
        .order_by("received_at")
    )
    moderators = list(_moderators())
    sent = 0
    for item in items:
        created = notify(
            moderators,
            key=f"item-{item.pk}:overdue",
            subject=(
                f"Overdue: a comment on {item.channel} has waited "
                f"{timesince(item.received_at, now)}"
            ),
            body=(
                f"A comment by {item.author} needs a decision: the policy asks the moderator to "
                "act promptly on personal information and abuse."
            ),
            url=reverse("moderation_item", args=[item.pk]),
        )
        sent += bool(created)
    return sent
