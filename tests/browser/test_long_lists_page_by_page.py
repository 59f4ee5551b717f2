"""The lists that grow, seen as the CEO sees them: the escalations, the audit trail and the
social media accounts go a page at a time, with page links that work, at desktop width and on
a phone (nothing wider than the screen)."""

from datetime import UTC, datetime

import pytest
import time_machine

from accounts.roles import Role
from core import audit
from tests.factories import SocialAccountFactory, escalated, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTS = [
    ("escalations", "/moderation/escalations/", "Pages of escalations"),
    ("audit-trail", "/privacy/audit-trail/?starts_on=2026-06-01&ends_on=2026-06-03",
     "Pages of the audit trail"),
    ("social-accounts", "/policies/accounts/", "Pages of the register"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_long_lists_go_page_by_page_on_any_screen(page, sign_in, screenshot, width):
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    raiser = person(Role.MODERATOR, full_name="Mo Derator")
    for _ in range(27):
        escalated(by=raiser)
    with time_machine.travel(datetime(2026, 6, 2, 9, 0, tzinfo=UTC), tick=False):
        for n in range(120):
            audit.record(ceo, f"event.{n:03d}")
    SocialAccountFactory.create_batch(27)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, ceo)
    for name, path, label in LISTS:
        page.goto(path)
        pages = page.get_by_role("navigation", name=label)
        pages.get_by_role("link", name="Next").click()
        page.wait_for_load_state()
        assert "page=2" in page.url
        assert pages.get_by_text("Page 2").is_visible()
        assert pages.get_by_role("link", name="Previous").is_visible()
        screenshot(page, f"long-list-{name}-{width}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width} px wide on {width} px"
