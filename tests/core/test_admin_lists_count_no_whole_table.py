"""The admin site's change lists stay cheap however long a table grows: they count rows only up
to a cap (core.counts.CappedPaginator, "10000+"), never the whole table, list no filter's
values from all of it, and take the same queries for a few rows or many."""

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.roles import Role
from core import audit
from core.admin import AuditedAdmin
from core.counts import CappedPaginator
from tests.counting import uncapped_counts, uncapped_distincts
from tests.factories import ItemFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    someone = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(someone)
    return someone


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_no_change_list_of_the_project_counts_a_whole_table(client, administrator,
                                                             django_assert_max_num_queries):
    ours = [model for model, model_admin in admin.site._registry.items()
            if isinstance(model_admin, AuditedAdmin)]
    assert len(ours) >= 30
    for model in ours:
        with django_assert_max_num_queries(30) as captured:
            assert client.get(_changelist(model)).status_code == 200
        assert uncapped_counts(captured.captured_queries) == [], model
        assert uncapped_distincts(captured.captured_queries) == [], model


def test_a_change_list_counts_up_to_the_cap_and_pages_that_far(
    client, administrator, django_assert_num_queries, monkeypatch
):
    from moderation.models import Item

    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(admin.site._registry[Item], "list_per_page", 2)
    url = _changelist(Item)
    ItemFactory.create_batch(3)
    client.get(url)  # warm the session
    with django_assert_num_queries(8) as few:
        page = client.get(url)
    assert "3 items" in page.text
    ItemFactory.create_batch(27)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "4+ items" in page.text
    assert page.context["cl"].paginator.num_pages == 2
    assert client.get(url + "?p=2").status_code == 200


def test_the_audit_trail_in_the_admin_counts_no_further_than_the_cap(
    client, administrator, monkeypatch
):
    from core.models import AuditEvent

    monkeypatch.setattr(CappedPaginator, "cap", 5)
    for n in range(8):
        audit.record(administrator, "test.happened", administrator, n=n)
    page = client.get(_changelist(AuditEvent))
    assert "5+ audit records" in page.text
    assert "8 total" not in page.text


def test_the_audit_trails_action_filter_offers_the_recent_actions(client, administrator):
    from core.models import AuditEvent

    for action in ("test.one", "test.two", "test.one"):
        audit.record(administrator, action, administrator)
    url = _changelist(AuditEvent)
    page = client.get(url)
    assert page.text.count("?action=test.one") == 1 and "?action=test.two" in page.text
    only = client.get(url, {"action": "test.one"})
    assert [e.action for e in only.context["cl"].result_list] == ["test.one", "test.one"]
