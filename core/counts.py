"""Counts that stay cheap however long a table grows: a page counts no further than a person
needs. "99+" tells a moderator all they need, and counting stops after a hundred entries of an
index instead of walking a million rows."""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

CAP = 99
# The admin's change lists count this far: a hundred pages of a hundred rows. Searching or
# filtering finds what lies further back.
ADMIN_CAP = 10_000


def capped_count(rows: QuerySet, cap: int = CAP) -> int:
    """How many rows there are, counting no further than cap + 1 (shown as "99+"). The rows'
    order is kept: ordered as an index is, the database reads that index and stops (order
    them by nothing, `.order_by()`, when no index gives their order)."""
    return rows.values("pk")[: cap + 1].count()


def capped_label(count: int) -> str:
    return f"{CAP}+" if count > CAP else str(count)


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


class AtLeast(int):
    """A count that stopped at its cap, shown with a "+" ("10000+")."""

    def __str__(self) -> str:
        return f"{int(self)}+"


class CappedPaginator(Paginator):
    """The admin's paginator (core.admin.AuditedAdmin): a change list over a million rows
    counts no further than ADMIN_CAP of them, in no order, so the database stops after that
    many instead of counting the table; the pages reach back that far."""

    cap = ADMIN_CAP

    @cached_property
    def count(self) -> int:
        found = capped_count(self.object_list.order_by(), self.cap)
        return AtLeast(self.cap) if found > self.cap else found
