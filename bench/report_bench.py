"""The Board's escalation report as CSV against a bare SQL export of the same figures, and the
escalations list against a bare raw-SQL page of the same rows, in the same run, behind the same
middleware; each also against its own ratio at the smallest size. PostgreSQL only (the bare
export's median is PERCENTILE_CONT).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hws_i16b \\
        .venv/bin/python bench/report_bench.py [--sizes 400 40000]

The database is emptied first. Escalations are made set-based from the comments that
bench/fill_comments.py fills: one in four still undecided, the rest decided after 1 to 72
hours, three in ten reported to the police; characteristics in turn, every third naming two.
"""

import argparse
import csv
import functools
import os
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hws_engage.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, include, path  # noqa: E402
from django.utils.html import escape  # noqa: E402
from fill_comments import fill  # noqa: E402

RUNS = 15
RANGE = {"starts": "2022-01-01", "ends": "2026-12-31"}  # five years, the most allowed
CHARACTERISTICS = ["race", "disability", "religion_or_belief", "sexual_orientation",
                   "gender_identity"]

ESCALATIONS_SQL = """
INSERT INTO moderation_escalation (item_id, decision_id, characteristics, note, raised_by_id,
       raised_at, routed_to, routing_reason, reviewer_id, taken_at)
SELECT d.item_id, d.id,
       CASE WHEN d.id %% 3 = 0
            THEN jsonb_build_array((%s::text[])[1 + d.id %% 5], (%s::text[])[1 + (d.id + 1) %% 5])
            ELSE jsonb_build_array((%s::text[])[1 + d.id %% 5]) END,
       '', %s, d.decided_at, 'chief_executive', '', %s, d.decided_at
  FROM moderation_decision d
 WHERE NOT EXISTS (SELECT 1 FROM moderation_escalation e WHERE e.decision_id = d.id)
 ORDER BY d.id LIMIT %s
"""
OUTCOMES_SQL = """
INSERT INTO moderation_escalationoutcome (escalation_id, outcome, reported_on, police_force,
       how, judgement, reason, decided_by_id, decided_at)
SELECT e.id,
       CASE WHEN e.id %% 10 < 3 THEN 'police_report' ELSE 'no_report' END,
       CASE WHEN e.id %% 10 < 3 THEN e.raised_at::date END,
       CASE WHEN e.id %% 10 < 3 THEN 'Metropolitan Police' ELSE '' END,
       CASE WHEN e.id %% 10 < 3 THEN 'online' ELSE '' END,
       CASE WHEN e.id %% 10 < 3 THEN '' ELSE 'not_a_hate_crime' END,
       CASE WHEN e.id %% 10 < 3 THEN '' ELSE 'Not aimed at a group.' END,
       %s, e.raised_at + (1 + e.id %% 72) * interval '1 hour'
  FROM moderation_escalation e
 WHERE e.id %% 4 <> 0
   AND NOT EXISTS (SELECT 1 FROM moderation_escalationoutcome o WHERE o.escalation_id = e.id)
"""
DECIDED_AT_SQL = """
UPDATE moderation_escalation e SET decided_at = o.decided_at
  FROM moderation_escalationoutcome o
 WHERE o.escalation_id = e.id AND e.decided_at IS NULL
"""
LIST_SQL = """
SELECT e.id, e.raised_at, r.full_name, r.email, a.name, c.name, e.characteristics,
       v.full_name, v.email, o.outcome, o.decided_at, cr.reference
  FROM moderation_escalation e
  JOIN moderation_item i ON i.id = e.item_id
  JOIN moderation_author a ON a.id = i.author_id
  JOIN moderation_channel c ON c.id = i.channel_id
  JOIN accounts_user r ON r.id = e.raised_by_id
  LEFT JOIN accounts_user v ON v.id = e.reviewer_id
  LEFT JOIN moderation_escalationoutcome o ON o.escalation_id = e.id
  LEFT JOIN moderation_crimereference cr ON cr.escalation_id = e.id
 ORDER BY {decided_at} DESC NULLS FIRST, e.raised_at DESC, e.id DESC
 LIMIT 26 OFFSET %s
"""
BARE_SQL = """
SELECT COUNT(*), COUNT(o.id),
       {characteristics},
       COUNT(*) FILTER (WHERE o.outcome = 'police_report'),
       COUNT(*) FILTER (WHERE o.outcome = 'no_report'),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY o.decided_at - e.raised_at),
       MAX(o.decided_at - e.raised_at)
  FROM moderation_escalation e LEFT JOIN moderation_escalationoutcome o ON o.escalation_id = e.id
 WHERE e.raised_at >= %s AND e.raised_at < %s
"""
MONTHS_SQL = """
SELECT to_char(date_trunc('month', e.raised_at AT TIME ZONE 'Europe/London'), 'YYYY-MM'),
       COUNT(*)
  FROM moderation_escalation e
 WHERE e.raised_at >= %s AND e.raised_at < %s GROUP BY 1 ORDER BY 1
"""


