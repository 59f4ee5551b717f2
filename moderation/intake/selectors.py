"""The reads behind the ingest pages: a fixed number of queries whatever the rows."""

from django.db.models import Count, Max, QuerySet

from core.counts import CappedPage, capped_count, capped_page

from ..models import Channel, Item, ScreeningWord, WebhookDelivery

DELIVERIES_PER_PAGE = 25


def channel_list() -> QuerySet[Channel]:
    return Channel.objects.select_related("social_account", "meta_connection").annotate(
        item_count=Count("items"), last_received=Max("items__received_at")
    ).order_by("-active", "platform", "name")


def screening_words() -> dict[str, list[ScreeningWord]]:
    """Every list, in the order the page shows them, with its entries."""
    by_list: dict[str, list[ScreeningWord]] = {value: [] for value in ScreeningWord.List.values}
    for word in ScreeningWord.objects.select_related("added_by").order_by(
        "list", "characteristic", "text"
    ):
        by_list[word.list].append(word)
    return by_list


def recent_items(limit: int = 20) -> QuerySet[Item]:
    return (
        Item.objects.select_related("channel", "author", "logged_by")
        .prefetch_related("findings")
        .order_by("-received_at", "-id")[:limit]
    )


def failed_deliveries() -> QuerySet[WebhookDelivery]:
    """Deliveries with comments that could not be stored, newest failure first (the order of
    their partial index)."""
    return WebhookDelivery.objects.filter(failed_at__isnull=False).order_by("-failed_at", "-id")


def failed_delivery_page(page_number) -> CappedPage:
    rows = failed_deliveries().select_related("channel").defer("body")
    return capped_page(rows, page_number, capped_count(failed_deliveries()), DELIVERIES_PER_PAGE)
