"""The audit trail is append-only: nobody can edit or delete a record, not even in admin."""

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from core import audit
from core.models import AppendOnlyError, AuditEvent
from tests.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    actor = person(Role.MODERATOR)
    return audit.record(actor, "test.something_done", actor, reason="because")


def test_a_record_keeps_who_what_which_and_when(event):
    assert event.actor_label.endswith("@example.org")
    assert event.action == "test.something_done"
    assert event.object_type == "accounts.User"
    assert event.details == {"reason": "because"}
    assert event.at is not None


def test_the_ip_address_of_the_request_is_recorded(login):
    ceo = person(Role.CHIEF_EXECUTIVE)
    today = timezone.localdate()  # an absence must not be over already
    login(ceo).post(reverse("accounts_absence"),
                    {"starts_on": today, "ends_on": today + timedelta(days=4)},
                    REMOTE_ADDR="203.0.113.9")
    assert AuditEvent.objects.get(action="absence.recorded").ip_address == "203.0.113.9"


def test_saving_a_changed_record_is_refused(event):
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()


def test_queryset_update_and_delete_are_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_database_refuses_raw_updates_and_deletes(event):
    table = AuditEvent._meta.db_table
    statements = [f"UPDATE {table} SET action = 'x'"]
    if connection.vendor == "postgresql":  # see core/db.py for SQLite's DELETE
        statements.append(f"DELETE FROM {table}")
    for sql in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something_done"


def test_the_admin_offers_no_way_to_change_or_delete(event, client):
    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    change_url = reverse("admin:core_auditevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(change_url, {"action": "x"}).status_code == 403
    assert client.post(reverse("admin:core_auditevent_delete", args=[event.pk]),
                       {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something_done"


def test_a_sanctioned_removal_deletes_but_never_edits_and_ends_with_its_transaction(event):
    from core.db import sanctioned_removal

    table = AuditEvent._meta.db_table
    with (pytest.raises(DatabaseError), transaction.atomic(), sanctioned_removal(),
          connection.cursor() as cursor):
        cursor.execute(f"UPDATE {table} SET action = 'x'")
    with transaction.atomic():
        with sanctioned_removal() as remove:
            assert remove(AuditEvent.objects.filter(pk=event.pk)) == 1
        transaction.set_rollback(True)
    if connection.vendor == "postgresql":  # the permission ended with that transaction
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.something_done"
