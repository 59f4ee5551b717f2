"""A database made before escalations became their own app (issue 12), with data in it, migrates
forward with nothing lost: the same rows in the same tables, admin permissions still attached,
the audit trail still found, and every stored beat schedule naming a task Celery knows.

Runs on whichever database the suite uses: SQLite by default, PostgreSQL with DATABASE_URL.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from accounts.models import User
from escalations import selectors
from escalations.models import Consultation, Escalation, EvidenceCopy, canonical_json, sha256_of
from hws_engage.celery import app
from moderation.models import Channel, Decision, Item
from tests.migrating import migrate

pytestmark = pytest.mark.django_db(transaction=True)

# Every app's last migration before the move and before tasks got fixed names.
BEFORE_THE_MOVE = [
    ("moderation", "0006_channel_links_social_account_and_newest_items_index"),
    ("escalations", None),
    ("safeguarding", None),  # made after the move: not there yet
    ("optins", "0004_weekly_monitoring_schedule"),
    ("agreements", "0002_weekly_signing_reminder_schedule"),
    ("policies", "0003_daily_review_alerts_schedule"),
]


def _stored_schedules(executor: MigrationExecutor, old_apps) -> None:
    """The default schedules as the old migrations stored them (a transactional test before
    this one may have emptied the table): their beat_schedule operations, run again."""
    for migration in executor.loader.graph.nodes.values():
        for operation in migration.operations:
            code = getattr(operation, "code", None)
            if code is not None and code.__qualname__.startswith("beat_schedule."):
                code(old_apps, None)


def _old_layout_with_data() -> dict:
    """Migrate back to the old layout and fill it the way the app did then."""
    executor = migrate(BEFORE_THE_MOVE)
    moved = {app for app, _ in BEFORE_THE_MOVE}
    state_at = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in moved]
    old = executor.loader.project_state(state_at + [t for t in BEFORE_THE_MOVE if t[1]]).apps
    _stored_schedules(executor, old)
    user_model = old.get_model("accounts", "User")
    moderator = user_model.objects.create(email="mod@example.org", approval="approved")
    ceo = user_model.objects.create(email="ceo@example.org", approval="approved")
    now = timezone.now()
    channel = old.get_model("moderation", "Channel").objects.create(
        platform="facebook", name="HWS on Facebook", platform_account_id="1049"
    )
    author = old.get_model("moderation", "Author").objects.create(
        channel=channel, platform_author_id="u-1", name="Ray Stokes"
    )
    item_model = old.get_model("moderation", "Item")
    items = [
        item_model.objects.create(
            channel=channel, author=author, platform_item_id=f"c-{n}", text=f"Comment {n}",
            posted_at=now - timedelta(minutes=n), source="meta_webhook",
        )
        for n in range(3)
    ]
    decision = old.get_model("moderation", "Decision").objects.create(
        item=items[0], action="escalate", terms=["hate"], note="Hostile to a group",
        decided_by=moderator,
    )
    escalation = old.get_model("moderation", "Escalation").objects.create(
        item=items[0], decision=decision, characteristics=["race"], raised_by=moderator,
        reviewer=ceo, routing_reason="The Chief Executive is in.",
    )
    content = canonical_json({"text": items[0].text, "author": "Ray Stokes"})
    old.get_model("moderation", "EvidenceCopy").objects.create(
        escalation=escalation, content=content, sha256=sha256_of(content)
    )
    old.get_model("moderation", "Consultation").objects.create(
        escalation=escalation, consulted="Stop Hate UK", consulted_at=now,
        outcome="Report it", recorded_by=ceo,
    )
    old.get_model("core", "AuditEvent").objects.create(
        actor=moderator, actor_label=moderator.email, action="moderation.escalation_raised",
        object_type="moderation.Escalation", object_id=str(escalation.pk), details={},
    )
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="moderation", model="escalation"
    )
    view_escalation = old.get_model("auth", "Permission").objects.get(
        content_type=old_content_type, codename="view_escalation"
    )
    ceo.user_permissions.add(view_escalation)
    return {
        "escalation": escalation.pk, "decision": decision.pk, "ceo": ceo.pk,
        "permission": view_escalation.pk, "content_type": old_content_type.pk,
        "tasks": set(old.get_model("django_celery_beat", "PeriodicTask")
                     .objects.values_list("task", flat=True)),
    }


def test_a_database_on_the_old_layout_migrates_forward_with_nothing_lost():
    before = _old_layout_with_data()
    migrate(None)

    assert Channel.objects.count() == 1 and Item.objects.count() == 3
    assert Decision.objects.get(pk=before["decision"]).action == Decision.Action.ESCALATE
    escalation = Escalation.objects.select_related("evidence_copy").get(pk=before["escalation"])
    assert escalation.decision_id == before["decision"]
    assert escalation.characteristic_labels and escalation.reviewer_id == before["ceo"]
    assert escalation.evidence_copy.hash_matches()
    assert escalation.evidence["author"] == "Ray Stokes"
    assert [c.consulted for c in Consultation.objects.filter(escalation=escalation)] == [
        "Stop Hate UK"]
    assert EvidenceCopy.objects.count() == 1
    # The same content type row, renamed: permissions given before the move still hold.
    moved = ContentType.objects.get(pk=before["content_type"])
    assert (moved.app_label, moved.model) == ("escalations", "escalation")
    assert Permission.objects.get(pk=before["permission"]).content_type_id == moved.pk
    ceo = User.objects.get(pk=before["ceo"])
    assert ceo.has_perm("escalations.view_escalation")
    # The escalation's record still shows what was written under the old name.
    assert [e.action for e in selectors.audit_events(escalation)] == [
        "moderation.escalation_raised"]


def test_beat_on_a_database_from_before_the_move_still_finds_every_task():
    before = _old_layout_with_data()
    assert "moderation.queue_tasks.alert_overdue_items" in before["tasks"]  # the old names
    migrate(None)

    app.loader.import_default_modules()
    stored = set(PeriodicTask.objects.values_list("task", flat=True))
    assert len(stored) == len(before["tasks"])
    assert stored <= set(app.tasks), stored - set(app.tasks)
