"""Long lists in a browser: the queue past the cap says "20+" and goes on page by page, and the
blocked authors and escalations lists show 25 at a time with a Next link, at desktop and at
phone width (nothing wider than the screen)."""

import pytest

from core import counts
from moderation.queue.services import decide
from tests.factories import AuthorFactory, ChannelFactory, escalated, flagged_item, person
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_long_lists_go_page_by_page_at_desktop_and_phone_width(
    page, sign_in, screenshot, monkeypatch
):
    from accounts.roles import Role

    monkeypatch.setattr(counts, "CAP", 20)
    me = person(Role.MODERATOR, Role.CHIEF_EXECUTIVE, full_name="Morgan Moderator")
    other = moderator()
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook")
    for i in range(30):
        flagged_item(f"Ring me on 07700 900{i:03d}", f"07700 900{i:03d}",
                     term="personal_details", kind="phone", severity=3, channel=facebook)
    for i in range(27):
        item = flagged_item(f"You useless idiots {i}", "useless idiots", term="bullying",
                            kind="insult", severity=3, channel=facebook,
                            author=AuthorFactory(channel=facebook))
        decide(item_id=item.pk, actor=other, action="block", seen=0, terms=["bullying"])
    for _ in range(26):
        escalated(by=other)
    sign_in(page, me)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/moderation/")
        assert page.locator(".nav-tabs .badge").first.inner_text() == "20+"
        screenshot(page, f"long-queue-{width}")
        page.get_by_role("link", name="Next").click()
        assert "Page 2" in page.locator(".pagination").inner_text()
        for path, name in (("/moderation/blocked/", "long-blocked"),
                           ("/moderation/escalations/", "long-escalations")):
            page.goto(path)
            assert page.locator("tbody tr").count() == 25
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            screenshot(page, f"{name}-{width}")
            page.get_by_role("link", name="Next").click()
            assert "Page 2" in page.locator(".pagination").inner_text()  # 20+: no "of"
            assert page.locator("tbody tr").count() in (1, 2)
