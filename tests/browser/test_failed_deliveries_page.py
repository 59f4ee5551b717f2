"""The Moderator finds a failed delivery from the home page, reads what went wrong and retries
it; the page fits a phone. The CEO reads the word lists without ways to change them."""

import pytest
from django.utils import timezone

from accounts.roles import Role
from moderation.models import Item, WebhookDelivery
from tests.factories import ChannelFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ('{"comments": [{"id": "c-1", "author_id": "u-42", "author_name": "Sam Visitor", '
        '"text": "The waiting times at St Helier are getting worse.", '
        '"posted_at": "2026-11-24T14:05:00Z"}]}')


def test_the_moderator_retries_a_failed_delivery_on_desktop_and_phone(page, sign_in,
                                                                     screenshot):
    channel = ChannelFactory(platform="website",
                             name="Website comments at healthwatchsutton.org.uk")
    delivery = WebhookDelivery.objects.create(
        kind="channel", channel=channel, body=BODY, failed_at=timezone.now(),
        error="Comment 'c-1': DataError: value too long for type character varying(255)\n"
              "Comment 'a-very-long-comment-identifier-without-spaces-0123456789abcdef': "
              "ValueError: could not be stored")
    sign_in(page, person(Role.MODERATOR))
    page.goto("/")
    page.get_by_role("link", name="could not be stored").first.click()
    page.wait_for_load_state()
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/moderation/deliveries/")
        screenshot(page, f"failed-deliveries-{width}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name=f"Retry #{delivery.pk}").click()
    page.wait_for_load_state()
    assert page.get_by_text("is stored: 1 comment in all").is_visible()
    screenshot(page, "failed-deliveries-retried-390")
    assert Item.objects.filter(platform_item_id="c-1").exists()


def test_the_ceo_reads_the_word_lists(page, sign_in, screenshot):
    sign_in(page, person(Role.CHIEF_EXECUTIVE))
    page.goto("/moderation/words/")
    screenshot(page, "screening-words-ceo-1280")
    assert page.get_by_role("button", name="Add").count() == 0
    assert page.get_by_text("Only the Moderator changes the word lists").is_visible()
