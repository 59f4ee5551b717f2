import pytest
from django.contrib.admin.sites import site
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from core.models import AppendOnlyError
from moderation.models import Decision
from moderation.queue import services
from tests.factories import flagged_item
from tests.moderation.queue_support import moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision():
    item = flagged_item("what rubbish", "rubbish")
    return services.decide(
        item_id=item.pk,
        actor=moderator(),
        action="delete",
        seen=0,
        terms=["inappropriate_material"],
    )


def test_a_decision_cannot_be_saved_again(decision):
    decision.note = "changed my mind"
    with pytest.raises(AppendOnlyError):
        decision.save()


def test_a_decision_cannot_be_deleted(decision):
    with pytest.raises(AppendOnlyError):
        decision.delete()
    with pytest.raises(AppendOnlyError):
        Decision.objects.filter(pk=decision.pk).delete()


def test_a_decision_cannot_be_updated_through_the_orm(decision):
    with pytest.raises(AppendOnlyError):
        Decision.objects.filter(pk=decision.pk).update(action="keep")


def test_the_database_refuses_changes_made_around_the_orm(decision):
    table = Decision._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET action = 'keep' WHERE id = %s", [decision.pk])  # noqa: S608
    if connection.vendor == "postgresql":
        # SQLite keeps DELETE open for test flushes (core.db); PostgreSQL refuses it.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [decision.pk])  # noqa: S608
    assert Decision.objects.get(pk=decision.pk).action == "delete"


def test_the_admin_site_offers_no_way_to_add_change_or_delete_a_decision(decision, admin_user):
    model_admin = site._registry[Decision]
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, decision)
    assert not model_admin.has_delete_permission(request, decision)


def test_a_correction_is_a_new_decision_pointing_at_the_old_one(decision):
    correction = services.decide(
        item_id=decision.item_id,
        actor=moderator(),
        action="keep",
        seen=1,
        corrects_id=decision.pk,
        note="Not offensive in context",
    )
    assert correction.corrects == decision
    assert Decision.objects.get(pk=decision.pk).action == "delete"
    assert Decision.objects.count() == 2
