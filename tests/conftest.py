"""Fixtures for the whole suite: clean cache and inline tasks for every test, fast password
hashing, sign-in on the test client, a real Celery worker for the tests that ask for one, and
the browser fixtures (Playwright driving Debian's Chromium against live_server).

The browser fixtures live here, once, because Playwright's sync API allows one running instance
per process: a session fixture defined in several conftest files would start several.
`playwright install` cannot download browsers here, so the system binary is used; outside CI a
missing Chromium skips the browser tests with the reason, in CI (CI=true) it fails them.
"""

import os
import runpy
import shutil
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# The real in-process worker (`celery_worker`) for tests that need one; no plugin registers
# these fixtures, so they are imported here. `celery_config` below configures it.
from celery.contrib.pytest import (  # noqa: F401
    celery_app,
    celery_enable_logging,
    celery_includes,
    celery_parameters,
    celery_worker,
    celery_worker_parameters,
    celery_worker_pool,
    use_celery_app_trap,
)
from django.core.cache import cache
from django.test.utils import override_settings

from hws_engage.celery import app as hws_celery_app
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.totp import current_code

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session", autouse=True)
def _private_cache():
    """Without Redis the app's cache is a folder under var/ that a running `dev.py run` (or a
    second test run) shares: tests keep theirs in memory, so neither clears the other's."""
    if os.environ.get("REDIS_URL"):
        yield
        return
    with override_settings(CACHES={"default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}):
        yield


@pytest.fixture(autouse=True)
def _isolated_cache_and_eager_tasks():
    """Rate-limit counters and used 2FA codes live in the cache: start every test clean.
    Tasks run inline unless a test asks for a real worker (see `celery_config`)."""
    cache.clear()
    hws_celery_app.conf.task_always_eager = True
    hws_celery_app.conf.task_eager_propagates = True
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make many people; Argon2 for each would make the suite slow, and hashing is not
    what they test (production keeps Argon2 first: hws_engage/settings.py)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_idle_sign_out_unless_tested(settings):
    """Many tests move the clock days ahead with a signed-in client; the idle sign-out would
    send those to the sign-in page at some hours and not others. Its own tests set a period
    (tests/accounts/test_idle_sign_out.py)."""
    settings.SESSION_IDLE_MINUTES = 60 * 24 * 365 * 10


@pytest.fixture(scope="session")
def celery_config():
    """For tests that use celery.contrib.pytest's real in-process worker."""
    broker = os.environ.get("REDIS_URL") or "memory://"
    return {"broker_url": broker, "result_backend": "cache+memory://",
            "task_always_eager": False}


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on: a Redis or broker that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down(settings, closed_port, monkeypatch):
    """The cache as settings.py configures it when REDIS_URL is set, with that Redis down."""
    import hws_engage.settings as settings_module

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{closed_port}/0")
    configured = runpy.run_path(str(Path(settings_module.__file__)))
    settings.CACHES = configured["CACHES"]


@pytest.fixture
def broker_down(closed_port):
    """Tasks are really sent (not run inline), to a broker that is not there."""
    app = hws_celery_app
    saved = app.conf.broker_url, app.conf.broker_transport_options
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port}/0"
    app.conf.broker_transport_options = {}
    app._after_fork()  # drop pooled connections to the real broker
    yield
    app.conf.broker_url, app.conf.broker_transport_options = saved
    app._after_fork()


@pytest.fixture
def fake_graph(httpserver, settings):
    """Meta's Graph API, faked by a real HTTP server on 127.0.0.1 (tests/moderation/fake_graph.py);
    the app is pointed at it and never at the network."""
    from tests.moderation.fake_graph import APP_ID, APP_SECRET, FakeGraph

    fake = FakeGraph(httpserver)
    settings.META_GRAPH_URL = fake.url
    settings.META_GRAPH_TIMEOUT_SECONDS = 0.5
    settings.META_APP_ID = APP_ID
    settings.META_APP_SECRET = settings.META_APP_SECRET or APP_SECRET
    return fake


@pytest.fixture
def login(client):
    """Sign `user` in on the test client and return the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM must stay usable from
    # the test body. Set only while browser tests run, never in a deployment.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (apt-get install chromium); CI needs it.")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


# axe-core's impacts that fail a browser test (WCAG 2.1 AA rules).
AXE_FAILING_IMPACTS = {"serious", "critical"}


def axe_check(page, found: list[str]) -> None:
    """Run axe-core (bundled with axe-playwright-python: no network) on the page as it is now,
    and note every serious or critical violation with the page's address."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.url.startswith("http") or "html" not in (
        page.evaluate("document.contentType") or ""
    ):
        return
    # Django's own admin site (the administrator's tool, Django's markup: its inline formsets
    # leave the delete box and the select of a row unlabelled) is not one of the app's pages.
    if urlsplit(page.url).path.startswith("/admin/"):
        return
    results = Axe().run(page, options={
        "resultTypes": ["violations"],
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    })
    for violation in results.response["violations"]:
        if violation["impact"] in AXE_FAILING_IMPACTS:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            found.append(f"{page.url}: {violation['id']} ({violation['impact']}): "
                         f"{violation['help']} — {targets}")


