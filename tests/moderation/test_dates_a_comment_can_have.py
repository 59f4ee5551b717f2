"""A comment is dated from 1 January 2000 to a day after it arrived. A CSV row or a logged comment
with another date is refused with its reason (a row error, a form error), never a 500."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from moderation.models import Item
from tests.factories import person

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
IMPOSSIBLE = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+01:00", "1999-12-31T23:00:00Z",
              "31/12/9999 23:59"]


@pytest.fixture
def moderator(login):
    return login(person(Role.MODERATOR))


@pytest.mark.parametrize("posted_at", IMPOSSIBLE)
def test_a_csv_row_with_an_impossible_date_is_a_row_error_in_the_preview(
    moderator, website, posted_at,
):
    content = ("id,author,text,posted_at\n"
               "good,Sam,Fine comment,2026-11-24T14:00:00Z\n"
               f"bad,Sam,Dated oddly,{posted_at}\n").encode()
    with time_machine.travel(NOW, tick=False):
        response = moderator.post("/moderation/import/", {
            "channel": website.pk, "file": SimpleUploadedFile("x.csv", content, "text/csv")})

    assert response.status_code == 200
    text = response.content.decode()
    assert "posted_at" in text and ("before 1 January 2000" in text or "future" in text
                                    or "out of range" in text)
    assert not Item.objects.exists()


@pytest.mark.parametrize("posted_at", ["1999-12-31T23:00", "0001-01-01T00:00"])
def test_a_logged_comment_with_an_impossible_date_is_a_form_error(moderator, website,
                                                                  posted_at):
    with time_machine.travel(NOW, tick=False):
        response = moderator.post("/moderation/log/", {
            "channel": website.pk, "author_name": "Jo", "text": "Seen elsewhere",
            "posted_at": posted_at})

    assert response.status_code == 400
    assert "from 1 January 2000 up to now" in response.content.decode()
    assert not Item.objects.exists()
