"""Everything that changes moderation state on the way in: comments arriving, being screened,
edited or removed on the platform, and the word lists that screening uses."""

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from core import audit
from core.errors import Refused
from safeguarding.services import raise_concern

from ..models import (
    TERM_FIELDS,
    Author,
    Channel,
    Finding,
    Item,
    ScreeningWord,
    WebhookDelivery,
    generate_webhook_secret,
)
from .screener import current_screener, one_screener, word_lists_changed
from .webhooks import BodyError, parse_channel_body, parse_meta_body

log = logging.getLogger(__name__)

MAX_MATCH_LENGTH = Finding._meta.get_field("match").max_length


def _author(channel: Channel, author_id: str, author_name: str) -> Author:
    author, created = Author.objects.get_or_create(
        channel=channel, platform_author_id=author_id, defaults={"name": author_name}
    )
    if not created and author_name and author.name != author_name:
        author.name = author_name
        author.save(update_fields=["name"])
    return author


@transaction.atomic
def ingest(
    channel: Channel,
    *,
    platform_item_id: str,
    author_id: str,
    author_name: str,
    text: str,
    permalink: str = "",
    posted_at: datetime,
    source: str,
    parent_post_id: str = "",
    logged_by=None,
    note: str = "",
    screenshot=None,
    received_at: datetime | None = None,
) -> tuple[Item, bool]:
    """Store one comment and screen it at once. The same comment (channel + platform id)
    delivered again returns the item already stored and `created` False. `received_at` is when
    its delivery arrived (the overdue clock starts there); now when not given."""
    existing = Item.objects.filter(channel=channel, platform_item_id=platform_item_id).first()
    if existing is not None:
        return existing, False
    author = _author(channel, author_id or author_name or "unknown", author_name)
    # Screened before it is stored, so the item never exists unscreened and one INSERT
    # carries its severity.
    found = current_screener().screen(text)
    item = Item(
        channel=channel,
        platform_item_id=platform_item_id,
        author=author,
        text=text,
        permalink=permalink,
        parent_post_id=parent_post_id,
        posted_at=posted_at,
        source=source,
        logged_by=logged_by,
        note=note,
        received_at=received_at or timezone.now(),
    )
    _mark_screened(item, found)
    if screenshot:
        item.screenshot = screenshot
    try:
        # A savepoint, so that losing a race to a concurrent delivery of the same comment
        # leaves this transaction usable for reading the winner's row.
        with transaction.atomic():
            item.save()
    except IntegrityError:
        return Item.objects.get(channel=channel, platform_item_id=platform_item_id), False
    _store_findings(item, found)
    raise_concern(item, [f.kind for f in found])
    return item, True


def _mark_screened(item: Item, found: list, at: datetime | None = None) -> None:
    """What screening found, on the item: its severity (the highest of its findings, 0 when
    clean), when it was screened, and the policy terms the findings fall under."""
    item.severity = max((f.severity for f in found), default=0)
    item.screened_at = at or timezone.now()
    item.set_terms(found)


def _store_findings(item: Item, found: list) -> list[Finding]:
    return Finding.objects.bulk_create(_finding(item, f) for f in found)


def _finding(item: Item, f) -> Finding:
    return Finding(
        item=item,
        term=f.term,
        kind=f.kind,
        match=f.match[:MAX_MATCH_LENGTH],
        start=f.start,
        end=f.end,
        severity=f.severity,
        characteristic=f.characteristic or "",
    )


@transaction.atomic
def screen_item(item: Item) -> list[Finding]:
    """(Re-)screen an item with the current word lists: its findings are replaced and its
    severity is the highest of theirs (0 when clean)."""
    found = current_screener().screen(item.text)
    item.findings.all().delete()
    findings = _store_findings(item, found)
    _mark_screened(item, found)
    item.save(update_fields=["severity", "screened_at", *TERM_FIELDS])
    raise_concern(item, [f.kind for f in found])
    return findings


@transaction.atomic
def record_edit(
    channel: Channel,
    *,
    platform_item_id: str,
    text: str,
    edited_at: datetime,
    **comment,
) -> tuple[Item, bool]:
    """The author changed a comment on the platform: keep the first text, store the new one
    and screen it again. An edit of a comment never seen is stored as a new item."""
    item = (
        Item.objects.select_for_update()
        .filter(channel=channel, platform_item_id=platform_item_id)
        .first()
    )
    if item is None:
        item, created = ingest(
            channel, platform_item_id=platform_item_id, text=text, **comment
        )
        if not created:
            return record_edit(
                channel, platform_item_id=platform_item_id, text=text, edited_at=edited_at,
                **comment,
            )
        item.edited_at = edited_at
        item.save(update_fields=["edited_at"])
        return item, True
    if item.text == text:
        return item, False
    if not item.original_text:
        item.original_text = item.text
    earlier = item.text
    item.text = text
    item.edited_at = edited_at
    item.save(update_fields=["text", "original_text", "edited_at"])
    if screen_item(item) and item.decisions.exists():
        _reopen(item, earlier)
    return item, False


