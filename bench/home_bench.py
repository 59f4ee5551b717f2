"""The home page and each app's part of it (home.attention) as the comments grow: at each
size, the home page against a bare page behind the same middleware, and each app's attention()
against its own time at the smallest size, with its queries.

    .venv/bin/python bench/home_bench.py [--sizes 1000 20000]

Comments are filled as bench/queue_bench.py fills them (that module sets up the throwaway
database when it is imported).
"""

import argparse
import statistics
import time

import queue_bench  # noqa: F401 - sets up the throwaway database and Django
from bare_urls import serve_beside_the_project
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.urls import path
from fill_comments import fill

RUNS = 7


def bare_page(request):
    """What any signed-in page costs: the middleware (session, user, roles) and one query."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("<!doctype html><title>bare</title>")


def timed(call) -> tuple[float, int]:
    call()  # warm
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, len(captured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.HWS_MFA_REQUIRED_ROLES = set()  # signing in is not what is measured
    serve_beside_the_project("home_bench_urls", path("bench/bare/", bare_page))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import User, UserRole
    from accounts.roles import Role
    from core.registry import _home_modules

    moderator = User.objects.create(email="bench-home@example.org", full_name="Bench",
                                    approval=User.Approval.APPROVED)
    for role in (Role.MODERATOR, Role.CHIEF_EXECUTIVE):
        UserRole.objects.create(user=moderator, role=role)
    client = Client()
    client.force_login(moderator)
    print(f"database: {connection.vendor}; a moderator who is also the CEO; median of {RUNS}\n")
    print(f"{'comments':>9} {'what':<44} {'ms':>8} {'x':>6} {'queries':>8}")
    first: dict[str, float] = {}
    for size in args.sizes:
        fill(size, quiet=True)
        bare, queries = timed(lambda: client.get("/bench/bare/"))
        print(f"{size:>9} {'bare page (x: itself)':<44} {bare:>8.1f} {1:>6.2f} {queries:>8}")
        home, queries = timed(lambda: client.get("/"))
        print(f"{size:>9} {'home page (x: bare page)':<44} {home:>8.1f} {home / bare:>6.2f} "
              f"{queries:>8}")
        user = User.objects.get(pk=moderator.pk)
        user.role_slugs  # noqa: B018 - read once per request by the middleware
        for module in _home_modules():
            if not hasattr(module, "attention"):
                continue
            label = f"{module.__name__}.attention"
            ms, queries = timed(lambda module=module, user=user: module.attention(user))
            first.setdefault(label, ms)
            print(f"{size:>9} {label + ' (x: first size)':<44} {ms:>8.2f} "
                  f"{ms / first[label]:>6.2f} {queries:>8}")
    if connection.vendor == "sqlite":
        from pathlib import Path

        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
