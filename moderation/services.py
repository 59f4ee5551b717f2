"""Everything that changes moderation state on the way in: comments arriving, being screened,
edited or removed on the platform, and the word lists that screening uses."""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import audit

from .models import Author, Channel, Finding, Item, ScreeningWord
from .screener import current_screener, word_lists_changed

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
) -> tuple[Item, bool]:
    """Store one comment and screen it at once. The same comment (channel + platform id)
    delivered again returns the item already stored and `created` False."""
    existing = Item.objects.filter(channel=channel, platform_item_id=platform_item_id).first()
    if existing is not None:
        return existing, False
    author = _author(channel, author_id or author_name, author_name)
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
    )
    if screenshot:
        item.screenshot = screenshot
    try:
        # A savepoint, so that losing a race to a concurrent delivery of the same comment
        # leaves this transaction usable for reading the winner's row.
        with transaction.atomic():
            item.save()
    except IntegrityError:
        return Item.objects.get(channel=channel, platform_item_id=platform_item_id), False
    screen_item(item)
    return item, True


@transaction.atomic
def screen_item(item: Item) -> list[Finding]:
    """(Re-)screen an item with the current word lists: its findings are replaced and its
    severity is the highest of theirs (0 when clean)."""
    found = current_screener().screen(item.text)
    item.findings.all().delete()
    findings = Finding.objects.bulk_create(
        Finding(
            item=item,
            term=f.term,
            kind=f.kind,
            match=f.match[:MAX_MATCH_LENGTH],
            start=f.start,
            end=f.end,
            severity=f.severity,
            characteristic=f.characteristic or "",
        )
        for f in found
    )
    item.severity = max((f.severity for f in found), default=0)
    item.screened_at = timezone.now()
    item.save(update_fields=["severity", "screened_at"])
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
    item.text = text
    item.edited_at = edited_at
    item.save(update_fields=["text", "original_text", "edited_at"])
    screen_item(item)
    return item, False


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
    from .screening import default_wordlists

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
