"""In the browser, against a fake Graph API over real HTTP: a moderator's decisions reach the
Facebook Page — the delete with the Page's token, the block on the Page's blocked list, the
private reply on the messages endpoint, a 5xx retried — and an expired token holds the actions,
tells the moderator once, and reconnecting sends them."""

import re

import pytest

from core.models import Notice
from hws_engage.celery import app as celery_app
from moderation.models import PlatformAction
from tests.factories import ChannelFactory, flagged_item
from tests.moderation.meta_support import (
    NEW_PAGE_TOKEN,
    PAGE,
    PAGE_TOKEN,
    comment_on,
    connect_facebook,
)
from tests.moderation.queue_support import moderator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def retries_run_inline():
    """Celery's eager apply() runs a retry inline only when it does not propagate errors."""
    celery_app.conf.task_eager_propagates = False


def decide_on_page(page, item, key):
    page.goto(f"/moderation/items/{item.pk}/")
    page.keyboard.press(key)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/moderation/items/{item.pk}/" not in url)
    page.goto(f"/moderation/items/{item.pk}/")
    return page.locator(".platform-actions").inner_text()


def test_delete_block_reply_and_a_retry_reach_the_facebook_page(
    page, sign_in, screenshot, fake_graph, retries_run_inline
):
    me = moderator()
    facebook = connect_facebook(fake_graph, actor=me)
    rude = comment_on(fake_graph, facebook, f"{PAGE}_101", text="You useless idiots")
    bully = comment_on(fake_graph, facebook, f"{PAGE}_102", text="idiots, all of you",
                       author_id="fb-u-77")
    flaky = comment_on(fake_graph, facebook, f"{PAGE}_103", text="more idiots")
    sign_in(page, me)

    shown = decide_on_page(page, rude, "d")
    (call,) = fake_graph.calls_to("DELETE", f"{PAGE}_101")
    assert call.token == PAGE_TOKEN
    done_at = PlatformAction.objects.get(decision__item=rude).completed_at
    assert re.search(rf"Deleted on Facebook at {done_at.astimezone():%H:%M}", shown), shown
    screenshot(page, "item-deleted-on-facebook")

    decide_on_page(page, bully, "b")
    assert fake_graph.accounts[PAGE].blocked == {"fb-u-77"}
    assert fake_graph.comments[f"{PAGE}_102"].deleted

    page.goto(f"/moderation/items/{rude.pk}/")
    decision = rude.decisions.get()
    page.goto(f"/moderation/decisions/{decision.pk}/reply/")
    page.get_by_label("Reply").fill("Please contact Healthwatch Sutton privately.")
    page.get_by_role("button", name=re.compile("Send")).click()
    page.wait_for_load_state()
    assert fake_graph.accounts[PAGE].messages == [
        {"comment_id": f"{PAGE}_101", "text": "Please contact Healthwatch Sutton privately."}]

    fake_graph.fail_next("5xx")
    shown = decide_on_page(page, flaky, "d")
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_103")) == 2
    assert "Deleted on Facebook at" in shown
    assert page.console_errors == []


def test_an_expired_token_holds_alerts_once_and_reconnecting_sends(
    page, sign_in, screenshot, fake_graph
):
    me = moderator()
    facebook = connect_facebook(fake_graph, actor=me)
    first = comment_on(fake_graph, facebook, f"{PAGE}_201")
    second = comment_on(fake_graph, facebook, f"{PAGE}_202")
    fake_graph.expire(PAGE)
    sign_in(page, me)

    shown = decide_on_page(page, first, "d")
    assert "HWS Facebook needs reconnecting" in shown
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "item-waiting-for-reconnecting-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    decide_on_page(page, second, "d")
    assert Notice.objects.filter(recipient=me, key__startswith="meta-token:").count() == 1
    page.goto("/")
    assert "HWS Facebook needs reconnecting" in page.inner_text("main")

    page.goto(f"/moderation/channels/{facebook.pk}/connection/")
    assert "2 actions wait" in page.inner_text("main")
    screenshot(page, "channel-needs-reconnecting")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "channel-needs-reconnecting-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    fake_graph.reconnect(PAGE, NEW_PAGE_TOKEN)
    page.get_by_label("Page access token").fill(NEW_PAGE_TOKEN)
    page.get_by_role("button", name="Check with Meta and connect").click()
    page.wait_for_load_state()
    assert "Connected" in page.inner_text("main")
    assert NEW_PAGE_TOKEN not in page.content()
    screenshot(page, "channel-connected")

    assert fake_graph.comments[f"{PAGE}_201"].deleted
    assert fake_graph.comments[f"{PAGE}_202"].deleted
    assert fake_graph.calls_to("DELETE", f"{PAGE}_202")[-1].token == NEW_PAGE_TOKEN
    page.goto(f"/moderation/items/{second.pk}/")
    assert "Deleted on Facebook at" in page.locator(".platform-actions").inner_text()
    assert page.console_errors == []


def test_a_channel_page_at_phone_width(page, sign_in, screenshot, fake_graph):
    me = moderator()
    channel = ChannelFactory(platform="facebook", name="HWS Facebook", platform_account_id=PAGE)
    flagged_item("x", "x", channel=channel)
    sign_in(page, me)
    page.goto("/moderation/channels/")
    assert "Connect" in page.locator("table").inner_text()
    screenshot(page, "channels-with-connection")
    page.goto(f"/moderation/channels/{channel.pk}/connection/")
    screenshot(page, "channel-not-connected")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "channel-not-connected-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto("/moderation/channels/")
    screenshot(page, "channels-with-connection-phone")