@pytest.fixture
def page(browser, live_server):
    """A browser tab on the live server. Every page it loads is checked with axe-core and the
    test fails on any serious or critical accessibility violation: a page opened with `goto`
    is checked at once; one reached by a click or a form is noted when it loads (a check in
    the load event would race the test's next step) and opened again, in the same session,
    when the test ends."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    violations: list[str] = []
    loaded: list[str] = []
    checked: set[str] = set()
    page.on("load", lambda p: loaded.append(p.url))
    goto = page.goto

    def goto_and_check(url, **kwargs):
        response = goto(url, **kwargs)
        axe_check(page, violations)
        checked.add(page.url)
        return response

    page.goto = goto_and_check
    page.axe_violations = violations
    yield page
    for url in dict.fromkeys(loaded):
        if url not in checked:
            again = context.new_page()
            again.goto(url)
            axe_check(again, violations)
            again.close()
    context.close()
    if violations:
        pytest.fail("Accessibility (axe-core) violations:\n" + "\n".join(violations))


@pytest.fixture
def screenshot():
    ARTIFACTS.mkdir(exist_ok=True)

    def _shot(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shot


@pytest.fixture
def screening_words(db):
    """The default word lists, for transactional tests: the migrations seeded them, but a
    transactional test before this one may have emptied the table."""
    from moderation.intake.screener import word_lists_changed
    from moderation.models import ScreeningWord
    from screening import default_wordlists

    if not ScreeningWord.objects.exists():
        ScreeningWord.objects.bulk_create(
            [ScreeningWord(list=name, characteristic=c or "", text=text)
             for name, c, text in default_wordlists().entries()],
            ignore_conflicts=True,
        )
    word_lists_changed()


@pytest.fixture
def both_widths(screenshot):
    """Photograph the page at 1280 and at 390 px wide; at 390 it must not scroll sideways."""

    def _both(page, name: str) -> None:
        screenshot(page, f"{name}-1280")
        page.set_viewport_size({"width": 390, "height": 844})
        screenshot(page, f"{name}-390")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} too wide"
        page.set_viewport_size({"width": 1280, "height": 900})

    return _both


@pytest.fixture
def sign_in():
    """Sign in through the real pages, answering the two-factor step when it comes."""

    def _sign_in(page, user, password: str = TEST_PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign In", exact=True).click()
        if "/accounts/2fa/authenticate" in page.url:
            page.locator("input[name=code]").fill(current_code(TEST_TOTP_SECRET))
            page.get_by_role("button", name="Sign In", exact=True).click()
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture
def groups_and_rules():
    """A transactional test starts from tables another one may have flushed, data migrations'
    rows included: load the WhatsApp groups and the agreement's rules again, as the data
    migrations do."""
    import importlib

    from django.apps import apps

    for name in ("0003_directors_and_volunteers_groups_and_agreement_rules",
                 "0007_agreement_rules_hws_business_only_and_requests_by_email"):
        importlib.import_module(f"optins.migrations.{name}").forwards(apps, None)
