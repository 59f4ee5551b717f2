"""The moderator's pages read as much with many comments as with a few: the same queries at two
sizes (each reading a bounded stretch of an index: bench/queue_bench.py measures the time), and
counts that stop at "99+" rather than count a whole table."""

from datetime import timedelta

import pytest
from django.urls import reverse

from core import counts
from moderation.home import attention
from moderation.models import PROMPT_SEVERITY, PROMPT_TERMS, Item
from moderation.queue import services
from screening.findings import KINDS
from tests.factories import AuthorFactory, ChannelFactory, ItemFactory, flagged_item
from tests.moderation.queue_support import moderator, post_decision

pytestmark = pytest.mark.django_db


def _comments(n, decider, *, author=None, channel=None, clean_every=0):
    """n comments flagged for bullying (severity 1 to 3), or clean every `clean_every`; every
    fourth one kept."""
    channel = channel or ChannelFactory()
    authors = [author] if author else [AuthorFactory(channel=channel) for _ in range(3)]
    for i in range(n):
        by = authors[i % len(authors)]
        if clean_every and i % clean_every == 1:
            item = ItemFactory(text=f"comment {i}", channel=channel, author=by)
        else:
            item = flagged_item(f"comment {i} rubbish", "rubbish", term="bullying",
                                kind="insult", severity=1 + i % 3, channel=channel, author=by)
        if i % 4 == 0:
            services.decide(item_id=item.pk, actor=decider, action="keep", seen=0)
    return channel


@pytest.mark.parametrize("query", [
    "tab=clean", "term=bullying", "tab=decided&term=bullying", "channel={channel}",
    "author={author}", "tab=decided&author={author}", "page=2", "tab=decided&page=3",
])
def test_every_tab_and_filter_runs_the_same_queries_for_few_or_many_comments(
    client, django_assert_num_queries, query
):
    me = moderator()
    client.force_login(me)
    channel = ChannelFactory()
    author = AuthorFactory(channel=channel)
    url = reverse("moderation_queue") + "?" + query.format(channel=channel.pk, author=author.pk)
    _comments(6, me, author=author, channel=channel, clean_every=3)
    client.get(url)  # warm the session
    # The author filter names the author: one query more; under a term filter the Not flagged
    # tab is empty without asking (a comment with a finding is flagged): one fewer.
    expected = 13 + ("author=" in query) - ("term=" in query)
    with django_assert_num_queries(expected) as few:
        assert client.get(url).status_code == 200
    _comments(90, me, author=author, channel=channel, clean_every=3)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_item_page_runs_the_same_queries_whatever_the_authors_history(
    client, django_assert_num_queries
):
    me = moderator()
    client.force_login(me)
    channel = ChannelFactory()
    author = AuthorFactory(channel=channel)
    _comments(3, me, author=author, channel=channel)
    item = Item.objects.filter(decided_at__isnull=True).first()
    url = reverse("moderation_item", args=[item.pk])
    client.get(url)
    with django_assert_num_queries(23) as few:
        assert client.get(url).status_code == 200
    _comments(40, me, author=author, channel=channel)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.context["history"]["total"] == 42


def test_the_moderation_home_summary_takes_five_queries_for_few_or_many(django_assert_num_queries):
    me = moderator()
    _comments(4, me)
    me = type(me).objects.get(pk=me.pk)
    me.role_slugs  # noqa: B018 - read once per request by the middleware
    with django_assert_num_queries(5):
        assert attention(me)
    _comments(60, me)
    with django_assert_num_queries(5):
        assert attention(me)


