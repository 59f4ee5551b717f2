"""Decisions act on Facebook and Instagram through the Graph API (a fake one, over real HTTP):
the right call with the Page's token, retried when Meta fails for a while, failed with the reason
when it refuses, done when the comment is already gone, held when the token stops working and
sent after reconnecting — each call on the audit trail, nothing done twice, nothing lost."""

import pytest

from accounts.models import User
from core.models import AuditEvent, Notice
from hws_engage.celery import app as celery_app
from moderation.meta import services as meta
from moderation.meta.connecting import connect
from moderation.meta.errors import Transient
from moderation.queue import services as queue
from moderation.queue.platform_actions import MAX_ATTEMPTS, attempt_platform_action
from moderation.tasks import carry_out_platform_action
from tests.factories import ChannelFactory, flagged_item, person
from tests.moderation.meta_support import (
    INSTAGRAM,
    NEW_PAGE_TOKEN,
    PAGE,
    PAGE_TOKEN,
    comment_on,
    connect_facebook,
    connect_instagram,
    decide,
)
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def facebook(fake_graph):
    return connect_facebook(fake_graph)


@pytest.fixture
def retries_run_inline():
    """Celery's eager apply() runs a retry inline only when it does not propagate errors."""
    celery_app.conf.task_eager_propagates = False


def test_a_delete_reaches_facebook_with_the_pages_token_and_is_done(fake_graph, facebook):
    item = comment_on(fake_graph, facebook, f"{PAGE}_77")

    (action,) = decide(item, "delete")

    action.refresh_from_db()
    item.refresh_from_db()
    (call,) = fake_graph.calls_to("DELETE", f"{PAGE}_77")
    assert call.token == PAGE_TOKEN
    assert fake_graph.comments[f"{PAGE}_77"].deleted
    assert (action.status, action.by_hand, action.attempts) == ("done", False, 1)
    assert item.removed_on_platform_at == action.completed_at


def test_every_call_is_on_the_audit_trail_with_metas_answer_and_never_the_token(
    fake_graph, facebook
):
    item = comment_on(fake_graph, facebook, f"{PAGE}_77")
    decide(item, "delete")

    (record,) = AuditEvent.objects.filter(action="moderation.platform_call")
    assert record.object_id == str(item.pk)
    assert record.details["kind"] == "delete"
    assert record.details["answer"] == {"success": True}
    assert not any(PAGE_TOKEN in str(e.details) for e in AuditEvent.objects.all())


def test_hide_posts_is_hidden_on_facebook_and_hide_on_instagram(fake_graph):
    facebook = connect_facebook(fake_graph)
    fb_item = comment_on(fake_graph, facebook, f"{PAGE}_1")
    instagram = connect_instagram(fake_graph)
    ig_item = comment_on(fake_graph, instagram, "17890001")

    decide(fb_item, "hide")
    decide(ig_item, "hide")

    assert fake_graph.calls_to("POST", f"{PAGE}_1")[0].params == {"is_hidden": "true"}
    assert fake_graph.calls_to("POST", "17890001")[0].params == {"hide": "true"}
    assert fake_graph.comments[f"{PAGE}_1"].hidden and fake_graph.comments["17890001"].hidden


def test_block_puts_the_author_on_the_pages_blocked_list_and_unblock_takes_them_off(
    fake_graph, facebook
):
    item = comment_on(fake_graph, facebook, f"{PAGE}_5", author_id="fb-u-42")
    me = moderator()

    (action,) = decide(item, "block", actor=me)
    assert fake_graph.accounts[PAGE].blocked == {"fb-u-42"}
    action.refresh_from_db()
    assert action.status == "done"

    block = action.decision.block
    queue.unblock(block.pk, me, "Apologised by email")
    assert fake_graph.accounts[PAGE].blocked == set()


def test_on_instagram_a_block_is_a_hand_to_do_that_says_why(fake_graph):
    instagram = connect_instagram(fake_graph)
    item = comment_on(fake_graph, instagram, "17890002")

    actions = {a.kind: a for a in decide(item, "block_delete")}

    assert actions["delete"].status == "done" and not actions["delete"].by_hand
    assert (actions["block"].status, actions["block"].by_hand) == ("pending", True)
    assert meta.why_by_hand(instagram, "block") == (
        "Instagram offers apps no way to block the author."
    )
    assert fake_graph.calls_to("POST", f"{INSTAGRAM}/blocked") == []


def test_a_private_reply_reaches_the_pages_messages_endpoint(fake_graph, facebook):
    item = comment_on(fake_graph, facebook, f"{PAGE}_9")
    me = moderator()
    (delete,) = decide(item, "delete", actor=me)

    reply = queue.send_reply(delete.decision_id, me, "Please contact us privately.")

    reply.refresh_from_db()
    assert reply.status == "done" and not reply.by_hand
    assert fake_graph.accounts[PAGE].messages == [
        {"comment_id": f"{PAGE}_9", "text": "Please contact us privately."}
    ]


def test_a_5xx_is_retried_and_the_retry_succeeds(fake_graph, facebook, retries_run_inline):
    item = comment_on(fake_graph, facebook, f"{PAGE}_11")
    fake_graph.fail_next("5xx")

    (action,) = decide(item, "delete")

    action.refresh_from_db()
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_11")) == 2
    assert (action.status, action.attempts, action.last_error) == ("done", 2, "")


