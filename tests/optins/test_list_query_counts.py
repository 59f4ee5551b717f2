import pytest
from django.urls import reverse

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


def test_the_queue_selector_is_three_queries_whatever_the_rows(django_assert_num_queries):
    _rows(3)
    with django_assert_num_queries(3):
        queue = selectors.queue()
    assert len(queue.pending) == 3 and len(queue.to_add) == 3 and len(queue.to_remove) == 3
    assert len(queue.signed_ids) == 3


def test_the_rosters_selector_is_three_queries_whatever_the_rows(django_assert_num_queries):
    _rows(3)
    with django_assert_num_queries(3):  # groups, members, who signed the current agreement
        groups, _signed = selectors.rosters()
    assert sum(len(g.current_members) for g in groups) == 9


def test_home_attention_for_a_moderator_is_a_fixed_number_of_queries(django_assert_num_queries):
    moderator = person("moderator")
    _rows(4)
    moderator.role_slugs  # noqa: B018 - roles are read once per request by the middleware
    with django_assert_num_queries(3):
        lines = attention(moderator)
    texts = " ".join(a.text for a in lines)
    assert "4 WhatsApp opt-in request(s)" in texts and "4 person(s) to remove" in texts
