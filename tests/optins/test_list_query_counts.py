import pytest
from django.urls import reverse

from core.pagination import PAGE_SIZE
from optins import selectors
from optins.home import attention
from optins.models import Membership, OptInRequest
from tests.factories import (
    MembershipFactory,
    OptInRequestFactory,
    person,
    sign_current_agreement,
    whatsapp_group,
)

pytestmark = pytest.mark.django_db


def _rows(n: int) -> None:
    for _ in range(n):
        pending = OptInRequestFactory()
        sign_current_agreement(pending.person)
        OptInRequestFactory(status=OptInRequest.Status.APPROVED)
        MembershipFactory()
        MembershipFactory(status=Membership.Status.LEAVING,
                          request__group=whatsapp_group("volunteers"))
        director = person("director")
        MembershipFactory(request__person=director, request__group=whatsapp_group("directors"))


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["optins_queue", "optins_rosters", "optins_monitoring"])
def test_list_pages_run_the_same_number_of_queries_for_2_and_12_rows(login, url_name):
    client = login(person("moderator"))
    url = reverse(url_name)
    _rows(2)
    small = _count(client, url)
    _rows(10)
    large = _count(client, url)
    assert small == large


@pytest.mark.parametrize("rows", [3, 27])
def test_the_queue_selector_is_six_queries_whatever_the_rows(django_assert_num_queries, rows):
    _rows(rows)
    # Two counts, the three lists' pages, who of this page's people signed the agreement.
    with django_assert_num_queries(6):
        queue = selectors.queue()
    shown = min(rows, PAGE_SIZE)
    assert len(queue.pending.object_list) == shown and queue.pending.paginator.count == rows
    assert len(queue.to_add.object_list) == shown and queue.to_add.paginator.count == rows
    assert len(queue.to_remove.object_list) == shown
    assert queue.to_remove.paginator.count == rows
    assert len(queue.signed_ids) == shown


@pytest.mark.parametrize("rows", [3, 27])
def test_the_rosters_selector_is_three_queries_whatever_the_rows(django_assert_num_queries, rows):
    _rows(rows)
    with django_assert_num_queries(3):  # groups, a page of each, who signed the agreement
        groups = {g.slug: g for g in selectors.rosters({})[0]}
    # Per volunteer row: a member and a leaving member; per director row: a member.
    assert groups["volunteers"].member_count == 2 * rows
    assert groups["directors"].member_count == rows
    assert len(groups["volunteers"].members.object_list) == min(2 * rows, PAGE_SIZE)
    assert len(groups["directors"].members.object_list) == min(rows, PAGE_SIZE)


def test_each_roster_pages_on_its_own_and_keeps_the_other_groups_page(login):
    for n in range(PAGE_SIZE + 2):
        MembershipFactory(request__person=person("volunteer", full_name=f"Vol {n:02d}"))
    MembershipFactory(request__person=person("director", full_name="Dir Only"),
                      request__group=whatsapp_group("directors"))
    client = login(person("moderator"))

    first = client.get(reverse("optins_rosters")).content.decode()
    assert "Vol 00" in first and "Vol 25" not in first and "Dir Only" in first
    assert "Page 1 of 2" in first and "?volunteers=2" in first

    second = client.get(reverse("optins_rosters"), {"volunteers": 2}).content.decode()
    assert "Vol 25" in second and "Vol 26" in second and "Vol 00" not in second
    assert "Dir Only" in second  # the directors stay on their first page


def test_each_queue_list_pages_on_its_own(login):
    for n in range(PAGE_SIZE + 1):
        OptInRequestFactory(person=person("volunteer", full_name=f"Asker {n:02d}"))
    client = login(person("moderator"))

    first = client.get(reverse("optins_queue")).content.decode()
    assert f"Requests to decide ({PAGE_SIZE + 1})" in first
    assert "Asker 00" in first and f"Asker {PAGE_SIZE}" not in first
    assert "?requests=2" in first

    second = client.get(reverse("optins_queue"), {"requests": 2}).content.decode()
    assert f"Asker {PAGE_SIZE}" in second and "Asker 00" not in second


def test_home_attention_for_a_moderator_is_a_fixed_number_of_queries(django_assert_num_queries):
    moderator = person("moderator")
    _rows(4)
    moderator.role_slugs  # noqa: B018 - roles are read once per request by the middleware
    with django_assert_num_queries(3):
        lines = attention(moderator)
    texts = " ".join(a.text for a in lines)
    assert "4 WhatsApp opt-in request(s)" in texts and "4 person(s) to remove" in texts


def test_the_home_counts_read_only_open_requests_never_the_whole_history():
    moderator = person("moderator")
    _rows(2)
    moderator.role_slugs  # noqa: B018 - roles are read once per request by the middleware
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        attention(moderator)
    counting = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counting) == 2  # the open requests, the members leaving
    for sql in counting:
        where = sql.upper().partition(" WHERE ")[2]
        assert '"STATUS"' in where, sql  # a status filter (by its index), not a scan of all
