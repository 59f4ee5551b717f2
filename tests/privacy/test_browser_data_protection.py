"""Walked in the browser: the privacy notice signed out, a moderator's subject-access export
and erasure, the CEO's audit trail; each page at desktop and phone width."""

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core import audit
from moderation.queue.services import decide
from tests.factories import ItemFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def retention_rules():
    """A transactional test starts from flushed tables: load the schedule as the data
    migration does."""
    import importlib

    from django.apps import apps

    importlib.import_module("privacy.migrations.0002_default_retention_schedule").forwards(
        apps, None)


def _both_widths(page, screenshot, name):
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"{name}-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    page.set_viewport_size({"width": 1280, "height": 900})


def test_notice_export_erasure_and_audit_trail_walked(page, browser, live_server, sign_in,
                                                       screenshot, retention_rules):
    page.goto("/accounts/login/")
    page.get_by_role("link", name=re.compile("privacy notice")).click()
    expect(page.get_by_role("heading", name="How long we keep it")).to_be_visible()
    expect(page.locator("#retention-schedule")).to_contain_text("3 years")
    _both_widths(page, screenshot, "privacy-1-notice")

    moderator = person("moderator", full_name="Mo Moderator")
    item = ItemFactory(author__name="Margaret Ellis",
                       text="My mum waited 6 hours. Ring me on 07400 123456")
    decide(item_id=item.pk, actor=moderator, action="delete", seen=0,
           terms=["personal_details"])
    sign_in(page, moderator)
    page.get_by_role("link", name="Requests from people").click()
    page.get_by_label("Name, email or platform id they gave").fill("margaret")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("cell", name="Margaret Ellis")).to_be_visible()
    _both_widths(page, screenshot, "privacy-2-find")
    page.get_by_role("link", name="Everything held").first.click()
    expect(page.get_by_text("My mum waited 6 hours")).to_be_visible()
    expect(page.get_by_text(re.compile("Delete the comment|Delete"))).not_to_have_count(0)
    _both_widths(page, screenshot, "privacy-3-export")
    page.go_back()
    page.get_by_role("link", name="Erase…").first.click()
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_text("Give the date the request was received.")).to_be_visible()
    page.get_by_label("Request received on").fill("2026-11-20")
    page.get_by_label(re.compile("I have checked")).check()
    _both_widths(page, screenshot, "privacy-4-erase")
    page.get_by_role("button", name="Erase").click()
    expect(page.get_by_role("heading", name="The reply to send")).to_be_visible()
    _both_widths(page, screenshot, "privacy-5-erasure-record")
    assert page.console_errors == []

    ceo = person("chief_executive", full_name="Cee Eeo")
    audit.record(ceo, "=cmd|' /C calc'!A0")
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900})
    ceo_page = context.new_page()
    sign_in(ceo_page, ceo)
    ceo_page.get_by_role("button", name="Data protection").click()
    ceo_page.get_by_role("link", name="Audit trail").click()
    ceo_page.get_by_label("From").fill("2020-01-01")
    ceo_page.get_by_label("To (inclusive)").fill("2021-06-30")
    ceo_page.get_by_role("button", name="Show").click()
    expect(ceo_page.get_by_text("Export at most 366 days at a time.")).to_be_visible()
    today = timezone.localdate().isoformat()
    ceo_page.get_by_label("From").fill(today)
    ceo_page.get_by_label("To (inclusive)").fill(today)
    ceo_page.get_by_role("button", name="Show").click()
    expect(ceo_page.get_by_text("privacy.erasure")).to_be_visible()
    _both_widths(ceo_page, screenshot, "privacy-6-audit-trail")
    with ceo_page.expect_download() as download:
        ceo_page.get_by_role("link", name="Download CSV").click()
    body = Path(download.value.path()).read_text(encoding="utf-8")
    assert "'=cmd" in body and "privacy.erasure" in body
    context.close()