def _reopen(item: Item, earlier: str) -> None:
    """An edit after a decision that screening now flags: back to the queue, marked, with the
    text the decision was made on, and its clock started again. A second edit before anyone
    decides again keeps the first reopening's clock and decided text."""
    if not item.is_settled:
        return
    item.reopened_at = timezone.now()
    item.decided_text = earlier
    item.decided_at = None  # waiting again, in the queue's index of waiting items
    item.save(update_fields=["reopened_at", "decided_text", "decided_at"])
    audit.record(None, "moderation.reopened_after_edit", item, severity=item.severity)


@transaction.atomic
def record_removal(channel: Channel, *, platform_item_id: str, removed_at: datetime) -> Item | None:
    """The comment was removed on the platform (by its author or the page). Kept here, marked."""
    updated = Item.objects.filter(
        channel=channel, platform_item_id=platform_item_id, removed_on_platform_at__isnull=True
    ).update(removed_on_platform_at=removed_at)
    item = Item.objects.filter(channel=channel, platform_item_id=platform_item_id).first()
    if item is None:
        log.info("Removal of comment %s on %s, which was never received", platform_item_id,
                 channel)
    elif not updated:
        log.info("Removal of comment %s on %s already recorded", platform_item_id, channel)
    return item


# --- webhook deliveries -------------------------------------------------------------------

# The database is not there (or the connection broke): nothing about the comment is wrong, so
# the whole delivery is tried again later (the task's autoretry, then the sweep).
DATABASE_DOWN = (OperationalError, InterfaceError)
# A delivery still waiting this long lost its task (broker or worker down): the sweep takes it.
WAITING_AFTER = timedelta(seconds=30)
MAX_ERROR_LINES = 20


def process_delivery(delivery_id: int) -> int:
    """Turn a stored, verified webhook body into items, comment by comment: each in its own
    savepoint, so one that cannot be stored never takes another with it. A comment that fails
    marks the delivery failed with its error (shown to the moderators, who retry it); the others
    are stored. Safe to run twice, and at once from a task and the sweep: a delivery processed,
    failed or being processed elsewhere is skipped, and a comment already stored is not stored
    again (so a retry redoes only what failed). Returns the number of items created."""
    return _process(delivery_id) or 0


