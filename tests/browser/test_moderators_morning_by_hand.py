"""The moderator's morning, in the browser (issue 13): an Instagram block the app cannot do
lands on the to-do page and Done clears it; twenty unflagged comments are kept with one
confirmation; the queue keeps the keyboard position when you come back."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from moderation.models import Decision, PlatformAction
from tests.factories import ChannelFactory, ItemFactory, escalated, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def both_widths(page, screenshot, name):
    screenshot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    screenshot(page, f"{name}-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()


def test_an_instagram_block_appears_on_the_to_do_page_and_done_clears_it(
    page, sign_in, screenshot
):
    me = moderator()
    instagram = ChannelFactory(platform="instagram", name="HWS Instagram")
    item = flagged_item("You lot are useless idiots", "useless idiots", term="bullying",
                        kind="insult", severity=3, channel=instagram, author__name="sutton_troll",
                        permalink="https://www.instagram.com/p/C0ffee/c/17865799348089039/")
    sign_in(page, me)
    page.goto(f"/moderation/items/{item.pk}/")
    page.keyboard.press("b")  # delete and block: the app can do neither on Instagram yet
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/moderation/$"))

    page.goto("/")
    home = page.locator(".attention-list a", has_text="2 actions on the platforms wait")
    assert home.get_attribute("href") == "/moderation/to-do/"
    both_widths(page, screenshot, "home-to-do-by-hand")

    menu = page.locator("a.dropdown-toggle", has_text="Moderation")
    assert menu.locator(".badge").is_visible()
    assert menu.inner_text().split() == ["Moderation", "2", "to", "do"]
    menu.click()
    page.locator(".dropdown-menu a", has_text="To do by hand").click()
    page.wait_for_url("**/moderation/to-do/")
    main = page.inner_text("main")
    assert "Block sutton_troll on Instagram: open their profile → … (top right) → Block" in main
    assert "Delete sutton_troll's comment on Instagram" in main
    both_widths(page, screenshot, "moderation-to-do")

    block = PlatformAction.objects.get(kind="block")
    page.locator(f"#action-{block.pk}").get_by_role("button", name=re.compile("^Done")).click()
    page.wait_for_url("**/moderation/to-do/")
    assert "Block the author: confirmed as done." in page.inner_text("main")
    assert page.locator(f"#action-{block.pk}").count() == 0
    block.refresh_from_db()
    assert (block.status, block.confirmed_by) == ("done", me)

    delete = PlatformAction.objects.get(kind="delete")
    page.locator(f"#action-{delete.pk}").get_by_role("button", name=re.compile("^Done")).click()
    assert "Nothing left to do by hand" in page.inner_text("main")
    assert "to do" not in page.locator("a.dropdown-toggle", has_text="Moderation").inner_text()
    assert page.console_errors == []


def test_a_bulk_keep_of_twenty_unflagged_comments_takes_one_confirmation(
    page, sign_in, screenshot
):
    me = moderator()
    website = ChannelFactory(platform="website", name="Website comments")
    now = timezone.now()
    items = [ItemFactory(channel=website, text=f"Thank you for the clinic update number {n}",
                         screened_at=now) for n in range(20)]
    sign_in(page, me)
    page.goto("/moderation/?tab=clean")
    screenshot(page, "moderation-not-flagged-tab")
    page.get_by_role("button", name="Keep all 20 on this page…").click()
    page.wait_for_url(re.compile(r"/moderation/keep/\?"))
    assert page.get_by_role("heading", name="Keep 20 comments?").is_visible()
    assert page.locator("[data-keep-row]").count() == 20
    assert not Decision.objects.exists()
    both_widths(page, screenshot, "moderation-keep-confirm")

    page.get_by_role("button", name="Keep 20 comments").click()
    page.wait_for_url(re.compile(r"/moderation/\?tab=clean$"))
    assert "Kept 20 comments: each decision is on record." in page.inner_text("main")
    assert sorted(Decision.objects.filter(action="keep", decided_by=me)
                  .values_list("item_id", flat=True)) == sorted(i.pk for i in items)
    assert page.console_errors == []


def test_the_queue_keeps_the_keyboard_position_when_you_come_back(page, sign_in):
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook")
    items = [flagged_item(f"What rubbish {n}", "rubbish", channel=facebook) for n in range(5)]
    sign_in(page, moderator())
    page.goto("/moderation/")
    for _ in range(3):
        page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{items[2].pk}/"))

    page.keyboard.press("u")  # the "Back to the queue" link: a fresh load of the queue
    page.wait_for_url(re.compile(r"/moderation/$"))
    assert page.locator(".is-selected").get_attribute("id") == f"item-{items[2].pk}"
    page.keyboard.press("j")
    assert page.locator(".is-selected").get_attribute("id") == f"item-{items[3].pk}"

    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{items[3].pk}/"))
    page.go_back()  # the browser's Back button
    assert page.locator(".is-selected").get_attribute("id") == f"item-{items[3].pk}"
    assert page.console_errors == []


def test_a_logged_comment_shows_its_screenshot_and_note(page, sign_in, screenshot, settings,
                                                        tmp_path):
    settings.MEDIA_ROOT = tmp_path
    me = moderator()
    buffer = io.BytesIO()
    Image.new("RGB", (600, 300), (230, 240, 255)).save(buffer, "PNG")
    item = ItemFactory(channel=ChannelFactory(platform="other", name="Sutton Residents group"),
                       source="manual", logged_by=me, text="Seen in the residents' group",
                       note="Screenshot taken at 09:12 before the post was deleted",
                       screened_at=timezone.now())
    item.screenshot.save("shot.png", ContentFile(buffer.getvalue()))
    sign_in(page, me)
    page.goto(f"/moderation/items/{item.pk}/")
    assert "Note: Screenshot taken at 09:12" in page.inner_text("main")
    assert page.locator("img.logged-screenshot").evaluate("img => img.naturalWidth") == 600
    both_widths(page, screenshot, "moderation-logged-comment")

    escalation = escalated(item, by=me, terms=["inappropriate_behaviour"])
    page.goto(f"/moderation/escalations/{escalation.pk}/")
    assert "Screenshot taken at 09:12" in page.inner_text("main")
    assert page.locator("img.logged-screenshot").evaluate("img => img.naturalWidth") == 600
    both_widths(page, screenshot, "escalation-evidence-logged-comment")
    assert page.console_errors == []
