"""List pages run a fixed number of queries whatever the number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from policies import services
from policies.models import Capacity, SocialAccount
from tests.counting import uncapped_counts
from tests.factories import SocialAccountFactory, person, policy

pytestmark = pytest.mark.django_db

APPROVED = date(2020, 1, 1)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _same_queries(client, url: str, expected: int, assert_num_queries) -> list[dict]:
    with assert_num_queries(expected) as captured:
        assert client.get(url).status_code == 200
    return captured.captured_queries


def test_policy_list_queries_do_not_grow_with_policies(login, django_assert_num_queries):
    officer = person(Role.CHIEF_EXECUTIVE)
    client = login(person(Role.MODERATOR))
    policy(officer, title="Policy 0", approved_on=APPROVED, review_due=date(2023, 3, 9))
    few = _queries(client, reverse("policies_list"))
    for n in range(1, 6):
        policy(officer, title=f"Policy {n}", approved_on=APPROVED, review_due=date(2027, 1, n))
    _same_queries(client, reverse("policies_list"), few, django_assert_num_queries)


def _accounts(moderator, ceo, count: int, start: int) -> None:
    for n in range(start, start + count):
        account = SocialAccountFactory(handle=f"@a{n}", status=SocialAccount.Status.ACTIVE)
        change = services.request_change(moderator, account, kind="close", reason="Quiet.")
        services.agree(ceo, change, capacity=Capacity.CHIEF_EXECUTIVE)


def test_account_register_queries_do_not_grow_with_accounts(login,
                                                           django_assert_num_queries):
    moderator, ceo = person(Role.MODERATOR), person(Role.CHIEF_EXECUTIVE)
    client = login(moderator)
    _accounts(moderator, ceo, 1, 0)
    few = _queries(client, reverse("policies_accounts"))
    _accounts(moderator, ceo, 6, 1)
    SocialAccountFactory.create_batch(3, status=SocialAccount.Status.CLOSED)
    queries = _same_queries(client, reverse("policies_accounts"), few, django_assert_num_queries)
    assert uncapped_counts(queries) == []  # the register is counted to "99+", never all


def test_account_register_pages_take_no_more_queries_with_more_accounts(
    login, django_assert_max_num_queries
):
    moderator, ceo = person(Role.MODERATOR), person(Role.CHIEF_EXECUTIVE)
    client = login(moderator)
    _accounts(moderator, ceo, 1, 0)
    few = _queries(client, reverse("policies_accounts"))
    _accounts(moderator, ceo, 3, 1)
    SocialAccountFactory.create_batch(40, status=SocialAccount.Status.CLOSED)  # two pages
    for page in ("1", "2"):
        # A page without a pending request skips the agreements' query: fewer, never more.
        with django_assert_max_num_queries(few):
            assert client.get(reverse("policies_accounts"), {"page": page}).status_code == 200


def test_the_account_register_shows_25_accounts_a_page_and_reaches_them_all(login):
    for n in range(27):
        SocialAccountFactory(handle=f"@account{n:02d}", platform="x",
                             status=SocialAccount.Status.ACTIVE)
    client = login(person(Role.MODERATOR))
    first = client.get(reverse("policies_accounts")).content.decode()
    assert "@account00" in first and "@account24" in first and "@account25" not in first
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get(reverse("policies_accounts"), {"page": 2}).content.decode()
    assert "@account25" in second and "@account26" in second and "@account00" not in second
    # Not a page number: the first page, not an error.
    assert "@account00" in client.get(reverse("policies_accounts"), {"page": "x"}).content.decode()


def test_home_page_attention_queries_do_not_grow(login, django_assert_num_queries):
    moderator, ceo, chair = (person(Role.MODERATOR), person(Role.CHIEF_EXECUTIVE),
                             person(Role.CHAIR))
    policy(ceo, title="Old", approved_on=APPROVED, review_due=date(2023, 3, 9))
    _accounts(moderator, ceo, 1, 0)
    client = login(chair)
    few = _queries(client, reverse("home"))
    for n in range(4):
        policy(ceo, title=f"Soon {n}", approved_on=APPROVED, review_due=date(2023, 4, n + 1))
    _accounts(moderator, ceo, 4, 1)
    _same_queries(client, reverse("home"), few, django_assert_num_queries)
