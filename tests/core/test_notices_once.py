import pytest

from accounts.roles import Role
from core.models import Notice
from core.notices import notify
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_a_notice_is_created_and_emailed_once_per_key_and_period(
    mailoutbox, django_capture_on_commit_callbacks
):
    moderator = person(Role.MODERATOR)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notify([moderator], key="thing-1:reminder", period="2026-W48",
                   subject="Please look at thing 1", url="/")
    assert Notice.objects.filter(recipient=moderator).count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[HWS Engage] Please look at thing 1"

    with django_capture_on_commit_callbacks(execute=True):
        notify([moderator], key="thing-1:reminder", period="2026-W49", subject="Again")
    assert len(mailoutbox) == 2


def test_notices_show_on_the_home_page_until_dismissed(login):
    volunteer = person(Role.VOLUNTEER)
    notify([volunteer], key="k", subject="Please sign the agreement")
    client = login(volunteer)
    assert b"Please sign the agreement" in client.get("/").content
    notice = Notice.objects.get()
    client.post(f"/notices/{notice.pk}/dismiss/")
    assert b"Please sign the agreement" not in client.get("/").content


def test_nobody_can_dismiss_someone_elses_notice(login):
    notify([person(Role.VOLUNTEER)], key="k", subject="Private")
    notice = Notice.objects.get()
    response = login(person(Role.VOLUNTEER)).post(f"/notices/{notice.pk}/dismiss/")
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.dismissed_at is None


def test_dismissing_with_htmx_answers_an_empty_fragment(login):
    volunteer = person(Role.VOLUNTEER)
    notify([volunteer], key="k", subject="Please sign the agreement")
    notice = Notice.objects.get()
    response = login(volunteer).post(f"/notices/{notice.pk}/dismiss/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response.content == b""
    notice.refresh_from_db()
    assert notice.dismissed_at is not None
