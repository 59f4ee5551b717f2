"""Pages of a growing list, the same way on every page that has one."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def paginate(rows, page_number, *, per_page: int = PAGE_SIZE, count: int | None = None) -> Page:
    """One page of `rows` (a bad or too high page number gives the nearest page). Give `count`
    when it is already known, so the database is not asked for it a second time."""
    paginator = Paginator(rows, per_page)
    if count is not None:
        paginator.__dict__["count"] = count
    page = paginator.get_page(page_number)
    page.object_list = list(page.object_list)
    return page


def query_without(request, param: str) -> str:
    """The page's query string without `param`: the other filters (and the other lists'
    pages) that a page link keeps."""
    query = request.GET.copy()
    query.pop(param, None)
    return query.urlencode()
