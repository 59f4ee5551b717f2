"""CSV import: a preview shows what will be imported and every wrong row, saving nothing;
confirming imports the good rows once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from core.models import AuditEvent
from moderation.intake.imports import MAX_ROWS
from moderation.models import Item
from tests.factories import ChannelFactory, person

pytestmark = pytest.mark.django_db

GOOD = (
    "id,author,text,posted_at,permalink,author_id\r\n"
    "x-1,Pat Jones,Thanks for the update,2026-11-24T14:05:00Z,https://x.com/hws/status/1,pat\r\n"
    'x-2,Lee Morgan,"Ring me on 07700 900077, today",24/11/2026 15:30,,\r\n'
)


@pytest.fixture
def moderator_client(login):
    return login(person(Role.MODERATOR))


@pytest.fixture
def channel():
    return ChannelFactory(platform="x", name="HWS on X")


def upload(client, channel, content: bytes, name="export.csv"):
    return client.post("/moderation/import/", {
        "channel": channel.pk, "file": SimpleUploadedFile(name, content, "text/csv"),
    })


def test_preview_of_a_good_file_saves_nothing_then_import_stores_screened_items(
    moderator_client, channel
):
    response = upload(moderator_client, channel, GOOD.encode())
    assert response.status_code == 200
    assert b"Nothing has been saved yet" in response.content
    assert b"Import 2 comments" in response.content
    assert not Item.objects.exists()

    token = moderator_client.session["moderation:csv-preview"]["token"]
    response = moderator_client.post("/moderation/import/confirm/", {"token": token}, follow=True)
    assert b"Imported 2 comments" in response.content
    items = {item.platform_item_id: item for item in Item.objects.all()}
    assert set(items) == {"x-1", "x-2"}
    assert items["x-1"].author.platform_author_id == "pat"
    assert items["x-1"].permalink == "https://x.com/hws/status/1"
    assert items["x-2"].author.platform_author_id == "Lee Morgan"
    assert items["x-2"].posted_at.isoformat() == "2026-11-24T15:30:00+00:00"
    assert items["x-2"].severity == 3
    assert all(item.source == Item.Source.CSV_IMPORT for item in items.values())
    assert all(item.screened_at for item in items.values())
    assert AuditEvent.objects.filter(action="moderation.comments_imported").exists()


def test_a_utf8_file_with_a_bom_imports(moderator_client, channel):
    response = upload(moderator_client, channel, b"\xef\xbb\xbf" + GOOD.encode())
    assert b"Import 2 comments" in response.content


def test_preview_shows_every_wrong_row_and_why_and_saves_nothing(moderator_client, channel):
    content = (
        b"id,author,text,posted_at,permalink\n"
        b"ok-1,Pat,Fine,2026-11-24T14:05:00Z,\n"
        b",Pat,No id,2026-11-24T14:05:00Z,\n"
        b"bad-2,,No author,yesterday,\n"
        b"bad-3,Lee,Link,2026-11-24T14:05:00Z,ftp://example.org/x\n"
        b"ok-1,Pat,Same id again,2026-11-24T14:05:00Z,\n"
    )
    response = upload(moderator_client, channel, content)
    body = response.content.decode()
    assert response.status_code == 200
    assert "id is empty" in body
    assert "author is empty" in body
    assert "posted_at &#x27;yesterday&#x27; is not a date and time" in body
    assert "not an http(s) URL" in body
    assert "is also on line 2" in body
    assert "<strong>4</strong> rows have errors" in body
    assert "Import 1 comment (skip 4 rows with errors)" in body
    assert not Item.objects.exists()


def test_the_same_file_imported_twice_stores_each_comment_once(moderator_client, channel):
    for _ in range(2):
        upload(moderator_client, channel, GOOD.encode())
        token = moderator_client.session["moderation:csv-preview"]["token"]
        moderator_client.post("/moderation/import/confirm/", {"token": token})
    assert Item.objects.count() == 2


def test_a_second_preview_shows_rows_already_stored(moderator_client, channel):
    upload(moderator_client, channel, GOOD.encode())
    token = moderator_client.session["moderation:csv-preview"]["token"]
    moderator_client.post("/moderation/import/confirm/", {"token": token})
    response = upload(moderator_client, channel, GOOD.encode())
    assert b"2 are already stored and will be skipped" in response.content


def test_a_missing_column_is_a_clear_message(moderator_client, channel):
    response = upload(moderator_client, channel, b"id,text,posted_at\n1,hello,2026-11-24\n")
    assert response.status_code == 400
    assert b"The header row has no author column" in response.content
    assert not Item.objects.exists()


def test_an_oversized_file_is_a_clear_message(moderator_client, channel):
    big = GOOD.encode() + b"x-3,A,B,2026-11-24T14:05:00Z,,\n" * 40_000
    response = upload(moderator_client, channel, big)
    assert response.status_code == 400
    assert b"the limit is 1 MB" in response.content
    assert not Item.objects.exists()


def test_too_many_rows_is_a_clear_message(moderator_client, channel):
    rows = "".join(f"{n},A,B,2026-11-24T14:05:00Z\n" for n in range(MAX_ROWS + 1))
    response = upload(moderator_client, channel, ("id,author,text,posted_at\n" + rows).encode())
    assert response.status_code == 400
    assert b"more than 5,000 rows" in response.content


def test_a_file_that_is_not_utf8_is_a_clear_message(moderator_client, channel):
    response = upload(moderator_client, channel, "id,author,text,posted_at\n1,Zoë,é,2026-11-24\n"
                      .encode("cp1252"))
    assert response.status_code == 400
    assert b"not UTF-8" in response.content


def test_an_empty_file_is_a_clear_message(moderator_client, channel):
    response = upload(moderator_client, channel, b"id,author,text,posted_at\n")
    assert response.status_code == 400
    assert b"no comments" in response.content


def test_confirming_without_a_current_preview_imports_nothing(moderator_client, channel):
    upload(moderator_client, channel, GOOD.encode())
    response = moderator_client.post("/moderation/import/confirm/", {"token": "stale"},
                                     follow=True)
    assert b"Nothing was imported" in response.content
    assert not Item.objects.exists()
