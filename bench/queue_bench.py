"""The moderator's pages at a thousand and at a million comments: every queue tab and filter,
the home page and the item page, each against its own time at the smallest size, with a bare
baseline measured in the same run (a raw-SQL page showing the flagged tab's rows, behind the
same middleware), so a busier machine at one size shows in the baseline too.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_i16b .venv/bin/python bench/queue_bench.py
    .venv/bin/python bench/queue_bench.py --sizes 1000 20000    # a throwaway SQLite file

The database is emptied first; comments are filled by bench/fill_comments.py (a million in a
few minutes on PostgreSQL). Printed per page: the median of the requests at each size, the
ratio of the largest to the smallest, and that ratio divided by the bare page's own ratio.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    (ROOT / "var").mkdir(exist_ok=True)
    _db = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the run, removed at the end
        dir=ROOT / "var", prefix="queue-bench-", suffix=".sqlite3", delete=False
    )
    os.environ["DATABASE_URL"] = f"sqlite:///{_db.name}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hws_engage.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from bare_urls import serve_beside_the_project  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils.html import escape  # noqa: E402
from fill_comments import fill  # noqa: E402

RUNS = 15
# The newest 400 comments wait, so that at a thousand comments every tab and filter already
# shows a full page (the decided tab's page 20 too), as it does at a million: a page with 4 rows
# against one with 25 would measure the rows, not the table's size. Only the prolific author's
# pages stay short at a thousand (the author has 34 comments then).
WAITING_NEWEST = 400
BARE_ROWS: list[int] = []  # the flagged tab's first page, shown by the bare page

ROWS_SQL = """
SELECT i.id, i.text, i.severity, i.received_at, c.name, a.name
  FROM moderation_item i
  JOIN moderation_channel c ON c.id = i.channel_id
  JOIN moderation_author a ON a.id = i.author_id
 WHERE i.id IN ({ids})
"""
FINDINGS_SQL = "SELECT item_id, term, match FROM moderation_finding WHERE item_id IN ({ids})"


def bare_page(request):
    """The same rows as the flagged tab's first page, straight from SQL: no ORM, no counts,
    no template; escaped, as any page must."""
    ids = ", ".join(["%s"] * len(BARE_ROWS))
    with connection.cursor() as cursor:
        cursor.execute(ROWS_SQL.format(ids=ids), BARE_ROWS)
        rows = cursor.fetchall()
        cursor.execute(FINDINGS_SQL.format(ids=ids), BARE_ROWS)
        found: dict[int, list[str]] = {}
        for item_id, term, match in cursor.fetchall():
            found.setdefault(item_id, []).append(f"{term}: {match}")
    html = ["<!doctype html><title>bare</title><ol>"]
    for pk, text, severity, received_at, channel, author in rows:
        html.append(
            f"<li>{severity} {escape(author)} on {escape(channel)} at {received_at:%H:%M}: "
            f"{escape(text)} ({escape('; '.join(found.get(pk, [])))})</li>"
        )
    return HttpResponse("".join(html) + "</ol>")


def pages() -> list[tuple[str, str]]:
    """The pages measured, with the same meaning at every size."""
    from moderation.models import Author, Channel, Item

    facebook = Channel.objects.get(name="Bench facebook")
    prolific = Author.objects.get(platform_author_id="bench-author-0")
    waiting = Item.objects.get(platform_item_id="bench-0")  # waits; by a prolific author
    # The newest decided comment: the same one at every size (what is filled later is older).
    decided = (Item.objects.filter(platform_item_id__startswith="bench-", decided_at__isnull=False)
               .order_by("-received_at").first())
    return [
        ("queue: flagged tab", "/moderation/"),
        ("queue: not flagged tab", "/moderation/?tab=clean"),
        ("queue: decided tab", "/moderation/?tab=decided"),
        ("queue: decided tab, page 20", "/moderation/?tab=decided&page=20"),
        ("queue: flagged, one channel", f"/moderation/?channel={facebook.pk}"),
        ("queue: flagged, term bullying", "/moderation/?term=bullying"),
        # A term of lower severity than others waiting: its rows lie behind them in the order.
        ("queue: flagged, term personal gain", "/moderation/?term=personal_gain"),
        ("queue: decided, term personal gain", "/moderation/?tab=decided&term=personal_gain"),
        ("queue: flagged, prolific author", f"/moderation/?author={prolific.pk}"),
        ("queue: decided, prolific author", f"/moderation/?tab=decided&author={prolific.pk}"),
        ("home page", "/"),
        ("item page: waiting", f"/moderation/items/{waiting.pk}/"),
        ("item page: decided", f"/moderation/items/{decided.pk}/?tab=decided"),
    ]


def _rows(response) -> str:
    """How many comments a queue page shows ("-" for the other pages)."""
    queue = response.context.get("q") if response.context else None
    return str(len(queue.page.object_list)) if queue is not None else "-"


def measure(client: Client, url: str) -> tuple[float, float, int, str]:
    """Median ms of the page and of the bare page, requested in turn; the page's queries and
    the rows it shows."""
    client.get(url)  # warm
    client.get("/bench/bare/")
    times, bare, queries = [], [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        assert client.get("/bench/bare/").status_code == 200
        bare.append(time.perf_counter() - started)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(times) * 1000, statistics.median(bare) * 1000, queries, _rows(response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 1_000_000])
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.HWS_MFA_REQUIRED_ROLES = set()  # signing in is not what is measured
    serve_beside_the_project("queue_bench_urls", path("bench/bare/", bare_page))
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from accounts.models import User, UserRole
    from accounts.roles import Role
    from moderation.queue.selectors import QueueFilter, tab_items

    fill(args.sizes[0], quiet=True, waiting_newest=WAITING_NEWEST)
    moderator = User.objects.get(email="bench-moderator@example.org")
    UserRole.objects.get_or_create(user=moderator, role=Role.MODERATOR)
    client = Client()
    client.force_login(moderator)
    print(f"database: {connection.vendor}; median of {RUNS} requests of each page, "
          f"each after a request of the bare page; load average {os.getloadavg()[0]:.2f}\n")
    print(f"{'comments':>9} {'page':<36} {'ms':>7} {'bare ms':>8} {'queries':>8} {'rows':>5}")
    results: dict[str, list[tuple[float, float]]] = {}
    for size in args.sizes:
        started = time.perf_counter()
        fill(size, quiet=True, waiting_newest=WAITING_NEWEST)
        if size != args.sizes[0]:
            print(f"(filled to {size:,} in {time.perf_counter() - started:.0f} s)")
        BARE_ROWS[:] = tab_items(QueueFilter()).values_list("pk", flat=True)[:25]
        for label, url in pages():
            ms, bare, queries, rows = measure(client, url)
            results.setdefault(label, []).append((ms, bare))
            print(f"{size:>9,} {label:<36} {ms:>7.1f} {bare:>8.1f} {queries:>8} {rows:>5}",
                  flush=True)
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    first, last = args.sizes[0], args.sizes[-1]
    print(f"\n{'page':<36} {f'x time, {last:,} / {first:,}':>24} {'bare x':>7} "
          f"{'x / bare x':>11}")
    for label, timings in results.items():
        (ms0, bare0), (ms1, bare1) = timings[0], timings[-1]
        print(f"{label:<36} {ms1 / ms0:>24.2f} {bare1 / bare0:>7.2f} "
              f"{(ms1 / ms0) / (bare1 / bare0):>11.2f}")
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
