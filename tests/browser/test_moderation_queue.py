"""The moderator's morning, in the browser: keyboard only, from the first flagged comment to an
empty queue, and comment text that tries to run script."""

import re

import pytest

from escalations.models import Escalation
from moderation.models import Decision
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _morning(facebook):
    return [
        flagged_item(
            "Ring me on 07700 900461 about my dad",
            "07700 900461",
            term="personal_details",
            kind="phone",
            severity=3,
            channel=facebook,
        ),
        flagged_item(
            "You are all useless idiots",
            "useless idiots",
            term="bullying",
            kind="insult",
            severity=3,
            channel=facebook,
        ),
        flagged_item("This is a load of sh1t", "sh1t", severity=2, channel=facebook),
        flagged_item(
            "DM me for a discount code",
            "discount code",
            term="personal_gain",
            kind="solicitation",
            severity=2,
            channel=facebook,
        ),
        flagged_item(
            "Hateful words about a group",
            "Hateful words",
            kind="hate",
            term="inappropriate_behaviour",
            severity=1,
            characteristic="religion_or_belief",
            channel=facebook,
        ),
    ]


def test_a_moderator_clears_five_flagged_comments_with_the_keyboard(page, sign_in, screenshot):
    me = moderator()
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook")
    phone, bully, rude, advert, hate = _morning(facebook)
    sign_in(page, me)
    page.goto("/moderation/")
    screenshot(page, "moderation-queue-morning")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{phone.pk}/"))

    page.keyboard.press("d")  # delete: the finding's term is ticked already
    expect_open = page.locator("details[data-key=d][open]")
    assert expect_open.count() == 1
    screenshot(page, "moderation-item-delete")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{bully.pk}/"))
    assert "Delete: on record" in page.inner_text("main")

    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{rude.pk}/"))

    page.keyboard.press("a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{advert.pk}/"))

    page.keyboard.press("r")
    page.keyboard.type("FB-REPORT-4471")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{hate.pk}/"))

    page.keyboard.press("e")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/moderation/$"))
    assert "Nothing waiting here" in page.inner_text("main")
    screenshot(page, "moderation-queue-empty")

    decided = dict(Decision.objects.values_list("item_id", "action"))
    assert decided == {
        phone.pk: "delete",
        bully.pk: "block_delete",
        rude.pk: "keep",
        advert.pk: "report",
        hate.pk: "escalate",
    }
    assert Decision.objects.get(item=phone).terms == ["personal_details"]
    assert Decision.objects.get(item=bully).terms == ["bullying"]
    assert Decision.objects.get(item=advert).report_reference == "FB-REPORT-4471"
    assert Escalation.objects.get().characteristics == ["religion_or_belief"]
    assert page.console_errors == []


def test_comment_text_that_carries_script_runs_nothing(page, sign_in):
    payload = 'rubbish <script>window.pwned=1</script><img src=x onerror="window.pwned=2"> end'
    item = flagged_item(payload, "rubbish")
    sign_in(page, moderator())
    for url in ("/moderation/", f"/moderation/items/{item.pk}/"):
        page.goto(url)
        assert page.evaluate("window.pwned") is None
        assert "<script>window.pwned=1</script>" in page.inner_text("main")
