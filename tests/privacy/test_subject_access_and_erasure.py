"""Subject access: one export of everything held about a person, made by a moderator or the
CEO, audited. Erasure: what can go goes; legal holds stay, and the record and reply say so."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from core.models import AuditEvent
from moderation.models import Author, Block, Decision, Item
from moderation.queue.services import decide
from privacy.models import ErasureRequest
from tests.factories import (
    ItemFactory,
    SignatureFactory,
    escalated,
    person,
    sign_current_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", "--quiet")


def _blocked_demo_author() -> Author:
    return Block.objects.select_related("author").get(lifted_by__isnull=True).author


def test_an_export_for_a_demo_author_holds_all_about_them_and_nothing_about_anyone_else(
        demo, login):
    author = _blocked_demo_author()
    moderator = person("moderator")
    ItemFactory(author=author, channel=author.channel, text="A second comment of theirs")
    response = login(moderator).get(
        reverse("privacy_author_export", args=[author.pk]) + "?format=json")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(response.content)
    theirs = Item.objects.filter(author=author)
    assert sorted(c["id"] for c in data["comments"]) == sorted(theirs.values_list("pk", flat=True))
    decisions = Decision.objects.filter(item__author=author).count()
    assert sum(len(c["decisions"]) for c in data["comments"]) == decisions >= 1
    assert len(data["blocks"]) == Block.objects.filter(author=author).count() == 1
    dumped = json.dumps(data)
    for other in Item.objects.exclude(author=author).select_related("author"):
        assert other.text not in dumped
        assert other.author.name not in dumped
    event = AuditEvent.objects.get(action="privacy.subject_access_export")
    assert (event.actor, event.object_id, event.details["format"]) == (
        moderator, str(author.pk), "json")


def test_the_readable_export_shows_the_comments_escaped(login):
    item = ItemFactory(text="<script>alert(1)</script> my complaint")
    page = login(person("chief_executive")).get(
        reverse("privacy_author_export", args=[item.author_id])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; my complaint" in page
    assert "<script>alert(1)" not in page


def test_an_export_for_a_user_of_the_app_holds_their_signatures_and_masks_numbers(login):
    volunteer = person("volunteer", full_name="Val Unteer")
    SignatureFactory()  # someone else's
    sign_current_agreement(volunteer)
    from optins import services as optins
    from tests.factories import whatsapp_group
    optins.request_opt_in(volunteer, whatsapp_group("volunteers"), "07400 123456",
                          permission=True)
    data = json.loads(login(person("moderator")).get(
        reverse("privacy_user_export", args=[volunteer.pk]) + "?format=json").content)
    assert data["subject"]["email"] == volunteer.email
    assert len(data["signatures"]) == 1
    assert "123456" not in json.dumps(data)
    assert data["whatsapp_requests"][0]["mobile"].endswith("456")


def test_finding_a_person_by_the_name_they_give(login):
    item = ItemFactory(author__name="Margaret Ellis")
    ItemFactory(author__name="Dave Kirby")
    page = login(person("moderator")).get(reverse("privacy_people"), {"q": "margaret"})
    text = page.content.decode()
    assert "Margaret Ellis" in text and "Dave Kirby" not in text
    assert reverse("privacy_author_export", args=[item.author_id]) in text


def test_erasing_an_author_keeps_the_hate_crime_evidence_and_says_so(login):
    moderator = person("moderator")
    escalation = escalated(by=moderator)
    author = escalation.item.author
    name = author.name
    plain = ItemFactory(author=author, channel=author.channel, text="I live at 4 Elm Road",
                        permalink="https://example.org/c/9")
    response = login(moderator).post(reverse("privacy_author_erase", args=[author.pk]), {
        "received_on": "2026-01-05", "confirm": "on"})
    record = ErasureRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("privacy_erasure",
                                                                     args=[record.pk])
    plain.refresh_from_db()
    author.refresh_from_db()
    assert plain.text == "[erased at the person's request]" and plain.permalink == ""
    assert author.name == "[erased]"
    evidence = Item.objects.get(pk=escalation.item_id)
    assert evidence.text == "go back to where you came from"
    assert escalation.evidence_copy.hash_matches()
    assert "evidence of a possible hate crime" in " ".join(record.held)
    assert "evidence of a possible hate crime" in record.reply
    assert record.erased["comments"] == 1 and record.erased["platform id"] == 0
    assert record.reply.startswith(f"Dear {name},")
    page = login(moderator).get(response.url).content.decode()
    assert "What is kept, and why" in page
    assert AuditEvent.objects.filter(action="privacy.erasure", object_id=str(author.pk)).exists()


def test_erasing_an_author_with_nothing_held_also_erases_their_platform_id(login):
    item = ItemFactory(text="My number is 07400 123456")
    login(person("chief_executive")).post(
        reverse("privacy_author_erase", args=[item.author_id]),
        {"received_on": "2026-01-05", "confirm": "on"})
    item.author.refresh_from_db()
    assert item.author.platform_author_id == f"erased-{item.author_id}"


def test_an_erasure_without_the_check_or_with_a_future_date_changes_nothing(login):
    item = ItemFactory(text="Keep me")
    client = login(person("moderator"))
    url = reverse("privacy_author_erase", args=[item.author_id])
    response = client.post(url, {"received_on": "2026-01-05"})
    assert "Tick the box once you have checked who is asking." in response.content.decode()
    response = client.post(url, {"received_on": "2999-01-01", "confirm": "on"})
    assert "cannot be in the future" in response.content.decode()
    assert Item.objects.get(pk=item.pk).text == "Keep me"
    assert not ErasureRequest.objects.exists()


def test_a_user_is_erased_only_once_their_account_is_closed_and_signatures_are_kept(login):
    volunteer = person("volunteer", full_name="Val Unteer")
    sign_current_agreement(volunteer)
    client = login(person("moderator"))
    url = reverse("privacy_user_erase", args=[volunteer.pk])
    response = client.post(url, {"received_on": "2026-01-05", "confirm": "on"})
    assert "closes it first" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.full_name == "Val Unteer"
    volunteer.is_active = False
    volunteer.save()
    client.post(url, {"received_on": date(2026, 1, 5).isoformat(), "confirm": "on"})
    volunteer.refresh_from_db()
    assert volunteer.full_name == "" and volunteer.email.endswith("@erased.invalid")
    assert volunteer.agreement_signatures.count() == 1
    assert "signatures" in ErasureRequest.objects.get().reply


def test_a_decision_by_a_moderator_still_shows_after_the_author_is_erased(login):
    moderator = person("moderator")
    item = ItemFactory(text="Rude words")
    decide(item_id=item.pk, actor=moderator, action="hide", seen=0)
    login(moderator).post(reverse("privacy_author_erase", args=[item.author_id]),
                          {"received_on": "2026-01-05", "confirm": "on"})
    assert Decision.objects.filter(item=item).count() == 1


def test_the_export_as_a_pdf_holds_the_comments_and_decisions(login):
    moderator = person("moderator", full_name="Mo Moderator")
    item = ItemFactory(text="The waiting room <was> full & cold")
    decide(item_id=item.pk, actor=moderator, action="hide", seen=0)
    response = login(moderator).get(
        reverse("privacy_author_export", args=[item.author_id]) + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "The waiting room <was> full & cold" in text
    assert "decision: Hide" in text and "Mo Moderator" in text
    assert AuditEvent.objects.get(action="privacy.subject_access_export").details["format"] == (
        "pdf")


def test_the_audit_trail_names_comments_and_authors_by_number_never_by_their_words(login):
    moderator = person("moderator")
    item = ItemFactory(text="Ring me on 07400 123456", author__name="Margaret Ellis")
    decide(item_id=item.pk, actor=moderator, action="delete", seen=0,
           terms=["personal_details"])
    login(moderator).get(reverse("privacy_author_export", args=[item.author_id]))
    labels = list(AuditEvent.objects.values_list("object_label", flat=True))
    assert f"Comment {item.pk}" in labels and f"Author {item.author_id}" in labels
    assert not [label for label in labels if "07400" in label or "Margaret" in label]
