"""How the Board report grows with the comments: a year of 1,000 comments, then of 100,000
(with findings, decisions and experiences), and the report's time and query count for the year
at each size, with the ratio to the small one. Prints figures, not verdicts.

    .venv/bin/python bench/board_report_bench.py               # a throwaway SQLite file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_bench \
        .venv/bin/python bench/board_report_bench.py
"""

import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from fill_comments import TEXTS  # noqa: E402 - the same sample comments as the queue benches

SIZES = (1_000, 100_000)
RUNS = 5
YEAR = (date(2025, 12, 1), date(2026, 11, 30))


def seed_to(total: int, channels, authors, moderator, services, themes) -> None:
    from experiences.models import Experience
    from moderation.models import Decision, Finding, Item

    have = Item.objects.count()
    start = timezone.make_aware(datetime(2025, 12, 1))
    batch = []
    for n in range(have, total):
        text, _, _, _, severity = TEXTS[n % len(TEXTS)]
        received = start + timedelta(minutes=random.randint(0, 60 * 24 * 364))
        batch.append(Item(channel=channels[n % 3], author=authors[n % len(authors)],
                          platform_item_id=f"board-{n}", text=f"{text} #{n}", posted_at=received,
                          received_at=received, source="json_webhook", severity=severity,
                          screened_at=received))
    items = Item.objects.bulk_create(batch, batch_size=2000)
    findings, decisions, experiences = [], [], []
    for item in items:
        text, match, term, kind, severity = TEXTS[
            int(item.platform_item_id[6:]) % len(TEXTS)]
        if match:
            at = item.text.find(match)
            findings.append(Finding(item=item, term=term, kind=kind, match=match, start=at,
                                    end=at + len(match), severity=severity))
        if random.random() < 0.9:
            decisions.append(Decision(
                item=item, action="keep", decided_by=moderator,
                decided_at=item.received_at + timedelta(minutes=random.randint(1, 60 * 48))))
        if random.random() < 0.1:
            experiences.append(Experience(
                source="comment", item=item, channel=item.channel,
                service=random.choice(services), sentiment="negative",
                happened_on=item.received_at.date(), masked_text=item.text,
                recorded_by=moderator))
    Finding.objects.bulk_create(findings, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    made = Experience.objects.bulk_create(experiences, batch_size=2000)
    Experience.themes.through.objects.bulk_create(
        [Experience.themes.through(experience=e, theme=random.choice(themes)) for e in made],
        batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure() -> tuple[float, int]:
    from reports.selectors import board_report

    times, queries = [], 0
    board_report(*YEAR)  # warm
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            board_report(*YEAR)
            times.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(times) * 1000, queries


def main() -> None:
    random.seed(2026)
    call_command("migrate", verbosity=0)
    from accounts.models import User
    from experiences.models import Service, Theme
    from moderation.models import Author, Channel

    moderator, _ = User.objects.get_or_create(email="bench-moderator@example.org")
    channels = [Channel.objects.get_or_create(platform=p, name=f"Bench {p}")[0]
                for p in ("facebook", "instagram", "website")]
    authors = [Author.objects.get_or_create(channel=channels[i % 3],
                                            platform_author_id=f"bench-author-{i}")[0]
               for i in range(300)]
    services, themes = list(Service.objects.all()), list(Theme.objects.all())
    print(f"database: {connection.vendor}; the Board report for a year, median of {RUNS}\n")
    print(f"{'comments':>9} {'ms':>9} {'x time':>7} {'queries':>8}")
    base = None
    for size in SIZES:
        seed_to(size, channels, authors, moderator, services, themes)
        ms, queries = measure()
        base = base or ms
        print(f"{size:>9} {ms:>9.1f} {ms / base:>7.2f} {queries:>8}")
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
