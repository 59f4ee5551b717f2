"""The CSV exports outside moderation against a bare SQL export of the same rows, in the same
run, behind the same middleware: at 1,000 people by default.

    .venv/bin/python bench/exports_bench.py [--people 1000] [--runs 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_bench \
        .venv/bin/python bench/exports_bench.py

Exports measured: the agreement register (/agreements/register.csv), everyone and one role.
The bare baseline is a view that runs the same rows' SQL on a cursor (people with the latest
version each signed, their roles, their signatures) and writes them with csv.writer.
"""

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
import types
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if "DATABASE_URL" not in os.environ:
    (ROOT / "var").mkdir(exist_ok=True)
    _db = tempfile.NamedTemporaryFile(  # noqa: SIM115 - kept for the run, removed at the end
        dir=ROOT / "var", prefix="exports-bench-", suffix=".sqlite3", delete=False
    )
    os.environ["DATABASE_URL"] = f"sqlite:///{_db.name}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hws_engage.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402

PEOPLE_SQL = """
SELECT u.id, u.full_name, u.email,
       (SELECT v.number FROM agreements_signature s
          JOIN agreements_agreementversion v ON v.id = s.version_id
         WHERE s.user_id = u.id ORDER BY v.number DESC LIMIT 1) AS latest
  FROM accounts_user u
 WHERE u.approval = 'approved' AND u.is_active
   AND u.id IN (SELECT user_id FROM accounts_userrole WHERE role IN ({roles}))
 ORDER BY u.full_name, u.email
"""
ROLES_SQL = "SELECT user_id, role FROM accounts_userrole WHERE role IN ({roles}) ORDER BY role"
SIGNATURES_SQL = """
SELECT s.user_id, v.number, s.signed_at, s.printed_name, s.reference
  FROM agreements_signature s JOIN agreements_agreementversion v ON v.id = s.version_id
"""


def bare_register_csv(request):
    """The same rows straight from SQL: no ORM, no model objects, no formula guard."""
    from accounts.roles import SIGNER_ROLES

    roles_in = [str(r) for r in SIGNER_ROLES]
    placeholders = ", ".join(["%s"] * len(roles_in))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(number) FROM agreements_agreementversion")
        (current,) = cursor.fetchone()
        cursor.execute(ROLES_SQL.format(roles=placeholders), roles_in)
        roles = defaultdict(list)
        for user_id, role in cursor.fetchall():
            roles[user_id].append(role)
        cursor.execute(SIGNATURES_SQL)
        signed = {(u, n): rest for u, n, *rest in cursor.fetchall()}
        cursor.execute(PEOPLE_SQL.format(roles=placeholders), roles_in)
        writer.writerow(["Name", "Email", "Roles", "Status", "Latest version signed",
                         "Signed at (UTC)", "Printed name", "Reference", "Current version"])
        for pk, name, email, latest in cursor.fetchall():
            signed_at, printed, reference = signed.get((pk, latest), ("", "", ""))
            status = "never" if latest is None else "current" if latest == current else "older"
            writer.writerow([name, email, "; ".join(roles[pk]), status, latest or "",
                             signed_at, printed, reference, current])
    return response


def measure(client: Client, url: str, runs: int) -> tuple[float, int, int]:
    client.get(url)  # warm
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    lines = response.content.count(b"\n")
    return statistics.median(times) * 1000, len(captured), lines


def seed(people: int):
    from accounts.models import User, UserRole
    from accounts.roles import Role
    from agreements.models import AgreementVersion, Signature, sha256_of

    versions = [
        AgreementVersion.objects.create(number=n, title="Agreement", text=f"Text {n}",
                                         sha256=sha256_of(f"Text {n}"))
        for n in (1, 2)
    ]
    users = User.objects.bulk_create(
        User(email=f"signer{n}@example.org", full_name=f"Signer {n:05d}",
             approval=User.Approval.APPROVED)
        for n in range(people)
    )
    kinds = [Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF]
    UserRole.objects.bulk_create(UserRole(user=u, role=kinds[n % 3]) for n, u in enumerate(users))
    # A third signed both versions, a third only the first, a third never.
    Signature.objects.bulk_create(
        Signature(user=u, version=v, printed_name=u.full_name, text_sha256=v.sha256)
        for n, u in enumerate(users) for v in versions[: n % 3]
    )
    moderator = User.objects.create(email="bench-moderator@example.org", full_name="Bench",
                                    approval=User.Approval.APPROVED)
    UserRole.objects.create(user=moderator, role=Role.MODERATOR)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do after a bulk load
            cursor.execute("ANALYZE")
    return moderator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    urls = types.ModuleType("exports_bench_urls")
    urls.urlpatterns = [path("bench/register.csv", bare_register_csv),
                        path("", include(settings.ROOT_URLCONF))]
    sys.modules[urls.__name__] = urls
    settings.ROOT_URLCONF = urls.__name__
    settings.HWS_MFA_REQUIRED_ROLES = set()  # signing in is not what is measured
    clear_url_caches()
    call_command("migrate", verbosity=0)
    moderator = seed(args.people)
    client = Client()
    client.force_login(moderator)
    print(f"database: {connection.vendor}; {args.people} people; median of {args.runs}; "
          f"load average {os.getloadavg()[0]:.2f}\n")
    print(f"{'export':<44} {'ms':>8} {'x bare':>7} {'queries':>8} {'lines':>6}")
    bare, queries, lines = measure(client, "/bench/register.csv", args.runs)
    print(f"{'bare SQL export (same rows)':<44} {bare:>8.1f} {1:>7.2f} {queries:>8} {lines:>6}")
    for label, url in (("agreement register CSV, everyone", "/agreements/register.csv"),
                       ("agreement register CSV, one role",
                        "/agreements/register.csv?role=volunteer")):
        ms, queries, lines = measure(client, url, args.runs)
        print(f"{label:<44} {ms:>8.1f} {ms / bare:>7.2f} {queries:>8} {lines:>6}")
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