def _process(delivery_id: int) -> int | None:
    """process_delivery; None when the delivery was not taken (done, failed, or locked)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("channel")
            .filter(pk=delivery_id, processed_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if delivery is None:
            return None
        failures: list[str] = []
        try:
            if delivery.kind == WebhookDelivery.Kind.META:
                created = _process_meta(delivery, failures)
            else:
                created = _process_channel(delivery, failures)
        except DATABASE_DOWN:
            raise
        except Exception as exc:
            log.exception("Webhook delivery %s could not be read", delivery.pk)
            created, failures = 0, [f"The delivery could not be read: {_describe(exc)}"]
        delivery.items_created += created
        now = timezone.now()
        if failures:
            log.error("Webhook delivery %s: %d comment(s) could not be stored",
                      delivery.pk, len(failures))
            delivery.failed_at = now
            shown = failures[:MAX_ERROR_LINES]
            if len(failures) > len(shown):
                shown.append(f"… and {len(failures) - len(shown)} more.")
            delivery.error = "\n".join(shown)
        else:
            delivery.processed_at = now
            delivery.error = ""
        delivery.save(update_fields=["processed_at", "failed_at", "items_created", "error"])
    return created


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc)[:300]}"


def _each_comment(label: str, failures: list[str], store: Callable[[], int]) -> int:
    """Run `store` for one comment in a savepoint; a failure is kept in `failures`, and 0
    returned, unless the database itself is gone."""
    try:
        with transaction.atomic():
            return store()
    except DATABASE_DOWN:
        raise
    except Exception as exc:
        log.exception("Webhook comment %s could not be stored", label)
        failures.append(f"Comment {label}: {_describe(exc)}")
        return 0


def _process_channel(delivery: WebhookDelivery, failures: list[str]) -> int:
    try:
        comments, errors = parse_channel_body(delivery.body.encode(), delivery.received_at)
    except BodyError as exc:
        # The view refused bad bodies before storing; this one changed or the rules did.
        failures.append(f"The body cannot be read: {exc}")
        return 0
    for error in errors:
        failures.append(f"Comment {error.id!r} (number {error.index + 1}): {error.errors}")
    return _ingest_batch(delivery, delivery.channel, comments, Item.Source.JSON_WEBHOOK,
                         failures)


def _ingest_batch(delivery: WebhookDelivery, channel: Channel, comments: list,
                  source: str, failures: list[str]) -> int:
    """Store new comments with a few set-based writes (ingest_many); if the batch fails, one
    by one, so that only the comment at fault is left out."""
    try:
        with transaction.atomic():
            return ingest_many(channel, comments, source=source,
                               received_at=delivery.received_at)
    except DATABASE_DOWN:
        raise
    except Exception:
        log.warning("Webhook delivery %s: the batch could not be stored at once; storing its "
                    "comments one by one", delivery.pk, exc_info=True)
    created = 0
    for comment in comments:
        created += _each_comment(repr(comment.platform_item_id), failures, lambda c=comment: ingest(
            channel, source=source, received_at=delivery.received_at, **c.as_kwargs(),
        )[1])
    return created


def ingest_many(channel: Channel, comments: list, *, source: str,
                received_at: datetime) -> int:
    """What `ingest` does for each comment, for many at once: their authors found or made
    together, the new items in one INSERT, their findings in another, and the same safeguarding
    hook for each item. Comments already stored (or repeated in the batch) are skipped. Raises
    if any row cannot be stored (the caller falls back to `ingest`, one by one)."""
    fresh: dict[str, object] = {}
    for comment in comments:
        fresh.setdefault(comment.platform_item_id, comment)
    for start in range(0, len(fresh), 500):
        ids = list(fresh)[start:start + 500]
        for stored in Item.objects.filter(channel=channel, platform_item_id__in=ids).values_list(
            "platform_item_id", flat=True
        ):
            fresh.pop(stored, None)
    if not fresh:
        return 0
    authors = _authors(channel, {
        (c.author_id or c.author_name or "unknown"): c.author_name for c in fresh.values()
    })
    screener = current_screener()
    now = timezone.now()
    items, found_for = [], []
    for comment in fresh.values():
        found = screener.screen(comment.text)
        item = Item(
            channel=channel,
            platform_item_id=comment.platform_item_id,
            author=authors[comment.author_id or comment.author_name or "unknown"],
            text=comment.text,
            permalink=comment.permalink,
            parent_post_id=comment.parent_post_id,
            posted_at=comment.posted_at,
            source=source,
            note=comment.note,
            received_at=received_at,
        )
        _mark_screened(item, found, now)
        items.append(item)
        found_for.append(found)
    Item.objects.bulk_create(items)
    Finding.objects.bulk_create(
        _finding(item, f) for item, found in zip(items, found_for, strict=True) for f in found
    )
    for item, found in zip(items, found_for, strict=True):
        if found:
            raise_concern(item, [f.kind for f in found])
    return len(items)


def _authors(channel: Channel, names: dict[str, str]) -> dict[str, Author]:
    """The channel's authors with these platform ids ({id: name}), made when new; a name that
    changed is updated, as `_author` does for one."""
    wanted = list(names)
    Author.objects.bulk_create(
        [Author(channel=channel, platform_author_id=pid, name=names[pid]) for pid in wanted],
        ignore_conflicts=True,
    )
    found = {a.platform_author_id: a for a in Author.objects.filter(
        channel=channel, platform_author_id__in=wanted)}
    renamed = []
    for pid, author in found.items():
        if names[pid] and author.name != names[pid]:
            author.name = names[pid]
            renamed.append(author)
    if renamed:
        Author.objects.bulk_update(renamed, ["name"])
    return found


def _process_meta(delivery: WebhookDelivery, failures: list[str]) -> int:
    now = timezone.now()
    changes = parse_meta_body(delivery.body, delivery.received_at)
    accounts = {(c.platform, c.account_id) for c in changes}
    channels = {
        (ch.platform, ch.platform_account_id): ch
        for ch in Channel.objects.filter(
            platform__in={p for p, _ in accounts},
            platform_account_id__in={a for _, a in accounts},
            active=True,
        )
    }
    known = []
    for change in changes:
        channel = channels.get((change.platform, change.account_id))
        if channel is None:
            log.info("Meta webhook: no active %s channel for account %s; comment %s ignored",
                     change.platform, change.account_id, change.comment.platform_item_id)
        else:
            known.append((channel, change))
    if all(change.verb == "add" for _, change in known):
        # New comments only (the usual delivery): stored together, channel by channel.
        by_channel: dict[Channel, list] = {}
        for channel, change in known:
            by_channel.setdefault(channel, []).append(change.comment)
        return sum(
            _ingest_batch(delivery, channel, comments, Item.Source.META_WEBHOOK, failures)
            for channel, comments in by_channel.items()
        )
    created = 0
    for channel, change in known:
        created += _each_comment(
            repr(change.comment.platform_item_id), failures,
            lambda change=change, channel=channel: _meta_change(
                delivery, channel, change.verb, change.comment, now),
        )
    return created


def _meta_change(delivery: WebhookDelivery, channel: Channel, verb: str, comment, now) -> int:
    if verb == "remove":
        record_removal(channel, platform_item_id=comment.platform_item_id, removed_at=now)
        return 0
    if verb == "edited":
        return record_edit(
            channel, edited_at=now, source=Item.Source.META_WEBHOOK,
            received_at=delivery.received_at, **comment.as_kwargs(),
        )[1]
    return ingest(channel, source=Item.Source.META_WEBHOOK, received_at=delivery.received_at,
                  **comment.as_kwargs())[1]


def process_waiting_deliveries(
    budget_seconds: float = 50, older_than: timedelta = WAITING_AFTER
) -> int:
    """Process, oldest first, every delivery still waiting `older_than` after it arrived (the
    sweep: its task was lost, or never sent while the broker was down; a delivery's own task:
    the deliveries that arrived while it was on its way), for up to `budget_seconds`; what is
    left is taken by the next run. Returns how many deliveries it processed."""
    deadline = time.monotonic() + budget_seconds
    waiting = WebhookDelivery.objects.filter(
        processed_at__isnull=True, failed_at__isnull=True,
        received_at__lte=timezone.now() - older_than,
    ).order_by("received_at", "pk")
    processed = 0
    last = None
    while time.monotonic() < deadline:
        rows = waiting
        if last is not None:
            rows = rows.filter(Q(received_at__gt=last[0]) | Q(received_at=last[0], pk__gt=last[1]))
        batch = list(rows.values_list("received_at", "pk")[:100])
        if not batch:
            break
        for last in batch:
            if time.monotonic() >= deadline:
                break
            processed += _process(last[1]) is not None
    if processed and older_than:
        log.warning("Processed %d webhook deliveries whose task had not run", processed)
    return processed


# Single deliveries are gathered so that one task carries many: while a delivery task is on its
# way (this key is set), a new delivery sends none, and the task takes every delivery waiting
# when it starts. The key lives in the shared cache (Redis), so only with Redis; it expires in
# case the task never starts (and the sweep then takes what waits).
TASK_ON_ITS_WAY = "moderation:delivery-task-on-its-way"
TASK_ON_ITS_WAY_SECONDS = 10


def needs_a_task() -> bool:
    """Whether a new delivery must send a task of its own (False: one on its way takes it)."""
    if not settings.REDIS_URL:
        return True  # no shared cache between the web and the worker: one task each
    return cache.add(TASK_ON_ITS_WAY, 1, timeout=TASK_ON_ITS_WAY_SECONDS)


def task_not_on_its_way() -> None:
    """The task could not be sent (broker down): no delivery may count on it."""
    if settings.REDIS_URL:
        cache.delete(TASK_ON_ITS_WAY)


def process_delivery_and_the_rest(delivery_id: int, budget_seconds: float = 20) -> int:
    """A delivery's task: this delivery, then every other one waiting (oldest first), which
    sent no task because this one was on its way. The key is cleared first, so a delivery
    stored from now on either is seen here or sends a task of its own."""
    task_not_on_its_way()
    with one_screener():
        created = process_delivery(delivery_id)
        process_waiting_deliveries(budget_seconds, older_than=timedelta(0))
    return created


def retry_delivery(actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """A moderator retries a failed delivery: the comments already stored stay as they are,
    the others are tried again. Returns the delivery as it is now."""
    with transaction.atomic():
        if not WebhookDelivery.objects.filter(pk=delivery.pk, failed_at__isnull=False).update(
            failed_at=None
        ):
            raise Refused("This delivery is not waiting for a retry: someone retried it "
                          "already.")
        audit.record(actor, "moderation.delivery_retried", delivery, kind=delivery.kind)
    process_delivery(delivery.pk)
    delivery.refresh_from_db()
    return delivery


# --- what moderators do ---------------------------------------------------------------------

@transaction.atomic
def create_channel(actor, *, platform: str, name: str, platform_account_id: str = "",
                   active: bool = True, social_account=None) -> Channel:
    channel = Channel.objects.create(platform=platform, name=name,
                                     platform_account_id=platform_account_id, active=active,
                                     social_account=social_account)
    audit.record(actor, "moderation.channel_created", channel, platform=platform,
                 platform_account_id=platform_account_id,
                 social_account=social_account.pk if social_account else None)
    return channel


@transaction.atomic
def rotate_webhook_secret(actor, channel: Channel) -> str:
    """A new secret for the channel's signed webhook; the old one stops working at once."""
    channel.webhook_secret = generate_webhook_secret()
    channel.save(update_fields=["webhook_secret"])
    audit.record(actor, "moderation.channel_secret_rotated", channel)
    return channel.webhook_secret


