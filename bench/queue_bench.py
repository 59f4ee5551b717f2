"""How the moderation queue's page grows with the queue: seeds 1k, 10k and 100k items
(bulk_create) and prints the page's server time and query count at each size, with the ratio
to the smallest.

    .venv/bin/python bench/queue_bench.py               # a throwaway SQLite file under var/
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_bench .venv/bin/python bench/queue_bench.py
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
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

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
RUNS = 5
TEXTS = [
    ("Ring me on 07700 900461", "07700 900461", "personal_details", "phone", 3),
    ("You are useless idiots", "useless idiots", "bullying", "insult", 3),
    ("What a load of sh1t", "sh1t", "inappropriate_material", "profanity", 2),
    ("DM me for a discount code", "discount code", "personal_gain", "solicitation", 2),
    ("Thanks for the update on the surgery", "", "", "", 0),
]


def seed_to(total: int, channels, authors, moderator) -> None:
    from moderation.models import Decision, Finding, Item

    have = Item.objects.count()
    now = timezone.now()
    batch = []
    for n in range(have, total):
        text, match, term, kind, severity = TEXTS[n % len(TEXTS)]
        batch.append(
            Item(
                channel=channels[n % len(channels)],
                author=authors[n % len(authors)],
                platform_item_id=f"bench-{n}",
                text=f"{text} #{n}",
                posted_at=now,
                received_at=now - timedelta(minutes=random.randint(0, 60 * 24 * 30)),
                source="json_webhook",
                severity=severity,
                screened_at=now,
            )
        )
    items = Item.objects.bulk_create(batch, batch_size=2000)
    findings, decisions = [], []
    for item in items:
        text, match, term, kind, severity = TEXTS[int(item.platform_item_id[6:]) % len(TEXTS)]
        if match:
            findings.append(
                Finding(
                    item=item,
                    term=term,
                    kind=kind,
                    match=match,
                    start=item.text.find(match),
                    end=item.text.find(match) + len(match),
                    severity=severity,
                )
            )
        if random.random() < 0.6:  # most of an established queue has been decided
            decisions.append(Decision(item=item, action="keep", decided_by=moderator))
    Finding.objects.bulk_create(findings, batch_size=2000)
    Decision.objects.bulk_create(decisions, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do after a bulk load
            cursor.execute("ANALYZE")


def measure(client: Client, url: str) -> tuple[float, int]:
    times, queries = [], 0
    client.get(url)  # warm
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    return statistics.median(times) * 1000, queries


def main() -> None:
    random.seed(2026)
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from accounts.models import User, UserRole
    from accounts.roles import Role
    from moderation.models import Author, Channel

    moderator, _ = User.objects.get_or_create(
        email="bench-moderator@example.org",
        defaults={"full_name": "Bench Moderator", "approval": User.Approval.APPROVED},
    )
    UserRole.objects.get_or_create(user=moderator, role=Role.MODERATOR)
    if not Authenticator.objects.filter(user=moderator).exists():
        TOTP.activate(moderator, "JBSWY3DPEHPK3PXPBENCHSECRET23456")  # moderators must enrol
    channels = [
        Channel.objects.get_or_create(platform=p, name=f"Bench {p}")[0]
        for p in ("facebook", "instagram", "website")
    ]
    authors = [
        Author.objects.get_or_create(
            channel=channels[i % 3], platform_author_id=f"bench-author-{i}"
        )[0]
        for i in range(300)
    ]
    client = Client()
    client.force_login(moderator)
    print(f"database: {connection.vendor}; median of {RUNS} requests per page\n")
    print(f"{'items':>8} {'page':<28} {'ms':>8} {'x time':>7} {'queries':>8}")
    base = {}
    for size in SIZES:
        seed_to(size, channels, authors, moderator)
        for label, url in (
            ("flagged tab, page 1", "/moderation/"),
            ("flagged tab, page 20", "/moderation/?page=20"),
            ("decided tab", "/moderation/?tab=decided"),
            ("term filter", "/moderation/?term=bullying"),
        ):
            ms, queries = measure(client, url)
            base.setdefault(label, ms)
            print(f"{size:>8} {label:<28} {ms:>8.1f} {ms / base[label]:>7.2f} {queries:>8}")
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
