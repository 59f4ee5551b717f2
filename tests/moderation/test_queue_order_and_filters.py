from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation.queue import services
from moderation.queue.selectors import QueueFilter, tab_counts, tab_items
from tests.factories import AuthorFactory, ChannelFactory, ItemFactory, flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


def _arrived(item, minutes_ago):
    type(item).objects.filter(pk=item.pk).update(
        received_at=timezone.now() - timedelta(minutes=minutes_ago)
    )


def test_queue_is_most_severe_first_then_longest_waiting_first():
    mild_old = flagged_item("rubbish service", "rubbish", severity=1)
    severe_new = flagged_item(
        "call 07700 900123", "07700 900123", term="personal_details", kind="phone", severity=3
    )
    severe_old = flagged_item(
        "I live at SM1 1AA", "SM1 1AA", term="personal_details", kind="postcode", severity=3
    )
    hate = flagged_item(
        "hateful words",
        "hateful",
        term="inappropriate_behaviour",
        kind="hate",
        severity=4,
        characteristic="race",
    )
    _arrived(mild_old, 300)
    _arrived(severe_new, 5)
    _arrived(severe_old, 60)
    _arrived(hate, 1)

    order = list(tab_items(QueueFilter()).values_list("pk", flat=True))

    assert order == [hate.pk, severe_old.pk, severe_new.pk, mild_old.pk]


def test_tabs_separate_flagged_unflagged_and_decided():
    flagged = flagged_item("damn it", "damn")
    clean = ItemFactory(text="Thanks for the clinic times")
    decided = flagged_item("darn it", "darn")
    services.decide(item_id=decided.pk, actor=moderator(), action="keep", seen=0)

    assert list(tab_items(QueueFilter(tab="flagged"))) == [flagged]
    assert list(tab_items(QueueFilter(tab="clean"))) == [clean]
    assert list(tab_items(QueueFilter(tab="decided"))) == [decided]
    assert tab_counts(QueueFilter()) == {"flagged": 1, "clean": 1, "decided": 1}


def test_filters_by_channel_term_and_author():
    facebook = ChannelFactory(platform="facebook")
    author = AuthorFactory(channel=facebook)
    on_facebook = flagged_item(
        "call 020 8123 4567",
        "020 8123 4567",
        term="personal_details",
        kind="phone",
        severity=3,
        channel=facebook,
        author=author,
    )
    elsewhere = flagged_item("rubbish", "rubbish")

    assert list(tab_items(QueueFilter(channel=facebook.pk))) == [on_facebook]
    assert list(tab_items(QueueFilter(term="personal_details"))) == [on_facebook]
    assert list(tab_items(QueueFilter(term="inappropriate_material"))) == [elsewhere]
    assert list(tab_items(QueueFilter(author=author.pk))) == [on_facebook]


def test_unknown_filter_values_are_ignored_not_trusted():
    f = QueueFilter.from_params({"tab": "<script>", "channel": "x", "term": "nope", "author": "-3"})
    assert f == QueueFilter()


def _seed(n, decider):
    channel = ChannelFactory()
    authors = [AuthorFactory(channel=channel) for _ in range(3)]
    for i in range(n):
        item = flagged_item(
            f"comment {i} rubbish",
            "rubbish",
            severity=1 + i % 3,
            channel=channel,
            author=authors[i % 3],
        )
        if i % 4 == 0:
            services.decide(item_id=item.pk, actor=decider, action="keep", seen=0)


@pytest.mark.parametrize("tab", ["flagged", "decided"])
def test_queue_page_runs_the_same_queries_for_few_or_many_items(
    client, django_assert_num_queries, tab
):
    me = moderator()
    client.force_login(me)
    url = reverse("moderation_queue") + f"?tab={tab}"
    _seed(4, me)
    client.get(url)  # warm the session and caches
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200
    _seed(120, me)
    with django_assert_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["q"].page.object_list) == 25
