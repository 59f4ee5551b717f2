"""The Graph API client against a fake Graph API served over real HTTP: each action reaches the
right path with the right method, parameters and Page token; Meta's errors are sorted into
what the app does next; the token never leaves the Authorization header."""

import logging
import time
from datetime import UTC, datetime

import pytest

from moderation.meta.errors import (
    NotFound,
    Permanent,
    TokenInvalid,
    Transient,
    classify,
)
from moderation.meta.graph import (
    FACEBOOK_SCOPES,
    FacebookPage,
    GraphClient,
    InstagramAccount,
    app_token,
)

PAGE = "104958162837"
IG = "17841400008460056"
PAGE_TOKEN = "EAAG-page-token-abc123"
OTHER_TOKEN = "EAAG-someone-elses-token"


@pytest.fixture
def graph(fake_graph):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    fake_graph.add_instagram(IG, token=PAGE_TOKEN)
    fake_graph.add_comment(f"{PAGE}_1", owner=PAGE, author_id="u-42")
    fake_graph.add_comment("17890001", owner=IG, author_id="ig-7")
    return fake_graph


@pytest.fixture
def page(graph):
    with GraphClient(PAGE_TOKEN) as client:
        yield FacebookPage(client, PAGE)


@pytest.fixture
def instagram(graph):
    with GraphClient(PAGE_TOKEN) as client:
        yield InstagramAccount(client, IG)


def test_hiding_a_facebook_comment_posts_is_hidden_with_the_page_token(graph, page):
    answer = page.hide(f"{PAGE}_1")

    assert answer.body == {"success": True} and not answer.gone
    (call,) = graph.calls_to("POST", f"{PAGE}_1")
    assert call.params == {"is_hidden": "true"}
    assert call.token == PAGE_TOKEN
    assert graph.comments[f"{PAGE}_1"].hidden

    page.unhide(f"{PAGE}_1")
    assert not graph.comments[f"{PAGE}_1"].hidden


def test_deleting_a_comment_sends_delete_and_a_second_delete_counts_as_done(graph, page):
    first = page.delete(f"{PAGE}_1")
    second = page.delete(f"{PAGE}_1")

    assert graph.comments[f"{PAGE}_1"].deleted
    assert len(graph.calls_to("DELETE", f"{PAGE}_1")) == 2
    assert not first.gone
    assert second.gone
    assert second.as_details()["outcome"] == "gone"


def test_blocking_puts_the_author_on_the_pages_blocked_list_and_unblocking_takes_them_off(
    graph, page
):
    page.block("u-42")
    assert graph.accounts[PAGE].blocked == {"u-42"}
    assert graph.calls_to("POST", f"{PAGE}/blocked")[0].params == {"user": "u-42"}

    page.unblock("u-42")
    assert graph.accounts[PAGE].blocked == set()
    assert graph.calls_to("DELETE", f"{PAGE}/blocked")[0].params == {"user": "u-42"}


def test_a_private_reply_goes_to_the_pages_messages_with_the_comment_as_recipient(graph, page):
    answer = page.reply_privately(f"{PAGE}_1", "Please contact us privately on 020 0000 0000.")

    assert answer.body["message_id"]
    assert graph.accounts[PAGE].messages == [
        {"comment_id": f"{PAGE}_1", "text": "Please contact us privately on 020 0000 0000."}
    ]


def test_an_empty_private_reply_is_refused_before_anything_is_sent(graph, page):
    with pytest.raises(Permanent, match="needs a text"):
        page.reply_privately(f"{PAGE}_1", "  ")
    assert graph.calls == []


def test_instagram_comments_are_hidden_with_hide_deleted_and_replied_to_privately(
    graph, instagram
):
    instagram.hide("17890001")
    assert graph.calls_to("POST", "17890001")[0].params == {"hide": "true"}
    assert graph.comments["17890001"].hidden
    instagram.unhide("17890001")
    assert not graph.comments["17890001"].hidden

    instagram.reply_privately("17890001", "Please message us.")
    assert graph.accounts[IG].messages == [{"comment_id": "17890001", "text": "Please message us."}]

    instagram.delete("17890001")
    assert graph.comments["17890001"].deleted


