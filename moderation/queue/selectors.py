"""The reads behind the moderator's pages. Each page's queries are fixed in number, and each
reads about as much at a million comments as at a thousand: waiting items come from a partial
index of the waiting ones (Item.decided_at), rows by index order, related rows with
select_related / prefetch_related, and counts stop at "99+" (core.counts)."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import counts as counting
from core.counts import CappedPage, capped_count, capped_page

from ..models import (
    PROMPT_SEVERITY,
    Author,
    Block,
    Channel,
    Decision,
    Item,
    PlatformAction,
    ReplyTemplate,
    term_field,
)
from ..platforms import reporting_guidance
from ..terms import Term
from .by_hand import steps_for

PAGE_SIZE = 25
# A bulk keep covers a page or a few; more at once is not a look-over any more.
KEEP_AT_ONCE = 100
TABS = {"flagged": "Flagged", "clean": "Not flagged", "decided": "Decided"}
AUTHOR_HISTORY = 10


def overdue_after() -> timedelta:
    return timedelta(minutes=getattr(settings, "MODERATION_OVERDUE_MINUTES", 60))


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


@dataclass(frozen=True)
class QueueFilter:
    """The tab and filters of the queue, carried from page to page in the query string.
    Anything unrecognised is ignored rather than trusted."""

    tab: str = "flagged"
    channel: int | None = None
    term: str = ""
    author: int | None = None

    @classmethod
    def from_params(cls, params) -> "QueueFilter":
        tab = params.get("tab", "")
        term = params.get("term", "")
        return cls(
            tab=tab if tab in TABS else "flagged",
            channel=_int(params.get("channel")),
            term=term if term in Term.values else "",
            author=_int(params.get("author")),
        )

    def params(self, **changes) -> dict:
        values = replace(self, **changes)
        pairs = {
            "tab": values.tab,
            "channel": values.channel,
            "term": values.term,
            "author": values.author,
        }
        return {k: v for k, v in pairs.items() if v and not (k == "tab" and v == "flagged")}

    def querystring(self, **changes) -> str:
        return urlencode(self.params(**changes))


def _prompt() -> Q:
    """Items about personal information or abuse: policy §4.1's "act promptly". Every finding
    under those terms is of high severity (a test keeps it so), so the severity says it and the
    index of waiting items finds them."""
    return Q(severity__gte=PROMPT_SEVERITY)


def filtered_items(f: QueueFilter) -> QuerySet[Item]:
    items = Item.objects.all()
    if f.channel:
        items = items.filter(channel_id=f.channel)
    if f.author:
        items = items.filter(author_id=f.author)
    if f.term:
        # The item's own mark of the term, which an index of that term's waiting items holds.
        items = items.filter(**{term_field(f.term): True})
    return items


def _in_tab(items: QuerySet[Item], tab: str) -> QuerySet[Item]:
    if tab == "decided":
        return items.filter(decided_at__isnull=False)
    items = items.filter(decided_at__isnull=True)
    return items.filter(severity__gt=0) if tab == "flagged" else items.filter(severity=0)


def tab_items(f: QueueFilter) -> QuerySet[Item]:
    """The items of one tab: waiting ones most urgent first (severity, then the longest
    waiting), decided ones newest first."""
    if f.term and f.tab == "clean":
        # Not flagged means screening found nothing: no comment there has a finding under any
        # term, so there is nothing to look through.
        return Item.objects.none()
    items = _in_tab(filtered_items(f), f.tab)
    if f.tab == "decided":
        return items.order_by("-received_at", "-pk")
    return items.order_by("-severity", "received_at", "pk")


def undecided_items() -> QuerySet[Item]:
    return Item.objects.filter(decided_at__isnull=True)


def overdue_items(now: datetime | None = None, limits: int = 1) -> QuerySet[Item]:
    """Undecided items on personal information or abuse waiting longer than `limits` times the
    limit, counted from arrival or from the edit that brought them back."""
    cutoff = (now or timezone.now()) - overdue_after() * limits
    waited = Q(reopened_at__isnull=True, received_at__lt=cutoff) | Q(reopened_at__lt=cutoff)
    return undecided_items().filter(_prompt(), waited).order_by("received_at")


def tab_counts(f: QueueFilter) -> dict[str, int]:
    """How many items each tab holds under the filters, counted up to "99+": one query a tab,
    each reading an index in order and stopping after a hundred matches."""
    return {tab: capped_count(tab_items(replace(f, tab=tab))) for tab in TABS}


def waiting_summary(now: datetime | None = None) -> dict:
    """For the home page: how many wait (up to "99+"), since when, and how many are overdue.
    Three queries, each reading a few entries of the index of waiting items."""
    now = now or timezone.now()
    oldest = (undecided_items().annotate(since=Coalesce("reopened_at", "received_at"))
              .order_by("since").values_list("since", flat=True))
    return {
        "waiting": capped_count(undecided_items().order_by("received_at")),
        "oldest": oldest.first(),
        "overdue": capped_count(overdue_items(now)),
    }


def _with_rows(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related("channel", "author", "claim__claimed_by").prefetch_related(
        "findings",
        Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
    ).annotate(
        author_blocked=Exists(
            Block.objects.filter(author=OuterRef("author"), lifted_by__isnull=True)
        ),
    )


def annotate_authors(items: list[Item]) -> None:
    """Set .author_others (how many other items each row's author has, up to "99+") in one
    query for the page: each author's items counted by index, no further than the cap."""
    authors = Author.objects.filter(pk__in={item.author_id for item in items}).annotate(
        items_count=RawSQL(
            "SELECT COUNT(*) FROM (SELECT 1 FROM moderation_item mine "
            "WHERE mine.author_id = moderation_author.id LIMIT %s) capped",
            (counting.CAP + 2,),  # the row's own item and "99+" others
        )
    )
    counts = dict(authors.values_list("pk", "items_count"))
    for item in items:
        item.author_others = counts.get(item.author_id, 1) - 1


def annotate_promptness(items, now: datetime | None = None) -> None:
    """Set .is_prompt, .is_overdue and .age on rows whose findings and decisions are loaded."""
    now = now or timezone.now()
    limit = overdue_after()
    for item in items:
        item.age = now - item.waiting_since
        item.is_prompt = item.severity >= PROMPT_SEVERITY
        item.is_overdue = item.is_prompt and item.decided_at is None and item.age > limit


@dataclass
class QueuePage:
    filter: QueueFilter
    page: CappedPage
    counts: dict[str, int]
    channels: list[Channel]


def queue_page(f: QueueFilter, page_number, now: datetime | None = None) -> QueuePage:
    counts = tab_counts(f)
    page = capped_page(_with_rows(tab_items(f)), page_number, counts[f.tab], PAGE_SIZE)
    annotate_promptness(page.object_list, now)
    annotate_authors(page.object_list)
    return QueuePage(f, page, counts, list(Channel.objects.order_by("platform", "name")))


def item_detail(pk: int) -> Item | None:
    return (
        Item.objects.select_related(
            "channel__meta_connection", "author", "claim__claimed_by", "logged_by",
            "safeguarding_concern__lead",
        )
        .prefetch_related(
            "findings",
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related(
                    "decided_by", "escalation", "block", "lifted_block"
                ).prefetch_related(
                    Prefetch(
                        "platform_actions",
                        queryset=PlatformAction.objects.select_related("confirmed_by"),
                    )
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def author_history(item: Item) -> dict:
    """The author's other items (latest first) with their decisions, and any live block."""
    others = list(
        Item.objects.filter(author_id=item.author_id)
        .exclude(pk=item.pk)
        .select_related("channel")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by"))
        )
        .order_by("-received_at", "-pk")[:AUTHOR_HISTORY]
    )
    block = (
        Block.objects.filter(author_id=item.author_id, lifted_by__isnull=True)
        .select_related("decision__decided_by")
        .first()
    )
    total = capped_count(
        Item.objects.filter(author_id=item.author_id).exclude(pk=item.pk).order_by()
    )
    return {"items": others, "block": block, "total": total}


def neighbours(item: Item, f: QueueFilter) -> tuple[Item | None, Item | None]:
    """The items before and after `item` in its queue tab, for j/k. Each is looked for as a
    range of the tab's index starting at the item (same severity, then the next severity), so
    finding it reads a few entries wherever the item stands in a long queue."""
    items = tab_items(f).exclude(pk=item.pk).only("pk")
    s, r, pk = item.severity, item.received_at, item.pk
    if f.tab == "decided":
        earlier = items.filter(received_at__lte=r).exclude(received_at=r, pk__gt=pk)
        later = items.filter(received_at__gte=r).exclude(received_at=r, pk__lt=pk)
        return later.order_by("received_at", "pk").first(), earlier.first()
    same = items.filter(severity=s)
    before = (
        same.filter(received_at__lte=r).exclude(received_at=r, pk__gt=pk)
        .order_by("-received_at", "-pk").first(),
        items.filter(severity__gt=s).order_by("severity", "-received_at", "-pk").first(),
    )
    after = (
        same.filter(received_at__gte=r).exclude(received_at=r, pk__lt=pk).first(),
        items.filter(severity__lt=s).first(),
    )
    return before[0] or before[1], after[0] or after[1]


def next_for(user, f: QueueFilter, *, now: datetime | None = None) -> Item | None:
    """The most urgent undecided item in the moderator's tab nobody else has open."""
    now = now or timezone.now()
    tab = f if f.tab != "decided" else replace(f, tab="flagged")
    items = tab_items(tab).exclude(Q(claim__claimed_until__gt=now) & ~Q(claim__claimed_by=user))
    return items.only("pk").first()


def blocked_authors(page_number) -> CappedPage:
    """Who is blocked now, the latest first, a page at a time. A block is made with the
    decision that blocks, so the newest block (by its key, an index) is the latest decision:
    no sorting of every block by a joined time."""
    blocks = Block.objects.filter(lifted_by__isnull=True)
    rows = blocks.select_related(
        "author__channel", "decision__decided_by", "decision__item"
    ).order_by("-pk")
    return capped_page(rows, page_number, capped_count(blocks.order_by()), PAGE_SIZE)


def lifted_blocks(limit: int = 20) -> list[Block]:
    return list(
        Block.objects.filter(lifted_by__isnull=False)
        .select_related("author__channel", "decision__decided_by", "lifted_by__decided_by")
        .order_by("-lifted_by_id")[:limit]  # the latest unblocking decision, by its index
    )


def reply_template_for(decision: Decision) -> ReplyTemplate | None:
    """The reply to offer after a removal, matched on the terms it cites."""
    if not decision.removes:
        return None
    return (
        ReplyTemplate.objects.filter(active=True, term__in=decision.terms).order_by("name").first()
    )


# The count in the navigation stops here: "99+" says enough, and no count reads further.
WAITING_COUNT_CAP = 100


def waiting_for_person_count() -> int:
    """How many platform actions wait for a person, counted up to WAITING_COUNT_CAP: a count
    over at most that many rows of the partial index, whatever the history."""
    return PlatformAction.objects.waiting_for_person().order_by()[:WAITING_COUNT_CAP].count()


def waiting_for_person_label(count: int) -> str:
    return f"{WAITING_COUNT_CAP - 1}+" if count >= WAITING_COUNT_CAP else str(count)


def oldest_waiting_for_person() -> PlatformAction | None:
    return PlatformAction.objects.waiting_for_person().order_by("created_at", "pk").first()


def overdue_platform_actions(now: datetime | None = None) -> QuerySet[PlatformAction]:
    cutoff = (now or timezone.now()) - overdue_after()
    return PlatformAction.objects.waiting_for_person().filter(created_at__lt=cutoff)


def to_do_page(page_number) -> Page:
    """The to-do page: every action waiting for a person, oldest first, with the comment,
    its author and channel in the same query."""
    actions = (
        PlatformAction.objects.waiting_for_person()
        .select_related(
            "decision__decided_by", "decision__item__channel", "decision__item__author"
        )
        .order_by("created_at", "pk")
    )
    page = Paginator(actions, PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    for action in page.object_list:
        item = action.decision.item
        action.steps = steps_for(item.channel.platform, action.kind, item.author.name)
        action.guidance = reporting_guidance(item.channel.platform)
    return page


@dataclass
class KeepCandidate:
    item: Item
    reason_to_skip: str


def keep_candidates(item_ids: list[int], user, now: datetime | None = None) -> list[KeepCandidate]:
    """The comments a moderator chose to keep, in queue order, each with why it would be left
    alone (flagged, decided meanwhile, open by someone else) or "" when it will be kept."""
    now = now or timezone.now()
    items = (
        Item.objects.filter(pk__in=item_ids)
        .select_related("channel", "author", "claim__claimed_by")
        .order_by("-severity", "received_at", "pk")
    )
    found = []
    for item in items:
        claim = getattr(item, "claim", None)
        if item.decided_at is not None:
            reason = "already decided"
        elif item.severity > 0:
            reason = "flagged by screening: decide it on its own page"
        elif claim is not None and claim.is_live(now) and claim.claimed_by_id != user.pk:
            reason = f"{claim.claimed_by} has it open"
        else:
            reason = ""
        found.append(KeepCandidate(item, reason))
    return found
