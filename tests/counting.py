"""What a page's queries count: a list that grows may count only a capped stretch of rows
(core.counts: `SELECT COUNT(*) FROM (... LIMIT n)`), never a whole table; nor list every
distinct value of one."""

import re

COUNT = re.compile(r"\bCOUNT\(", re.IGNORECASE)
DISTINCT = re.compile(r"\bSELECT DISTINCT\b", re.IGNORECASE)
LIMIT = re.compile(r"\bLIMIT\s+\d+", re.IGNORECASE)


def uncapped_counts(captured_queries) -> list[str]:
    """The captured queries that count rows without stopping at a limit."""
    return [q["sql"] for q in captured_queries
            if COUNT.search(q["sql"]) and not LIMIT.search(q["sql"])]


def uncapped_distincts(captured_queries) -> list[str]:
    """The captured queries that list distinct values without stopping at a limit."""
    return [q["sql"] for q in captured_queries
            if DISTINCT.search(q["sql"]) and not LIMIT.search(q["sql"])]
