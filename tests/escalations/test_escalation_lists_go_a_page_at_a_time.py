"""The escalations list, the blocked authors and the Board report stay the same size of work as
they grow: 25 rows a page in a fixed number of queries, and the report's figures aggregated by
the database in a fixed number of queries."""

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from escalations.selectors import board_report
from escalations.services import decide
from moderation.models import Decision
from moderation.queue import services
from tests.counting import uncapped_counts
from tests.factories import AuthorFactory, escalated, flagged_item, person

from .escalation_support import at, board, consulted

pytestmark = pytest.mark.django_db


def _thirty_on_two_pages(client, url, first) -> None:
    """Page 1 (`first`) shows 25 with a link to page 2, which shows the other 5."""
    assert len(first.context["page"].object_list) == 25
    assert 'rel="next" href="?page=2"' in first.text
    second = client.get(url + "?page=2")
    assert len(second.context["page"].object_list) == 5
    assert "Page 2 of 2" in second.text
    shown = {row.pk for row in first.context["page"].object_list} | {
        row.pk for row in second.context["page"].object_list}
    assert len(shown) == 30


def _escalations(n, by):
    for _ in range(n):
        escalated(by=by)


@pytest.mark.parametrize("viewer", ["ceo", "raiser"])
def test_the_escalations_list_shows_25_a_page_in_the_same_queries(
    client, django_assert_num_queries, viewer
):
    """The CEO's list (every escalation) and a moderator's (those they raised: its own
    index) alike."""
    people = board()
    people["raiser"] = person(Role.MODERATOR)
    _escalations(3, people["raiser"])
    client.force_login(people[viewer])
    url = reverse("moderation_escalations")
    client.get(url)  # warm the session and the role cache
    with django_assert_num_queries(9) as few:
        assert len(client.get(url).context["page"].object_list) == 3
    _escalations(27, people["raiser"])
    with django_assert_num_queries(len(few.captured_queries)) as many:
        first = client.get(url)
    _thirty_on_two_pages(client, url, first)
    assert uncapped_counts(few.captured_queries + many.captured_queries) == []


def test_the_list_shows_the_undecided_first_then_the_latest_decided(client):
    people = board()
    raiser = person(Role.MODERATOR)
    made = {}
    for day, name in ((2, "decided first"), (3, "waiting"), (4, "decided last"),
                      (5, "waiting newest")):
        with time_machine.travel(at(2026, 10, day, 9), tick=False):
            made[name] = escalated(by=raiser)
    for day, name in ((10, "decided last"), (6, "decided first")):
        with time_machine.travel(at(2026, 10, day, 9), tick=False):
            consulted(made[name], people["ceo"])
            decide(made[name].pk, people["ceo"], outcome="no_report",
                   judgement="not_a_hate_crime", reason="No group.")
    made["decided first"].refresh_from_db()
    assert made["decided first"].decided_at == at(2026, 10, 6, 9)
    assert made["waiting"].decided_at is None
    client.force_login(people["ceo"])
    shown = [e.pk for e in client.get(reverse("moderation_escalations")).context["page"]
             .object_list]
    assert shown == [made[n].pk for n in ("waiting newest", "waiting", "decided last",
                                          "decided first")]


def _blocks(n, moderator):
    for i in range(n):
        item = flagged_item(f"you idiot {i}", "idiot", term="bullying", kind="insult",
                            severity=3, author=AuthorFactory())
        services.decide(item_id=item.pk, actor=moderator, action="block", seen=0,
                        terms=["bullying"])


def test_blocked_authors_show_25_a_page_in_the_same_queries(client, django_assert_num_queries):
    me = person(Role.MODERATOR)
    client.force_login(me)
    _blocks(2, me)
    url = reverse("moderation_blocked")
    client.get(url)
    with django_assert_num_queries(8) as few:
        assert len(client.get(url).context["page"].object_list) == 2
    _blocks(28, me)
    with django_assert_num_queries(len(few.captured_queries)) as many:
        first = client.get(url)
    _thirty_on_two_pages(client, url, first)
    assert uncapped_counts(many.captured_queries) == []
    shown = [block.decision.decided_at for block in first.context["page"].object_list]
    assert shown == sorted(shown, reverse=True)  # the latest blocked first
    assert shown[0] == Decision.objects.filter(action="block").latest("decided_at").decided_at


def test_the_board_report_takes_the_same_queries_for_few_or_many(django_assert_num_queries):
    people = board()
    raiser = person(Role.MODERATOR)
    expected = 2 if connection.vendor == "postgresql" else 3

    def decided(n, day):
        for hour in range(n):
            with time_machine.travel(at(2026, 10, day, 9), tick=False):
                escalation = escalated(by=raiser)
            with time_machine.travel(at(2026, 10, day, 10 + hour), tick=False):
                consulted(escalation, people["ceo"])
                decide(escalation.pk, people["ceo"], outcome="no_report",
                       judgement="not_a_hate_crime", reason="No group.")

    decided(2, 5)
    with django_assert_num_queries(expected):
        few = board_report(at(2026, 10, 1, 0).date(), at(2026, 10, 31, 0).date())
    assert (few.total, few.decided, few.median_hours, few.max_hours) == (2, 2, 1.5, 2.0)
    decided(9, 6)
    with django_assert_num_queries(expected):
        many = board_report(at(2026, 10, 1, 0).date(), at(2026, 10, 31, 0).date())
    # Decided after 1, 2 (the 5th) and 1 .. 9 hours (the 6th): the median of eleven is 4.
    assert (many.total, many.decided, many.median_hours, many.max_hours) == (11, 11, 4.0, 9.0)
    assert dict(many.by_outcome)["Not reported: the reviewer's judgement"] == 11
    assert many.by_month == [("Oct 2026", 11)]
