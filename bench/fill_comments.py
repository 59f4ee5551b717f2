"""Fill the moderation tables with comments, fast: set-based INSERT ... SELECT over a series of
numbers (generate_series on PostgreSQL, a recursive CTE on SQLite), so a million comments with
their findings and decisions take a minute or two rather than an hour of ORM saves.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_i16b \\
        .venv/bin/python bench/fill_comments.py 1000000

The shape, at any size (comment number n, 0 the newest, one a minute going back):
- three channels; one comment in ten by one of three prolific authors (a third of a hundred
  thousand comments each at a million), the rest spread over a thousand authors per 30,000;
- five texts in turn: a phone number (personal details, severity 3), an insult (bullying, 3),
  profanity (2), soliciting business (2) and a clean comment (0), each screened finding stored
  and its term marked on the comment;
- one comment in fifty still waits (five in a row, one of each text, every fifty); the
  others were kept ten minutes after they arrived. `fill(..., waiting_newest=n)` leaves the
  newest n waiting too, so that every queue tab and filter has a full page to show already at
  a thousand comments (bench/queue_bench.py compares pages showing the same number of rows).
Numbers already filled are not filled again: `fill(1000)` then `fill(1000000)` adds 999,000
older comments.
"""

import os
import sys
import time
from pathlib import Path

TEXTS = [
    # (text, match, term, kind, severity)
    ("Ring me on 07700 900461", "07700 900461", "personal_details", "phone", 3),
    ("You are useless idiots", "idiots", "bullying", "insult", 3),
    ("What a load of sh1t", "sh1t", "inappropriate_material", "profanity", 2),
    ("DM me for a discount code", "discount code", "personal_gain", "solicitation", 2),
    ("Thanks for the update on the surgery", "", "", "", 0),
]
WAITING_ONE_IN = 50
PROLIFIC_ONE_IN = 10
CHUNK = 250_000


