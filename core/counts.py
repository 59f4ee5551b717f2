"""Counts that stay cheap however long a table grows: a page counts no further than it can
show. "999+" tells a moderator all they need, and counting stops after 1,000 index entries
instead of walking a million rows."""

from dataclasses import dataclass

from django.db.models import QuerySet

CAP = 999


def capped_count(rows: QuerySet, cap: int = CAP) -> int:
    """How many rows there are, counting no further than `cap` + 1 (shown as "999+")."""
    return rows.order_by().values("pk")[: cap + 1].count()


def capped_label(count: int, cap: int = CAP) -> str:
    return f"{cap}+" if count > cap else str(count)


@dataclass
class CappedPage:
    """One page of a list counted only up to the cap: the page knows whether another follows,
    and how many pages there are only when the list is short enough to have been counted."""

    number: int
    object_list: list
    has_next: bool
    num_pages: int | None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def capped_page(rows: QuerySet, page_number, count: int, per_page: int) -> CappedPage:
    """Page `page_number` of `rows`, whose capped_count is `count` (a bad number gives the
    first page, one past the end the last). One query: a row more than the page shows says
    whether another page follows."""
    try:
        number = max(1, int(page_number))
    except (TypeError, ValueError):
        number = 1
    num_pages = None if count > CAP else max(1, -(-count // per_page))
    if num_pages is not None:
        number = min(number, num_pages)
    start = (number - 1) * per_page
    found = list(rows[start:start + per_page + 1])
    return CappedPage(number, found[:per_page], len(found) > per_page, num_pages)