def test_the_task_retries_transient_failures_with_back_off_and_jitter(
    fake_graph, facebook, retries_run_inline
):
    options = carry_out_platform_action
    assert options.autoretry_for == (Transient,)
    assert options.retry_backoff and options.retry_jitter and options.acks_late
    assert options.max_retries == MAX_ATTEMPTS - 1
    assert options.soft_time_limit and options.time_limit

    item = comment_on(fake_graph, facebook, f"{PAGE}_12")
    fake_graph.fail_next("rate_limit", times=99)
    (action,) = decide(item, "delete")  # eager: every retry runs inline, all fail

    action.refresh_from_db()
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_12")) == MAX_ATTEMPTS
    assert (action.status, action.attempts) == ("failed", MAX_ATTEMPTS)
    assert action.last_error == "(#4) Application request limit reached"


def test_one_transient_failure_asks_celery_for_a_retry(fake_graph, facebook, monkeypatch):
    item = comment_on(fake_graph, facebook, f"{PAGE}_13")
    fake_graph.fail_next("unavailable", times=99)
    # Decided, but the worker has not picked the task up yet.
    monkeypatch.setattr(carry_out_platform_action, "delay_on_commit", lambda *a, **k: None)
    (action,) = decide(item, "delete")

    with pytest.raises(Transient):
        attempt_platform_action(action.pk, attempt=1, final=False)
    action.refresh_from_db()
    assert (action.status, action.attempts) == ("pending", 1)
    assert attempt_platform_action(action.pk, attempt=MAX_ATTEMPTS, final=True) == "failed"


def test_a_refusal_fails_at_once_with_metas_reason(fake_graph, facebook):
    item = comment_on(fake_graph, facebook, f"{PAGE}_14")
    fake_graph.fail_next("permission")

    (action,) = decide(item, "delete")

    action.refresh_from_db()
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_14")) == 1
    assert action.status == "failed"
    assert "Requires pages_manage_engagement" in action.last_error


def test_a_comment_already_gone_counts_as_deleted(fake_graph, facebook):
    item = comment_on(fake_graph, facebook, f"{PAGE}_15")
    fake_graph.comments[f"{PAGE}_15"].deleted = True

    (action,) = decide(item, "delete")

    action.refresh_from_db()
    assert action.status == "done"
    record = AuditEvent.objects.get(action="moderation.platform_call")
    assert record.details["outcome"] == "gone"


def test_a_done_action_is_never_sent_again(fake_graph, facebook):
    item = comment_on(fake_graph, facebook, f"{PAGE}_16")
    (action,) = decide(item, "delete")

    assert carry_out_platform_action.run(action.pk) == "nothing to do"
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_16")) == 1


def test_an_expired_token_holds_the_actions_alerts_once_and_reconnecting_sends_them(
    fake_graph, facebook, client
):
    me = moderator()
    ceo = person("chief_executive")
    first = comment_on(fake_graph, facebook, f"{PAGE}_21")
    second = comment_on(fake_graph, facebook, f"{PAGE}_22", author_id="fb-u-5")
    fake_graph.expire(PAGE)

    (delete,) = decide(first, "delete", actor=me)
    (block,) = decide(second, "block", actor=me)

    for action in (delete, block):
        action.refresh_from_db()
        assert (action.status, action.by_hand) == ("pending", False)
    facebook.meta_connection.refresh_from_db()
    assert facebook.meta_connection.status == "needs_reconnecting"
    told = list(Notice.objects.filter(key__startswith=f"meta-token:{facebook.pk}:")
                .values_list("recipient_id", flat=True))
    assert {me.pk, ceo.pk} <= set(told)
    assert len(told) == len(set(told)) == User.objects.with_role(
        "moderator", "chief_executive").count()
    assert len(fake_graph.calls_to("DELETE", f"{PAGE}_21")) == 1
    assert fake_graph.calls_to("POST", f"{PAGE}/blocked") == []  # held, not tried

    fake_graph.reconnect(PAGE, NEW_PAGE_TOKEN)
    connect(facebook, NEW_PAGE_TOKEN, me)

    for action in (delete, block):
        action.refresh_from_db()
        assert action.status == "done"
    assert fake_graph.comments[f"{PAGE}_21"].deleted
    assert fake_graph.accounts[PAGE].blocked == {"fb-u-5"}
    assert fake_graph.calls_to("DELETE", f"{PAGE}_21")[-1].token == NEW_PAGE_TOKEN

    # A token that stops working again is a new matter: told again, once.
    fake_graph.expire(PAGE)
    third = comment_on(fake_graph, facebook, f"{PAGE}_23")
    decide(third, "delete", actor=me)
    decide(comment_on(fake_graph, facebook, f"{PAGE}_24"), "delete", actor=me)
    assert Notice.objects.filter(key__startswith=f"meta-token:{facebook.pk}:",
                                 recipient=me).count() == 2


def test_a_channel_not_connected_or_without_an_api_gives_a_hand_to_do(fake_graph):
    page = ChannelFactory(platform="facebook", platform_account_id="777")
    x = ChannelFactory(platform="x", name="HWS on X")

    for channel in (page, x):
        item = flagged_item("you idiots", "idiots", channel=channel)
        (action,) = decide(item, "delete")
        assert (action.status, action.by_hand) == ("pending", True)
    assert meta.why_by_hand(page, "delete") == (
        "This channel was not connected to its Facebook account when it was decided.")
    assert meta.why_by_hand(x, "delete") == "The app has no way to act on X."
    assert fake_graph.calls == []