def test_past_the_cap_the_tabs_say_99_plus_and_the_pages_go_on(client, monkeypatch):
    monkeypatch.setattr(counts, "CAP", 30)
    me = moderator()
    client.force_login(me)
    _comments(80, me)  # 60 waiting, 20 decided
    page = client.get(reverse("moderation_queue"))
    tabs = [label for _, label, _, _ in page.context["tab_links"]]
    assert tabs == ["Flagged", "Not flagged", "Decided"]
    assert ">30+</span>" in page.text  # the flagged tab stopped counting
    assert ">20</span>" in page.text  # the decided tab did not need to
    assert "Page 1</span>" in page.text and "Page 1 of" not in page.text
    third = client.get(reverse("moderation_queue") + "?page=3")
    assert len(third.context["q"].page.object_list) == 10
    assert not third.context["q"].page.has_next
    decided = client.get(reverse("moderation_queue") + "?tab=decided")
    assert "Page 1 of 1" not in decided.text and decided.context["q"].page.num_pages == 1


def test_past_the_cap_the_home_page_says_99_plus(monkeypatch, settings):
    monkeypatch.setattr(counts, "CAP", 5)
    me = moderator()
    _comments(12, me)
    lines = [a.text for a in attention(me)]
    assert lines[-1].startswith("5+ comments waiting for a decision")


def test_a_decision_takes_the_comment_out_of_the_waiting_tabs_at_once(client):
    me = moderator()
    client.force_login(me)
    item = flagged_item("you idiot", "idiot", term="bullying", kind="insult", severity=3)
    assert item.decided_at is None
    post_decision(client, item, "keep")
    item.refresh_from_db()
    decision = item.decisions.get()
    assert item.decided_at == decision.decided_at
    queue = client.get(reverse("moderation_queue"))
    assert queue.context["q"].counts == {"flagged": 0, "clean": 0, "decided": 1}
    # A correction is a second decision; the comment was decided when first decided.
    post_decision(client, item, "delete", seen=1, terms=["bullying"], corrects=decision.pk)
    item.refresh_from_db()
    assert item.decided_at == decision.decided_at


def test_under_a_term_filter_the_not_flagged_tab_is_empty(client):
    me = moderator()
    client.force_login(me)
    _comments(10, me, clean_every=2)
    page = client.get(reverse("moderation_queue") + "?tab=clean&term=bullying")
    assert page.context["q"].counts["clean"] == 0
    assert not page.context["q"].page.object_list
    unfiltered = client.get(reverse("moderation_queue") + "?tab=clean")
    assert unfiltered.context["q"].counts["clean"] == 5


def test_a_bad_page_number_gives_the_first_page_and_one_past_the_end_the_last(client):
    me = moderator()
    client.force_login(me)
    _comments(40, me)  # 30 waiting: two pages
    for asked, shown in (("x", 1), ("-4", 1), ("0", 1), ("2", 2), ("99", 2)):
        page = client.get(reverse("moderation_queue") + f"?page={asked}")
        assert page.status_code == 200
        assert page.context["q"].page.number == shown


def test_every_finding_under_a_prompt_term_is_of_prompt_severity():
    """The queue finds overdue comments by severity alone (an index), which holds only while
    screening gives every finding about personal information or abuse a high severity."""
    prompt_kinds = {kind: severity for kind, (term, severity) in KINDS.items()
                    if term in PROMPT_TERMS}
    assert prompt_kinds
    assert all(severity >= PROMPT_SEVERITY for severity in prompt_kinds.values())


def test_the_oldest_waiting_comment_is_the_one_the_home_page_names(settings):
    settings.MODERATION_OVERDUE_MINUTES = 60
    me = moderator()
    old = flagged_item("ring 07700 900461", "07700 900461", term="personal_details",
                       kind="phone", severity=3)
    Item.objects.filter(pk=old.pk).update(received_at=old.received_at - timedelta(days=3))
    older_but_decided = flagged_item("you idiot", "idiot", term="bullying", kind="insult",
                                     severity=3)
    Item.objects.filter(pk=older_but_decided.pk).update(
        received_at=old.received_at - timedelta(days=9))
    services.decide(item_id=older_but_decided.pk, actor=me, action="keep", seen=0)
    lines = [a.text for a in attention(me)]
    assert lines[0].startswith("1 comment about personal information or abuse has waited")
    assert "the oldest arrived 3\xa0days ago" in lines[1]
