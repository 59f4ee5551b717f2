"""WCAG 2.1.4: each person can turn the moderation pages' single-key shortcuts off or choose
other keys; the pages say how, show the person's keys, and hand them to the page's script."""

import json

import pytest
from django.urls import reverse

from core.models import AuditEvent
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db

USUAL = {"key_j": "j", "key_k": "k", "key_o": "o", "key_u": "u", "key_a": "a", "key_h": "h",
         "key_d": "d", "key_b": "b", "key_r": "r", "key_e": "e", "key_x": "x"}


def _save(client, **changes):
    data = {"shortcuts_on": "on", **USUAL, **changes}
    if "shortcuts_on" in changes and changes["shortcuts_on"] is None:
        data.pop("shortcuts_on")  # an unticked box is not sent
    return client.post(reverse("accounts_keyboard"), data, follow=True)


def test_a_moderator_remaps_keys_and_the_pages_show_and_carry_them(login):
    me = moderator()
    client = login(me)
    response = _save(client, key_j="n", key_d="z")
    assert "Your keyboard shortcuts are saved." in response.content.decode()
    me.refresh_from_db()
    assert me.shortcuts_on and me.shortcut_keys == {"j": "n", "d": "z"}
    assert AuditEvent.objects.filter(action="accounts.shortcuts_set").exists()

    item = flagged_item("damn it", "damn")
    queue = client.get(reverse("moderation_queue")).content.decode()
    assert "<kbd>n</kbd>/<kbd>k</kbd> move" in queue
    assert reverse("accounts_keyboard") in queue
    carried = queue.split('data-shortcuts="')[1].split('"')[0].replace("&quot;", '"')
    assert json.loads(carried) == {"on": True, "keys": {"j": "n", "d": "z"}}
    page = client.get(reverse("moderation_item", args=[item.pk])).content.decode()
    assert "<kbd>z</kbd> delete" in page and reverse("accounts_keyboard") in page


def test_turning_them_off_is_said_on_the_pages(login):
    me = moderator()
    client = login(me)
    _save(client, shortcuts_on=None)
    me.refresh_from_db()
    assert me.shortcuts_on is False
    item = flagged_item("damn it", "damn")
    queue = client.get(reverse("moderation_queue")).content.decode()
    assert "Single-key shortcuts are off" in queue
    page = client.get(reverse("moderation_item", args=[item.pk])).content.decode()
    assert "Single-key shortcuts are off." in page and "<kbd>d</kbd>" not in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"key_j": "k"}, "“k” is already the key for “Next comment”."),
    ({"key_j": "?"}, "Use a letter (a–z) or a digit (0–9)."),
    ({"key_j": "nn"}, "One key only"),
    ({"key_j": ""}, "Give one key"),
])
def test_bad_keys_are_refused_with_the_reason_and_nothing_changes(login, changes, message):
    me = moderator()
    response = _save(login(me), **changes)
    assert message in response.content.decode()
    me.refresh_from_db()
    assert me.shortcut_keys == {} and me.shortcuts_on


def test_the_setting_is_for_the_people_who_have_shortcuts(login):
    from tests.factories import person

    assert login(person("volunteer")).get(reverse("accounts_keyboard")).status_code == 403