def already_stored(channel: Channel, platform_item_ids: list[str]) -> set[str]:
    """Which of these comment ids the channel has already (for the import preview)."""
    found: set[str] = set()
    for start in range(0, len(platform_item_ids), 500):
        found.update(Item.objects.filter(
            channel=channel, platform_item_id__in=platform_item_ids[start:start + 500]
        ).values_list("platform_item_id", flat=True))
    return found


@transaction.atomic
def import_comments(actor, channel: Channel, rows: Iterable[dict], *, filename: str = ""
                    ) -> tuple[int, int]:
    """Store the good rows of a previewed CSV export; rows already stored are skipped.
    Returns (created, already there)."""
    created = skipped = 0
    for row in rows:
        _, was_created = ingest(
            channel,
            platform_item_id=row["id"],
            author_id=row["author_id"] or row["author"],
            author_name=row["author"],
            text=row["text"],
            permalink=row["permalink"],
            posted_at=datetime.fromisoformat(row["posted_at"]),
            source=Item.Source.CSV_IMPORT,
            logged_by=actor,
        )
        created += was_created
        skipped += not was_created
    audit.record(actor, "moderation.comments_imported", channel, filename=filename,
                 created=created, already_there=skipped)
    return created, skipped


@transaction.atomic
def log_comment(
    actor,
    channel: Channel,
    *,
    author_name: str,
    text: str,
    posted_at: datetime,
    platform_item_id: str = "",
    author_id: str = "",
    permalink: str = "",
    note: str = "",
    screenshot=None,
) -> tuple[Item, bool]:
    """A moderator logs a comment seen elsewhere. Without the platform's own id it gets one
    of its own, so it can never collide with a delivered comment."""
    item, created = ingest(
        channel,
        platform_item_id=platform_item_id or f"manual-{uuid.uuid4().hex}",
        author_id=author_id or author_name,
        author_name=author_name,
        text=text,
        permalink=permalink,
        posted_at=posted_at,
        source=Item.Source.MANUAL,
        logged_by=actor,
        note=note,
        screenshot=screenshot,
    )
    if created:
        audit.record(actor, "moderation.comment_logged", item, channel=channel.pk,
                     screenshot=bool(screenshot))
    return item, created