def bare_export(request):
    """The same figures straight from SQL, written with csv.writer: no ORM, no forms."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    out = csv.writer(response)
    bounds = [f"{RANGE['starts']}T00:00:00+00:00", f"{RANGE['ends']}T23:59:59+00:00"]
    characteristics = ", ".join(
        f"COUNT(*) FILTER (WHERE e.characteristics ? '{slug}')" for slug in CHARACTERISTICS)
    with connection.cursor() as cursor:
        cursor.execute(BARE_SQL.format(characteristics=characteristics), bounds)
        total, decided, *rest = cursor.fetchone()
        out.writerow(["total", "escalations", total])
        for slug, count in zip(CHARACTERISTICS, rest, strict=False):
            out.writerow(["characteristic", slug, count])
        out.writerow(["outcome", "police", rest[5]])
        out.writerow(["outcome", "no report", rest[6]])
        out.writerow(["time to decision", "median", rest[7]])
        out.writerow(["time to decision", "max", rest[8]])
        cursor.execute(MONTHS_SQL, bounds)
        for month, count in cursor.fetchall():
            out.writerow(["month", month, count])
    return response


@functools.cache
def _has_decided_at() -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "moderation_escalation")
    return any(c.name == "decided_at" for c in columns)


def bare_list(request):
    """The list's rows straight from SQL, escaped, no ORM, no count, no template: along the
    escalation's own decision time where it has one (else its outcome's)."""
    offset = 25 * (int(request.GET.get("page", 1)) - 1)
    order = "e.decided_at" if _has_decided_at() else "o.decided_at"
    with connection.cursor() as cursor:
        cursor.execute(LIST_SQL.format(decided_at=order), [offset])
        rows = cursor.fetchall()
    html = ["<!doctype html><title>bare</title><table>"]
    for (pk, raised_at, raiser, raiser_email, author, channel, characteristics, reviewer,
         reviewer_email, outcome, decided_at, reference) in rows[:25]:
        html.append(
            f"<tr><td>{raised_at:%d %b %Y, %H:%M} by {escape(raiser or raiser_email)}</td>"
            f"<td><a href='/moderation/escalations/{pk}/'>{escape(author)} on "
            f"{escape(channel)}</a></td><td>{escape(', '.join(characteristics))}</td>"
            f"<td>{escape(reviewer or reviewer_email or '')}</td>"
            f"<td>{escape(outcome or 'Undecided')} {decided_at or ''} {escape(reference or '')}"
            "</td></tr>")
    more = "<a rel='next' href='?page=2'>Next</a>" if len(rows) > 25 else ""
    return HttpResponse("".join(html) + "</table>" + more)


def seed(total: int, moderator, ceo) -> None:
    fill(int(total * 1.25), quiet=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM moderation_escalation")
        missing = total - cursor.fetchone()[0]
        if missing > 0:
            cursor.execute(ESCALATIONS_SQL, [CHARACTERISTICS] * 3 + [moderator.pk, ceo.pk,
                                                                   missing])
            cursor.execute(OUTCOMES_SQL, [ceo.pk])
            if _has_decided_at():
                cursor.execute(DECIDED_AT_SQL)
        cursor.execute("VACUUM ANALYZE")


def timed(client: Client, url: str, bare: str) -> tuple[float, float]:
    client.get(url)
    client.get(bare)
    page, base = [], []
    for _ in range(RUNS):
        started = time.perf_counter()
        assert client.get(bare).status_code == 200
        base.append(time.perf_counter() - started)
        started = time.perf_counter()
        response = client.get(url)
        page.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(page) * 1000, statistics.median(base) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 40_000])
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it on PostgreSQL: set DATABASE_URL.")
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.HWS_MFA_REQUIRED_ROLES = set()
    urls = types.ModuleType("report_bench_urls")
    urls.urlpatterns = [path("bench/bare.csv", bare_export), path("bench/list/", bare_list),
                        path("", include(settings.ROOT_URLCONF))]
    sys.modules[urls.__name__] = urls
    settings.ROOT_URLCONF = urls.__name__
    clear_url_caches()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    from accounts.models import User, UserRole
    from accounts.roles import Role

    fill(10, quiet=True)
    moderator = User.objects.get(email="bench-moderator@example.org")
    UserRole.objects.get_or_create(user=moderator, role=Role.MODERATOR)
    ceo = User.objects.create(email="bench-ceo@example.org", full_name="Bench CEO",
                              approval=User.Approval.APPROVED)
    UserRole.objects.create(user=ceo, role=Role.CHIEF_EXECUTIVE)
    client = Client()
    client.force_login(ceo)
    query = "&".join(f"{k}={v}" for k, v in RANGE.items())
    report_csv = f"/moderation/escalations/report/?{query}&format=csv"
    report_page = f"/moderation/escalations/report/?{query}"
    print(f"database: {connection.vendor}; median of {RUNS} requests, each after its bare "
          f"baseline (the CSV and the report against the bare export, the list against the bare "
          f"list); load average {os.getloadavg()[0]:.2f}\n")
    print(f"{'escalations':>11} {'what':<40} {'ms':>7} {'bare ms':>8} {'x bare':>7}")
    first: dict[str, float] = {}
    for size in args.sizes:
        seed(size, moderator, ceo)
        for label, url, bare_url in (
                ("Board report, CSV", report_csv, "/bench/bare.csv"),
                ("Board report, page", report_page, "/bench/bare.csv"),
                ("escalations list, page 1", "/moderation/escalations/", "/bench/list/"),
                ("escalations list, page 10", "/moderation/escalations/?page=10",
                 "/bench/list/?page=10")):
            ms, bare = timed(client, url, bare_url)
            first.setdefault(label, ms / bare)
            print(f"{size:>11,} {label:<40} {ms:>7.1f} {bare:>8.1f} {ms / bare:>7.2f}"
                  + (f"   (x bare at {args.sizes[0]:,}: {first[label]:.2f})"
                     if size != args.sizes[0] else ""), flush=True)

if __name__ == "__main__":
    main()
