"""A hand-logged comment's screenshot and note are shown on its page and are part of an
escalation's evidence copy (issue 13): the screenshot is copied and its SHA-256 hashed with
the evidence, so a later change to either file is seen."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.roles import Role
from moderation.models import Item
from tests.factories import ChannelFactory, ItemFactory, escalated, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 12), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def moderator():
    return person(Role.MODERATOR, full_name="Mo Derator")


@pytest.fixture
def logged(login, moderator) -> Item:
    channel = ChannelFactory(platform="other", name="Sutton Residents group")
    login(moderator).post(reverse("moderation_log_comment"), {
        "channel": channel.pk, "author_name": "Jo Bloggs",
        "text": "go back to where you came from", "posted_at": "2026-01-10T09:30",
        "note": "Seen in the residents' group <b>before</b> it was deleted",
        "screenshot": SimpleUploadedFile("shot.png", png(), "image/png"),
    })
    return Item.objects.get()


def test_the_item_page_shows_the_note_and_the_screenshot(login, logged, moderator):
    page = login(moderator).get(reverse("moderation_item", args=[logged.pk])).content.decode()
    assert "Logged by Mo Derator" in page
    assert ("Note: Seen in the residents&#x27; group &lt;b&gt;before&lt;/b&gt; it was deleted"
            in page)
    assert f'src="{reverse("moderation_item_screenshot", args=[logged.pk])}"' in page


def test_the_screenshot_is_served_to_the_moderation_roles_as_a_picture(login, logged):
    response = login(person(Role.CHIEF_EXECUTIVE)).get(
        reverse("moderation_item_screenshot", args=[logged.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png()


def test_an_item_without_a_screenshot_has_none_to_serve(login, moderator):
    item = ItemFactory()
    assert login(moderator).get(
        reverse("moderation_item_screenshot", args=[item.pk])).status_code == 404


def test_the_escalation_evidence_holds_the_note_and_a_hashed_copy_of_the_screenshot(
    login, logged, moderator
):
    escalation = escalated(logged, by=moderator, terms=["inappropriate_behaviour"])
    data = escalation.evidence
    assert data["note"] == "Seen in the residents' group <b>before</b> it was deleted"
    assert data["logged_by"] == "Mo Derator"
    shot = data["screenshot"]
    assert shot["sha256"] == hashlib.sha256(png()).hexdigest()
    assert shot["copy"] != logged.screenshot.name

    # The item's own file changing later does not reach the evidence.
    logged.screenshot.delete(save=True)
    ceo = login(person(Role.CHIEF_EXECUTIVE))
    page = ceo.get(reverse("moderation_escalation", args=[escalation.pk])).content.decode()
    assert "Seen in the residents&#x27; group &lt;b&gt;before&lt;/b&gt;" in page
    assert shot["sha256"] in page
    response = ceo.get(reverse("moderation_escalation_screenshot", args=[escalation.pk]))
    assert (response.status_code, response["Content-Type"], response.content) == (
        200, "image/png", png())


def test_a_screenshot_copy_altered_after_freezing_is_not_shown_as_evidence(
    login, logged, moderator
):
    escalation = escalated(logged, by=moderator, terms=["inappropriate_behaviour"])
    path = default_storage.path(escalation.evidence["screenshot"]["copy"])
    with open(path, "wb") as handle:
        handle.write(b"not the picture that was frozen")
    response = login(person(Role.CHIEF_EXECUTIVE)).get(
        reverse("moderation_escalation_screenshot", args=[escalation.pk]))
    assert response.status_code == 404


def test_an_escalation_of_a_comment_without_screenshot_has_none(login, moderator):
    escalation = escalated(by=moderator)
    assert escalation.evidence["screenshot"] is None
    response = login(person(Role.CHIEF_EXECUTIVE)).get(
        reverse("moderation_escalation_screenshot", args=[escalation.pk]))
    assert response.status_code == 404
