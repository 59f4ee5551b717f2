"""The retention schedule: each rule removes exactly what it should at the right age, and
nothing else. The clock is moved with time-machine; the run is the daily Celery task."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command

from core.models import AuditEvent
from moderation.models import Author, Decision, Finding, Item, WebhookDelivery
from moderation.queue.services import decide, unblock
from privacy.models import Redaction, RetentionRule, RetentionRun
from privacy.tasks import enforce_retention
from tests.factories import AuthorFactory, ItemFactory, escalated, flagged_item, person

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PHONE_TEXT = "Ring me on 07400 123456 about my mum's care please"


def _delivery(processed=True):
    return WebhookDelivery.objects.create(
        kind=WebhookDelivery.Kind.CHANNEL, body='{"comments": []}',
        processed_at=START if processed else None)


def _removed_for_personal_details(moderator, text=PHONE_TEXT, match="07400 123456"):
    item = flagged_item(text, match, term="personal_details", kind="phone", severity=3)
    decide(item_id=item.pk, actor=moderator, action="delete", seen=0,
           terms=["personal_details"])
    return item


def test_the_defaults_are_the_ones_the_readme_states():
    rules = {r.kind: r for r in RetentionRule.objects.all()}
    assert rules["webhook_bodies"].keep_days == 30
    assert rules["personal_details_text"].keep_days == 30
    assert rules["comments"].keep_days == 3 * 365 and rules["comments"].period == "3 years"
    for held in ("escalation_evidence", "signatures", "consent", "audit"):
        assert rules[held].keep_days is None and rules[held].period == "Kept"
        assert rules[held].reason


def test_raw_webhook_bodies_go_30_days_after_processing_and_not_a_day_before():
    with time_machine.travel(START, tick=False):
        processed, waiting = _delivery(), _delivery(processed=False)
    with time_machine.travel(START + timedelta(days=29), tick=False):
        enforce_retention.delay()
        assert WebhookDelivery.objects.count() == 2
    with time_machine.travel(START + timedelta(days=30, minutes=1), tick=False):
        enforce_retention.delay()
    assert list(WebhookDelivery.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not WebhookDelivery.objects.filter(pk=processed.pk).exists()


def test_a_comment_removed_for_personal_details_has_them_replaced_by_their_kind_after_30_days():
    moderator = person("moderator")
    with time_machine.travel(START, tick=False):
        removed = _removed_for_personal_details(moderator)
        kept = flagged_item("Call 07400 654321 to book", "07400 654321",
                            term="personal_details", kind="phone", severity=3)
        decide(item_id=kept.pk, actor=moderator, action="keep", seen=0)
        other = flagged_item("You are a disgrace and a fraud", "fraud", term="defamatory",
                             kind="defamation")
        decide(item_id=other.pk, actor=moderator, action="delete", seen=0,
               terms=["defamatory"])
    with time_machine.travel(START + timedelta(days=29), tick=False):
        enforce_retention.delay()
        assert Item.objects.get(pk=removed.pk).text == PHONE_TEXT
    with time_machine.travel(START + timedelta(days=31), tick=False):
        enforce_retention.delay()
        enforce_retention.delay()  # a second run finds nothing more to do
    removed.refresh_from_db()
    assert removed.text == "Ring me on [phone] about my mum's care please"
    finding = Finding.objects.get(item=removed)
    assert (finding.match, removed.text[finding.start:finding.end]) == ("[phone]", "[phone]")
    assert Redaction.objects.get(item_id=removed.pk).kinds == ["phone"]
    assert Redaction.objects.count() == 1
    # A comment kept, and one removed for another term, keep their text.
    assert Item.objects.get(pk=kept.pk).text == "Call 07400 654321 to book"
    assert Item.objects.get(pk=other.pk).text == "You are a disgrace and a fraud"
    # The decisions stay: the record of what was done.
    assert Decision.objects.filter(item=removed).count() == 1


def test_other_comments_their_decisions_and_authors_go_after_three_years_but_holds_stay():
    moderator = person("moderator")
    with time_machine.travel(START, tick=False):
        old = ItemFactory(text="An old comment")
        decide(item_id=old.pk, actor=moderator, action="hide", seen=0)
        old_author = old.author
        shared_author = AuthorFactory()
        old_by_shared = ItemFactory(author=shared_author, channel=shared_author.channel)
        evidence = escalated(by=moderator)
        blocked = ItemFactory(text="Abuse again")
        decide(item_id=blocked.pk, actor=moderator, action="block", seen=0, terms=["bullying"])
        lifted = ItemFactory(text="Sorry")
        decide(item_id=lifted.pk, actor=moderator, action="block", seen=0, terms=["bullying"])
        unblock(lifted.author.blocks.get().pk, moderator, "Apologised")
    with time_machine.travel(START + timedelta(days=3 * 365 - 200), tick=False):
        recent = ItemFactory(author=shared_author, channel=shared_author.channel)
    with time_machine.travel(START + timedelta(days=3 * 365 - 1), tick=False):
        enforce_retention.delay()
        assert Item.objects.filter(pk=old.pk).exists()
    with time_machine.travel(START + timedelta(days=3 * 365 + 1), tick=False):
        enforce_retention.delay()
    left = set(Item.objects.values_list("pk", flat=True))
    assert left == {evidence.item_id, blocked.pk, recent.pk}
    assert not Decision.objects.filter(item_id__in=[old.pk, lifted.pk]).exists()
    assert not Author.objects.filter(pk__in=[old_author.pk, lifted.author_id]).exists()
    assert Author.objects.filter(pk=shared_author.pk).exists()  # still has a recent comment
    assert not Item.objects.filter(pk=old_by_shared.pk).exists()
    assert blocked.author.blocks.filter(lifted_by__isnull=True).exists()


def test_each_run_is_audited_with_counts_and_never_contents():
    moderator = person("moderator")
    with time_machine.travel(START, tick=False):
        _delivery()
        _removed_for_personal_details(moderator)
    with time_machine.travel(START + timedelta(days=31), tick=False):
        enforce_retention.delay()
    run = RetentionRun.objects.get()
    assert run.counts == {"webhook_deliveries": 1, "comments_redacted": 1,
                          "comments_removed": 0}
    event = AuditEvent.objects.get(action="privacy.retention_run")
    assert event.details["comments_redacted"] == 1
    assert "07400" not in str(event.details) and "Ring me" not in str(event.details)


def test_the_dry_run_says_what_would_go_and_changes_nothing(capsys):
    moderator = person("moderator")
    with time_machine.travel(START, tick=False):
        _delivery()
        item = _removed_for_personal_details(moderator)
    with time_machine.travel(START + timedelta(days=31), tick=False):
        call_command("retention", "--dry-run")
    out = capsys.readouterr().out
    assert "webhook deliveries would go: 1" in out
    assert "comments redacted would go: 1" in out
    assert "Comments removed for personal details: 30 days" in out
    assert WebhookDelivery.objects.count() == 1
    assert Item.objects.get(pk=item.pk).text == PHONE_TEXT
    assert not RetentionRun.objects.exists() and not Redaction.objects.exists()


def test_an_administrator_changing_the_period_changes_what_the_run_removes(client):
    administrator = person("administrator", is_staff=True, is_superuser=True)
    rule = RetentionRule.objects.get(kind="webhook_bodies")
    client.force_login(administrator)
    response = client.post(f"/admin/privacy/retentionrule/{rule.pk}/change/", {
        "keep_days": "7", "then": rule.then, "reason": rule.reason})
    assert response.status_code == 302
    with time_machine.travel(START, tick=False):
        _delivery()
    with time_machine.travel(START + timedelta(days=8), tick=False):
        enforce_retention.delay()
    assert not WebhookDelivery.objects.exists()
    assert AuditEvent.objects.filter(action="admin.changed",
                                     object_type="privacy.RetentionRule").exists()


def test_a_legal_hold_cannot_be_given_a_period_in_the_admin_site(client):
    client.force_login(person("administrator", is_staff=True, is_superuser=True))
    rule = RetentionRule.objects.get(kind="signatures")
    client.post(f"/admin/privacy/retentionrule/{rule.pk}/change/", {
        "keep_days": "30", "then": "deleted", "reason": rule.reason})
    rule.refresh_from_db()
    assert rule.keep_days is None
