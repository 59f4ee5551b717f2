"""The evidence copy: frozen when the escalation is raised, hashed over its canonical JSON, kept
whatever later happens to the comment, refused any change, and every look at it recorded."""

import hashlib
import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from core.models import AppendOnlyError, AuditEvent
from escalations.models import EvidenceCopy, canonical_json, sha256_of
from moderation.models import Item
from tests.factories import escalated

from .escalation_support import board

pytestmark = pytest.mark.django_db


def test_the_evidence_holds_what_the_police_need_and_its_hash_is_over_canonical_json():
    board()
    escalation = escalated()
    item = escalation.item
    data = escalation.evidence
    assert data["text"] == "go back to where you came from"
    assert data["author"] == item.author.name
    assert data["platform_author_id"] == item.author.platform_author_id
    assert data["channel"] == str(item.channel)
    assert data["permalink"] == "https://facebook.com/hws/posts/1"
    assert data["posted_at"] == item.posted_at.isoformat()
    assert data["findings"][0]["match"] == "go back to where you came from"
    assert data["findings"][0]["characteristic"] == "race"
    copy = escalation.evidence_copy
    assert copy.sha256 == hashlib.sha256(
        json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert copy.hash_matches()


def test_the_evidence_survives_the_comment_being_edited_and_removed(client):
    people = board()
    escalation = escalated(also_delete=True, terms=["inappropriate_behaviour"])
    frozen = escalation.evidence_copy.content
    Item.objects.filter(pk=escalation.item_id).update(text="", original_text="",
                                                      permalink="")
    escalation.item.findings.all().delete()
    client.force_login(people["ceo"])
    page = client.get(reverse("moderation_escalation", args=[escalation.pk]))
    assert "go back to where you came from" in page.text
    assert "Hash verified" in page.text
    assert EvidenceCopy.objects.get().content == frozen


def test_the_download_is_exactly_what_was_hashed_and_each_view_is_audited(client):
    people = board()
    escalation = escalated()
    client.force_login(people["ceo"])
    response = client.get(reverse("moderation_escalation_evidence", args=[escalation.pk]))
    assert response.status_code == 200
    assert response["X-Evidence-SHA256"] == hashlib.sha256(response.content).hexdigest()
    assert response["X-Evidence-SHA256"] == escalation.evidence_copy.sha256
    client.get(reverse("moderation_escalation", args=[escalation.pk]))
    views = AuditEvent.objects.filter(action="moderation.escalation_evidence_viewed")
    assert [(v.actor, v.details["via"]) for v in views.order_by("id")] == [
        (people["ceo"], "download"), (people["ceo"], "review page")]


def test_the_evidence_cannot_be_changed_through_the_orm_or_raw_sql():
    board()
    copy = escalated().evidence_copy
    copy.content = canonical_json({"text": "something milder"})
    with pytest.raises(AppendOnlyError):
        copy.save()
    with pytest.raises(AppendOnlyError):
        EvidenceCopy.objects.filter(pk=copy.pk).update(content="{}")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE moderation_evidencecopy SET content = %s WHERE id = %s",
                       ['{"text":"milder"}', copy.pk])


def _disable_append_only_trigger(cursor) -> None:
    """What someone with the database owner's rights could do; rolled back with the test."""
    if connection.vendor == "postgresql":
        # A superuser's way round every row trigger, for this transaction only.
        cursor.execute("SET LOCAL session_replication_role = replica")
    else:
        cursor.execute('DROP TRIGGER "moderation_evidencecopy_no_update"')


def test_tampered_evidence_shows_that_the_hash_does_not_match(client):
    people = board()
    escalation = escalated()
    tampered = json.loads(escalation.evidence_copy.content)
    tampered["text"] = "go back home"
    with connection.cursor() as cursor:
        _disable_append_only_trigger(cursor)
        cursor.execute("UPDATE moderation_evidencecopy SET content = %s WHERE id = %s",
                       [canonical_json(tampered), escalation.evidence_copy.pk])
    assert not EvidenceCopy.objects.get().hash_matches()
    client.force_login(people["ceo"])
    page = client.get(reverse("moderation_escalation", args=[escalation.pk]))
    assert "The hash does not match" in page.text
    assert "Hash verified" not in page.text
    # Re-hashing after tampering would need the stored hash changed too: that is what the
    # audit record of the raising keeps, out of reach of the same UPDATE.
    raised = AuditEvent.objects.get(action="moderation.escalation_raised")
    assert raised.details["evidence_sha256"] != sha256_of(canonical_json(tampered))
