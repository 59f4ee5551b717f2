"""A safeguarding concern in the browser: a self-harm comment arrives through the website's
signed webhook, goes to the top of the queue above a possible hate crime, the lead the Chief
Executive named is emailed at once, and the lead records a referral to the council's
safeguarding team. Each page is photographed at 1280 and 390 px wide."""

import json
import re

import pytest

from accounts.roles import Role
from moderation.intake.webhooks import signature_for
from safeguarding.models import Concern, Response
from tests.factories import ChannelFactory, flagged_item, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("screening_words")]
SELF_HARM = "Nobody listens at the surgery. I want to end it all tonight."


def _post_comment(page, channel, text):
    """The website's server posting a comment to the channel's signed webhook."""
    body = json.dumps({"id": "c-77", "author_id": "u-7", "author_name": "Alex Resident",
                       "text": text, "posted_at": "2026-11-24T14:05:00Z"}).encode()
    response = page.request.post(
        f"/webhooks/channels/{channel.pk}/", data=body,
        headers={"Content-Type": "application/json",
                 "X-HWS-Signature": signature_for(channel.webhook_secret, body)})
    assert response.status < 300, response.text()


def test_a_self_harm_comment_reaches_the_lead_who_records_a_referral(
    browser, live_server, page, sign_in, both_widths, mailoutbox
):
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    lead = person(Role.STAFF, full_name="Sasha Lead")
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    website = ChannelFactory(platform="website", name="Website comments")
    flagged_item("People like you should go back to where you came from",
                 "go back to where you came from", term="inappropriate_behaviour", kind="hate",
                 severity=4, characteristic="race", channel=website)

    sign_in(page, ceo)
    page.goto("/safeguarding/lead/")
    page.get_by_label("Safeguarding lead").select_option(label=str(lead))
    page.get_by_role("button", name="Name the lead").click()
    page.get_by_text("Sasha Lead is now the safeguarding lead.").wait_for()
    both_widths(page, "safeguarding-lead")

    _post_comment(page, website, SELF_HARM)
    concern = Concern.objects.get()
    told = [m for m in mailoutbox if "Safeguarding:" in m.subject]
    assert [m.to for m in told] == [[lead.email]]

    moderator_context = browser.new_context(base_url=live_server.url,
                                            viewport={"width": 1280, "height": 900})
    moderator_page = moderator_context.new_page()
    sign_in(moderator_page, moderator)
    moderator_page.goto("/moderation/")
    first = moderator_page.locator("[data-queue-row]").first
    assert "end it all" in first.inner_text()
    assert "Severity 5" in first.inner_text()
    both_widths(moderator_page, "safeguarding-queue")
    first.locator("[data-open]").click()
    moderator_page.locator("[data-safeguarding]").wait_for()
    assert "Sasha Lead, the safeguarding lead, was told" in moderator_page.inner_text(
        "[data-safeguarding]")
    both_widths(moderator_page, "safeguarding-item")
    moderator_context.close()

    lead_context = browser.new_context(base_url=live_server.url,
                                       viewport={"width": 1280, "height": 900})
    lead_page = lead_context.new_page()
    errors: list[str] = []
    lead_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(lead_page, lead)
    lead_page.goto("/")
    lead_page.get_by_role("link", name=re.compile("1 safeguarding concern with nothing")).click()
    both_widths(lead_page, "safeguarding-list")
    lead_page.get_by_role("link", name=re.compile("Alex Resident on Website comments")).click()
    lead_page.get_by_text("Hash verified").wait_for()
    assert "end it all" in lead_page.inner_text("blockquote")
    lead_page.get_by_label("Referred to the council's safeguarding team").check()
    lead_page.get_by_label("Details").fill("Called Sutton MASH at 15:10, reference SG-4471.")
    lead_page.get_by_role("button", name="Record what was done").click()
    lead_page.get_by_text("Recorded: referred to the council's safeguarding team.").wait_for()
    both_widths(lead_page, "safeguarding-concern")
    assert not errors
    lead_context.close()

    response = Response.objects.get()
    assert (response.concern, response.action, response.recorded_by) == (
        concern, "referred", lead)
    assert not page.console_errors
