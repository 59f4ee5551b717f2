"""Experiences in the browser: a moderator records the experience in a comment with the
suggestion (one key), records the thank-you reply and logs a phone call; the Chief Executive
reads the trends, drills down to the masked comments, and opens the Board report and its PDF.
Each page is photographed at 1280 and 390 px wide."""

import importlib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from experiences.models import Experience
from tests.factories import ChannelFactory, FindingFactory, ItemFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_records_experiences_and_the_ceo_reads_the_trends_and_the_report(
    browser, live_server, page, sign_in, both_widths
):
    # An earlier transactional test may have flushed what the data migration loaded.
    from django.apps import apps
    importlib.import_module(
        "experiences.migrations.0002_seed_services_themes_and_thank_you_reply").seed(apps, None)
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook")
    text = "Waited three weeks for a GP appointment and the receptionist was rude. 07700 900077"
    item = ItemFactory(text=text, channel=facebook)
    FindingFactory(item=item, term="personal_details", kind="phone", match="07700 900077",
                   severity=3)

    sign_in(page, moderator)
    page.goto(reverse("moderation_item", args=[item.pk]))
    page.keyboard.press("x")  # from the comment's page, one key, like the decisions
    page.wait_for_url(f"**/experiences/from-item/{item.pk}/")
    assert page.locator("#id_service").input_value() != ""
    assert page.get_by_label("Waiting times").is_checked()
    assert page.get_by_label("Negative").is_checked()
    both_widths(page, "experience-record")
    page.keyboard.press("Enter")  # accept the suggestion with one key
    page.get_by_text("The experience is recorded.").wait_for()
    assert "[phone]" in Experience.objects.get(item=item).masked_text
    both_widths(page, "experience-thank-you")
    page.get_by_role("button", name="I have sent this reply").click()
    page.get_by_text("The thank-you reply is on record as sent.").wait_for()

    today = timezone.localdate()
    page.goto("/experiences/log/")
    page.get_by_label("How it was told").select_option("phone")
    page.get_by_label("Date").fill(str(today - timedelta(days=1)))
    page.get_by_label("What they told us").fill("The pharmacy was kind and quick, thank you")
    page.locator("#id_service").select_option(label="Pharmacies")
    page.get_by_label("Staff attitude").check()
    page.get_by_label("Positive").check()
    both_widths(page, "experience-log")
    page.get_by_role("button", name="Record the experience").click()
    page.get_by_text("The experience is recorded.").wait_for()
    assert page.console_errors == []

    ceo_context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": 1280, "height": 900})
    ceo_page = ceo_context.new_page()
    sign_in(ceo_page, ceo)
    period = f"starts={today - timedelta(days=364)}&ends={today}"  # the year to today
    ceo_page.goto(f"/experiences/trends/?{period}")
    ceo_page.get_by_role("heading", name="Experiences and trends").wait_for()
    both_widths(ceo_page, "experience-trends")
    ceo_page.get_by_role("link", name="Waiting times").first.click()
    ceo_page.get_by_role("heading", name="Experiences about Waiting times").wait_for()
    assert "[phone]" in ceo_page.inner_text("main")
    assert "07700" not in ceo_page.inner_text("main")
    both_widths(ceo_page, "experience-drill-down")

    ceo_page.goto(f"/reports/board/?{period}")
    ceo_page.get_by_role("heading", name="Board report").wait_for()
    both_widths(ceo_page, "board-report")
    pdf = ceo_page.request.get(f"/reports/board.pdf?{period}")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    ceo_context.close()