def test_instagram_has_no_block_and_says_so():
    assert FacebookPage.can_block is True
    assert InstagramAccount.can_block is False
    assert not hasattr(InstagramAccount, "block")


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("5xx", Transient),
        ("unavailable", Transient),
        ("rate_limit", Transient),
        ("page_rate_limit", Transient),
        ("expired", TokenInvalid),
        ("permission", Permanent),
    ],
)
def test_metas_errors_are_sorted_into_what_happens_next(graph, page, fault, kind):
    graph.fail_next(fault)

    with pytest.raises(kind) as caught:
        page.delete(f"{PAGE}_1")

    assert type(caught.value) is kind
    assert not graph.comments[f"{PAGE}_1"].deleted
    details = caught.value.as_details()
    assert details["outcome"] == kind.__name__
    assert details["http_status"] >= 400


def test_the_platforms_answer_is_kept_for_the_audit_trail(graph, page):
    graph.fail_next("rate_limit")

    with pytest.raises(Transient) as caught:
        page.hide(f"{PAGE}_1")

    assert caught.value.as_details() == {
        "outcome": "Transient", "reason": "(#4) Application request limit reached",
        "http_status": 400, "code": 4, "subcode": None, "fbtrace_id": "AbCdEfFakeTrace",
    }


def test_no_answer_in_time_is_transient_and_the_retry_finds_the_comment_already_gone(
    graph, page
):
    graph.fail_next("timeout", delay=0.7)

    with pytest.raises(Transient, match="No answer from Meta within 0.5 s"):
        page.delete(f"{PAGE}_1")
    time.sleep(0.3)  # the retry comes after a back-off, when the slow answer is over
    assert page.delete(f"{PAGE}_1").gone


def test_a_revoked_or_wrong_token_is_token_invalid(graph):
    graph.expire(PAGE)
    with GraphClient(PAGE_TOKEN) as client, pytest.raises(TokenInvalid) as caught:
        FacebookPage(client, PAGE).hide(f"{PAGE}_1")
    assert caught.value.code == 190 and caught.value.subcode == 463

    with GraphClient(OTHER_TOKEN) as client, pytest.raises(TokenInvalid):
        FacebookPage(client, PAGE).block("u-42")
    assert graph.accounts[PAGE].blocked == set()


def test_acting_on_a_comment_of_another_page_is_refused(graph):
    graph.add_page("999", token=OTHER_TOKEN)
    graph.add_comment("999_1", owner="999")

    with GraphClient(PAGE_TOKEN) as client, pytest.raises(TokenInvalid):
        FacebookPage(client, PAGE).delete("999_1")
    assert not graph.comments["999_1"].deleted


def test_the_token_is_never_in_a_url_a_message_a_repr_or_a_log_line(graph, caplog):
    graph.fail_next("expired")
    client = GraphClient(PAGE_TOKEN)
    page = FacebookPage(client, PAGE)
    logging.getLogger("moderation").info("a line from the app, so the capture is known to work")
    with caplog.at_level(logging.INFO):
        with pytest.raises(TokenInvalid) as caught:
            page.hide(f"{PAGE}_1")
        page.hide(f"{PAGE}_1")
        page.block("u-1")
        client.check_token(app_token())
    client.close()

    assert all(PAGE_TOKEN not in str(value) for value in caught.value.as_details().values())
    assert PAGE_TOKEN not in str(caught.value)
    assert PAGE_TOKEN not in repr(client)
    ours = [r for r in caplog.records if r.name != "werkzeug"]  # werkzeug is Meta's side
    assert ours and all(PAGE_TOKEN not in record.getMessage() for record in ours)
    assert all(PAGE_TOKEN not in str(call.params) for call in graph.calls
               if call.path != "debug_token")


def test_a_token_echoed_in_metas_message_is_scrubbed(fake_graph):
    fake_graph.add_page(PAGE, token=PAGE_TOKEN)
    with GraphClient(PAGE_TOKEN) as client:
        info = client.check_token(app_token())
        assert info.valid
        with pytest.raises(TokenInvalid) as caught:
            client.call("GET", "debug_token", params={"input_token": "x"})
    assert PAGE_TOKEN not in caught.value.reason


