"""Comments the webhooks missed (an outage of Meta's webhooks or of this app) are read back from
each connected Page's and Instagram account's recent posts and stored the way a webhook stores
them: screened, never twice, edits and removals recorded."""

from datetime import UTC, datetime

import pytest
import time_machine

from moderation.meta import services as meta
from moderation.models import Item
from moderation.tasks import backfill_meta_comments
from tests.moderation.meta_support import PAGE, connect_facebook, connect_instagram

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def facebook(fake_graph):
    return connect_facebook(fake_graph)


@time_machine.travel(NOW, tick=False)
def test_a_missed_comment_is_stored_and_screened_once(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_1", owner=PAGE, text="Call me on 07700 900123, idiots",
                           author_id="fb-u-1", author_name="Sam", post_id=f"{PAGE}_p1")

    assert backfill_meta_comments.run() == 1
    assert backfill_meta_comments.run() == 0

    item = Item.objects.get()
    assert (item.channel, item.platform_item_id, item.parent_post_id) == (
        facebook, f"{PAGE}_1", f"{PAGE}_p1")
    assert item.source == Item.Source.META_WEBHOOK
    assert item.author.platform_author_id == "fb-u-1"
    assert item.findings.exists() and item.severity > 0
    facebook.meta_connection.refresh_from_db()
    assert facebook.meta_connection.backfilled_at == NOW


def test_a_comment_the_webhook_already_brought_is_not_stored_again(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_2", owner=PAGE, text="Thanks")
    backfill_meta_comments.run()
    fake_graph.add_comment(f"{PAGE}_3", owner=PAGE, text="And again")

    assert backfill_meta_comments.run() == 1
    assert Item.objects.count() == 2


@time_machine.travel(NOW, tick=False)
def test_an_edit_seen_is_recorded_and_screened_again(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_4", owner=PAGE, text="Fine service")
    backfill_meta_comments.run()
    fake_graph.comments[f"{PAGE}_4"].text = "You idiots"

    backfill_meta_comments.run()

    item = Item.objects.get()
    assert (item.original_text, item.text, item.edited_at) == ("Fine service", "You idiots", NOW)
    assert item.severity > 0


@time_machine.travel(NOW, tick=False)
def test_a_comment_gone_from_a_fully_read_post_is_recorded_as_removed(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_5", owner=PAGE, text="Gone soon", post_id=f"{PAGE}_p9")
    fake_graph.add_comment(f"{PAGE}_6", owner=PAGE, text="Stays", post_id=f"{PAGE}_p9")
    backfill_meta_comments.run()
    fake_graph.comments[f"{PAGE}_5"].deleted = True

    backfill_meta_comments.run()

    assert Item.objects.get(platform_item_id=f"{PAGE}_5").removed_on_platform_at == NOW
    assert Item.objects.get(platform_item_id=f"{PAGE}_6").removed_on_platform_at is None


def test_instagram_comments_are_read_back_too(fake_graph):
    instagram = connect_instagram(fake_graph)
    fake_graph.add_comment("17895551", owner=instagram.platform_account_id, text="Hello")

    assert backfill_meta_comments.run() == 1
    assert Item.objects.get().channel == instagram


def test_an_expired_token_holds_the_channel_and_reads_nothing(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_7", owner=PAGE)
    fake_graph.expire(PAGE)

    assert backfill_meta_comments.run() == 0
    facebook.meta_connection.refresh_from_db()
    assert facebook.meta_connection.status == "needs_reconnecting"
    assert not Item.objects.exists()


def test_meta_down_leaves_it_for_the_next_run(fake_graph, facebook):
    fake_graph.add_comment(f"{PAGE}_8", owner=PAGE)
    fake_graph.fail_next("5xx")

    assert meta.backfill(facebook.meta_connection.pk) == 0
    assert backfill_meta_comments.run() == 1
