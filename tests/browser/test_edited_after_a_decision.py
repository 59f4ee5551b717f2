"""A comment kept, then edited to add a phone number and an address: back in the queue, marked,
with the text the decision was made on beside the new one. Photographed at 1280 and 390 px."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from moderation.intake.services import ingest, record_edit
from moderation.queue.services import decide
from tests.factories import ChannelFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("screening_words")]


def test_the_moderator_sees_both_texts_of_a_comment_edited_after_a_decision(
    page, sign_in, screenshot
):
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    website = ChannelFactory(platform="website", name="Website comments")
    comment = {"author_id": "u-1", "author_name": "Pat Jones", "source": "json_webhook",
               "posted_at": timezone.now() - timedelta(hours=2)}
    item, _ = ingest(website, platform_item_id="c-1", text="Lovely staff at the clinic",
                     **comment)
    decide(item_id=item.pk, actor=moderator, action="keep", seen=0)
    record_edit(website, platform_item_id="c-1", edited_at=timezone.now(),
                text="Lovely staff. Ring me on 07700 900077, 12 Carshalton Road SM5 3AB",
                **comment)

    sign_in(page, moderator)
    page.goto("/moderation/")
    row = page.locator("[data-queue-row]").first
    assert "Edited after a decision" in row.inner_text()
    row.locator("[data-open]").click()
    page.get_by_role("heading", name="Decide").wait_for()
    main = page.inner_text("main")
    assert "Lovely staff at the clinic" in main and "Carshalton Road" in main
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, f"edited-after-a-decision-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not page.console_errors
