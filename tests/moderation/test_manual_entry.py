"""A moderator logs a comment seen elsewhere, optionally with a screenshot (pictures only)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.roles import Role
from moderation.models import Item
from tests.factories import ChannelFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def moderator():
    return person(Role.MODERATOR)


def png(size=(20, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return buffer.getvalue()


def form(channel, **extra):
    data = {"channel": channel.pk, "author_name": "Jo Bloggs",
            "text": "Seen on the Sutton Residents group: you idiot",
            "posted_at": "2026-01-10T09:30",
            "note": "Screenshot from the group"}
    data.update(extra)
    return data


def test_a_logged_comment_is_stored_screened_and_attributed(login, moderator):
    channel = ChannelFactory(platform="other", name="Sutton Residents group")
    shot = SimpleUploadedFile("shot.png", png(), "image/png")
    response = login(moderator).post("/moderation/log/", form(channel, screenshot=shot),
                                     follow=True)
    assert b"Comment logged and screened" in response.content
    item = Item.objects.get()
    assert item.source == Item.Source.MANUAL
    assert item.logged_by == moderator
    assert item.note == "Screenshot from the group"
    assert item.platform_item_id.startswith("manual-")
    assert item.screenshot.name.endswith(".png")
    assert item.screened_at and item.severity == 3


def test_a_screenshot_that_is_not_a_picture_is_refused_and_nothing_stored(login, moderator):
    channel = ChannelFactory()
    fake = SimpleUploadedFile("shot.png", b"%PDF-1.4 not a picture", "image/png")
    response = login(moderator).post("/moderation/log/", form(channel, screenshot=fake))
    assert response.status_code == 400
    assert b"Upload a valid image" in response.content
    assert not Item.objects.exists()


def test_an_oversized_screenshot_is_refused(login, moderator, monkeypatch):
    monkeypatch.setattr("moderation.intake.forms.MAX_SCREENSHOT_BYTES", 100)
    channel = ChannelFactory()
    shot = SimpleUploadedFile("shot.png", png((200, 200)), "image/png")
    response = login(moderator).post("/moderation/log/", form(channel, screenshot=shot))
    assert response.status_code == 400
    assert b"the limit is 5 MB" in response.content
    assert not Item.objects.exists()


def test_missing_fields_are_named_and_nothing_is_stored(login, moderator):
    channel = ChannelFactory()
    response = login(moderator).post("/moderation/log/", {"channel": channel.pk})
    assert response.status_code == 400
    assert response.content.count(b"This field is required") == 3
    assert not Item.objects.exists()


def test_a_comment_logged_with_its_platform_id_is_not_stored_twice(login, moderator):
    channel = ChannelFactory()
    client = login(moderator)
    client.post("/moderation/log/", form(channel, platform_item_id="abc"))
    response = client.post("/moderation/log/", form(channel, platform_item_id="abc"), follow=True)
    assert b"already stored" in response.content
    assert Item.objects.count() == 1