def test_debug_token_tells_who_the_token_is_for_its_scopes_and_expiry(graph):
    graph.add_page("555", token="short-lived", scopes=("pages_show_list",),
                   expires_at=1_798_000_000)

    with GraphClient("short-lived") as client:
        info = client.check_token(app_token())

    assert info.valid
    assert info.profile_id == "555"
    assert info.expires_at == datetime.fromtimestamp(1_798_000_000, tz=UTC)
    assert "pages_manage_engagement" in info.missing(FACEBOOK_SCOPES)
    assert "pages_show_list" not in info.missing(FACEBOOK_SCOPES)
    assert graph.calls_to("GET", "debug_token")[0].params == {"input_token": "short-lived"}


def test_debug_token_of_a_long_lived_page_token_has_no_expiry_and_no_missing_scope(graph):
    with GraphClient(PAGE_TOKEN) as client:
        info = client.check_token(app_token())
    assert info.valid and info.expires_at is None
    assert info.missing(FACEBOOK_SCOPES) == []


def test_debug_token_of_an_expired_or_unknown_token_says_why(graph):
    graph.expire(PAGE)
    with GraphClient(PAGE_TOKEN) as client:
        expired = client.check_token(app_token())
    with GraphClient("never-issued") as client:
        unknown = client.check_token(app_token())

    assert not expired.valid and "expired" in expired.problem
    assert not unknown.valid and unknown.problem


def test_the_page_name_and_the_instagram_username_are_read(page, instagram):
    assert page.name() == "Healthwatch Sutton"
    assert instagram.name() == "healthwatchsutton"


def test_subscribing_the_page_asks_for_its_feed(graph, page):
    assert page.subscriptions() == []
    page.subscribe()

    assert graph.calls_to("POST", f"{PAGE}/subscribed_apps")[0].params == {
        "subscribed_fields": "feed"}
    assert page.subscriptions()[0]["subscribed_fields"] == ["feed"]


def test_recent_comments_of_a_page_are_read_from_its_feed(graph, page):
    graph.add_comment(f"{PAGE}_2", owner=PAGE, text="<b>Hi</b>", author_name="Jo",
                      author_id="u-9", post_id=f"{PAGE}_p2",
                      created=datetime(2026, 11, 30, 9, 14, tzinfo=UTC))
    graph.comments[f"{PAGE}_2"].hidden = True

    posts = {post.id: post for post in page.recent_posts()}
    assert set(posts) == {f"{PAGE}_post1", f"{PAGE}_p2"}
    assert all(post.complete for post in posts.values())
    comments = {c.id: c for post in posts.values() for c in post.comments}

    assert set(comments) == {f"{PAGE}_1", f"{PAGE}_2"}
    second = comments[f"{PAGE}_2"]
    assert (second.post_id, second.text, second.author_id, second.author_name) == (
        f"{PAGE}_p2", "<b>Hi</b>", "u-9", "Jo")
    assert second.posted_at == datetime(2026, 11, 30, 9, 14, tzinfo=UTC)
    assert second.hidden
    assert second.permalink == f"https://www.facebook.com/{PAGE}_2"


def test_recent_comments_of_an_instagram_account_are_read_from_its_media(graph, instagram):
    (post,) = instagram.recent_posts()
    (comment,) = post.comments
    assert comment.id == "17890001"
    assert comment.author_id == "ig-7"
    assert comment.permalink.startswith("https://www.instagram.com/p/")


@pytest.mark.parametrize(
    ("status", "error", "kind"),
    [
        (400, {"code": 190, "message": "Invalid OAuth access token"}, TokenInvalid),
        (400, {"code": 102, "message": "Session key invalid"}, TokenInvalid),
        (400, {"code": 10, "error_subcode": 467, "message": "Invalid token"}, TokenInvalid),
        (400, {"code": 17, "message": "User request limit reached"}, Transient),
        (400, {"code": 613, "message": "Calls exceeded the rate"}, Transient),
        (400, {"code": 80001, "message": "Too many calls to this Page"}, Transient),
        (400, {"code": 999, "is_transient": True, "message": "Try again"}, Transient),
        (502, {}, Transient),
        (400, {"code": 100, "error_subcode": 33, "message": "Unsupported post request"},
         NotFound),
        (400, {"code": 100, "message": "Object with ID '1' does not exist"}, NotFound),
        (400, {"code": 100, "message": "Invalid parameter"}, Permanent),
        (403, {"code": 200, "message": "Permissions error"}, Permanent),
        (400, {"code": 368, "message": "Blocked for abuse"}, Permanent),
    ],
)
def test_classification_of_metas_error_codes(status, error, kind):
    assert classify(status, error) is kind