# --- word lists ---------------------------------------------------------------------------

@transaction.atomic
def add_screening_word(actor, *, list: str, text: str, characteristic: str = "") -> ScreeningWord:
    word = ScreeningWord.objects.create(
        list=list, text=text, characteristic=characteristic, added_by=actor
    )
    audit.record(actor, "moderation.screening_word_added", word, list=list, text=text,
                 characteristic=characteristic)
    return word


@transaction.atomic
def remove_screening_word(actor, word: ScreeningWord) -> None:
    audit.record(actor, "moderation.screening_word_removed", word, list=word.list,
                 text=word.text, characteristic=word.characteristic)
    word.delete()


@transaction.atomic
def restore_default_screening_words(actor) -> int:
    """Add back any default entry that is missing; moderators' own additions stay."""
    from screening import default_wordlists

    rows = {
        (name, text): characteristic or ""
        for name, characteristic, text in default_wordlists().entries()
    }
    existing = set(ScreeningWord.objects.values_list("list", "text"))
    created = ScreeningWord.objects.bulk_create(
        [
            ScreeningWord(list=name, text=text, characteristic=characteristic, added_by=actor)
            for (name, text), characteristic in rows.items()
            if (name, text) not in existing
        ],
        ignore_conflicts=True,
    )
    if created:
        audit.record(actor, "moderation.screening_words_restored", None, added=len(created))
        transaction.on_commit(word_lists_changed)
    return len(created)
