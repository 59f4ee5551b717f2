"""WCAG 2.1.4 in the browser: a moderator's chosen key works, the usual key it replaced does
nothing, and with shortcuts off no letter does anything."""

import re

import pytest

from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_remapped_key_works_and_the_usual_one_does_not(page, sign_in, screenshot):
    me = moderator(shortcut_keys={"j": "n"})
    item = flagged_item("damn it", "damn")
    sign_in(page, me)
    page.goto("/accounts/keyboard/")
    screenshot(page, "keyboard-settings-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "keyboard-settings-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/moderation/")
    page.keyboard.press("j")
    assert page.locator(".is-selected").count() == 0
    page.keyboard.press("n")
    assert page.locator(".is-selected").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/moderation/items/{item.pk}/"))


def test_with_shortcuts_off_letters_do_nothing(page, sign_in):
    me = moderator(shortcuts_on=False)
    item = flagged_item("damn it", "damn")
    sign_in(page, me)
    page.goto(f"/moderation/items/{item.pk}/")
    page.keyboard.press("d")
    assert page.locator("details[data-key=d][open]").count() == 0
    assert "Single-key shortcuts are off" in page.inner_text("main")