def _authors_for(total: int) -> int:
    return 3 * max(100, total // 90)


def _texts_cte() -> tuple[str, list]:
    rows, params = [], []
    for k, (text, match, term, kind, severity) in enumerate(TEXTS):
        rows.append("(%s, %s, %s, %s, %s, %s, %s)")
        start = text.find(match) if match else 0
        params += [k, text, match, term, kind, severity, start]
    return ("texts(k, body, found, term, kind, severity, start) AS (VALUES "
            + ", ".join(rows) + ")"), params


def _series(vendor: str, lo: int, hi: int) -> tuple[str, list]:
    """A CTE s(n) of lo .. hi - 1."""
    if vendor == "postgresql":
        return "s(n) AS (SELECT generate_series(%s::bigint, %s::bigint - 1))", [lo, hi]
    return ("s(n) AS (SELECT %s UNION ALL SELECT n + 1 FROM s WHERE n + 1 < %s)"), [lo, hi]


def _minutes_before(vendor: str, moment: str, minutes: str) -> str:
    if vendor == "postgresql":
        return f"({moment} - ({minutes}) * interval '1 minute')"
    return f"strftime('%%Y-%%m-%%d %%H:%%M:%%f', {moment}, (-({minutes})) || ' minutes')"


def _has_column(cursor, connection, name: str) -> bool:
    columns = connection.introspection.get_table_description(cursor, "moderation_item")
    return any(c.name == name for c in columns)


def _term_marks(cursor, connection) -> tuple[str, str]:
    """The columns marking each item's terms, and their values from its text's term (none on a
    layout from before items marked them)."""
    from moderation.terms import Term

    if not _has_column(cursor, connection, "under_personal_gain"):
        return "", ""
    return ("".join(f", under_{term}" for term in Term.values),
            "".join(f", t.term = '{term}'" for term in Term.values))


def _bench_people_and_channels():
    from accounts.models import User
    from moderation.models import Channel

    moderator, _ = User.objects.get_or_create(
        email="bench-moderator@example.org",
        defaults={"full_name": "Bench Moderator", "approval": User.Approval.APPROVED},
    )
    channels = [
        Channel.objects.get_or_create(platform=p, name=f"Bench {p}")[0]
        for p in ("facebook", "instagram", "website")
    ]
    return moderator, channels


def filled(cursor) -> int:
    cursor.execute("SELECT COUNT(*) FROM moderation_item WHERE platform_item_id LIKE %s",
                   ["bench-%"])
    return cursor.fetchone()[0]


def fill(total: int, *, quiet: bool = False, waiting_newest: int = 0) -> None:
    """Add comments numbered from those already filled up to `total` (the newest
    `waiting_newest` of them all waiting)."""
    from django.db import connection, transaction
    from django.utils import timezone

    vendor = connection.vendor
    moderator, channels = _bench_people_and_channels()
    now = timezone.now().replace(second=0, microsecond=0)
    now_param = now if vendor == "postgresql" else now.strftime("%Y-%m-%d %H:%M:%S.%f")
    channel_case = "CASE s.n %% 3 WHEN 0 THEN %s WHEN 1 THEN %s ELSE %s END"
    channel_ids = [c.pk for c in channels]
    with connection.cursor() as cursor:
        have = filled(cursor)
        decided_column = _has_column(cursor, connection, "decided_at")
        marks_insert, marks_select = _term_marks(cursor, connection)
        # Authors: three prolific ones, then a thousand per 30,000 comments.
        cursor.execute("SELECT COUNT(*) FROM moderation_author WHERE platform_author_id LIKE %s",
                       ["bench-author-%"])
        authors_have = cursor.fetchone()[0]
        authors = _authors_for(total)
        if authors > authors_have:
            series, params = _series(vendor, authors_have, authors)
            cursor.execute(
                f"WITH RECURSIVE {series} "
                "INSERT INTO moderation_author (channel_id, platform_author_id, name) "
                f"SELECT {channel_case}, 'bench-author-' || s.n, 'Bench author ' || s.n FROM s",
                params + channel_ids,
            )
        texts, text_params = _texts_cte()
        author_of = (f"CASE WHEN s.n %% {PROLIFIC_ONE_IN} = 0 THEN s.n %% 3 "
                     f"ELSE s.n %% {authors} END")
        received = _minutes_before(vendor, "%s", "s.n")
        # Five in a row wait, so every text does; and the newest, if asked.
        waits = f"(s.n < {int(waiting_newest)} OR (s.n / 5) %% {WAITING_ONE_IN} = 0)"
        for lo in range(have, total, CHUNK):
            hi = min(total, lo + CHUNK)
            started = time.perf_counter()
            series, series_params = _series(vendor, lo, hi)
            cte = f"WITH RECURSIVE {series}, {texts} "
            with transaction.atomic():
                decided_insert = ", decided_at" if decided_column else ""
                decided_select = (
                    f", CASE WHEN {waits} THEN NULL ELSE "
                    + _minutes_before(vendor, "%s", "s.n - 10") + " END"
                    if decided_column else ""
                )
                cursor.execute(
                    cte + "INSERT INTO moderation_item (channel_id, platform_item_id, author_id, "
                    "text, permalink, parent_post_id, posted_at, received_at, source, "
                    "screened_at, severity, original_text, screenshot, note, decided_text"
                    f"{decided_insert}{marks_insert}) "
                    f"SELECT {channel_case}, 'bench-' || s.n, a.id, "
                    "t.body || ' #' || s.n, '', '', "
                    f"{received}, {received}, 'json_webhook', {received}, t.severity, "
                    "'', '', '', ''"
                    f"{decided_select}{marks_select} "
                    "FROM s JOIN texts t ON t.k = s.n %% 5 "
                    f"JOIN moderation_author a ON a.channel_id = {channel_case} "
                    f"AND a.platform_author_id = 'bench-author-' || ({author_of})",
                    series_params + text_params + channel_ids + [now_param] * 3
                    + ([now_param] if decided_column else []) + channel_ids,
                )
                item = (f"JOIN moderation_item i ON i.channel_id = {channel_case} "
                        "AND i.platform_item_id = 'bench-' || s.n ")
                cursor.execute(
                    cte + 'INSERT INTO moderation_finding (item_id, term, kind, "match", "start", '
                    '"end", severity, characteristic) '
                    "SELECT i.id, t.term, t.kind, t.found, t.start, t.start + LENGTH(t.found), "
                    "t.severity, '' FROM s JOIN texts t ON t.k = s.n %% 5 "
                    + item + "WHERE t.severity > 0",
                    series_params + text_params + channel_ids,
                )
                cursor.execute(
                    cte + "INSERT INTO moderation_decision (item_id, action, terms, also_delete, "
                    "note, report_reference, decided_by_id, decided_at) "
                    f"SELECT i.id, 'keep', '[]', {'false' if vendor == 'postgresql' else '0'}, "
                    "'', '', %s, " + _minutes_before(vendor, "%s", "s.n - 10") + " FROM s "
                    + item + f"WHERE NOT ({waits})",
                    series_params + text_params + [moderator.pk, now_param] + channel_ids,
                )
            if not quiet:
                print(f"  filled comments {lo:,} to {hi - 1:,} in "
                      f"{time.perf_counter() - started:.1f} s", flush=True)
        if vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hws_engage.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    started = time.perf_counter()
    fill(total)
    print(f"{total:,} comments in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
