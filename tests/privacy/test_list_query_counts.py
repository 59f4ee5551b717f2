"""The data-protection pages run a fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.queue.services import decide
from tests.factories import AuthorFactory, ItemFactory, person

pytestmark = pytest.mark.django_db


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_finding_people_and_an_authors_export_take_the_same_queries_at_two_sizes(login):
    moderator = person("moderator")
    client = login(moderator)
    author = AuthorFactory(name="Pat Example")
    counts = []
    for size in (2, 12):
        for _ in range(size):
            AuthorFactory(name="Pat Example", channel=author.channel)
            item = ItemFactory(author=author, channel=author.channel)
            decide(item_id=item.pk, actor=moderator, action="hide", seen=0)
        counts.append((
            _queries(client, reverse("privacy_people"), {"q": "pat"}),
            _queries(client, reverse("privacy_author_export", args=[author.pk])),
        ))
    assert counts[0] == counts[1]
