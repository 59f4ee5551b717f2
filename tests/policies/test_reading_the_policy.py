"""Policy §5: staff, directors and volunteers confirm that they have read the Online
Engagement Policy; a register shows who has; a new version asks them again."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from core.errors import Refused
from core.models import AppendOnlyError, Notice
from policies import services
from policies.models import PolicyReading
from tests.factories import person, policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc():
    return policy(title="Online Engagement Policy")


def _confirm(client, doc, number=None, ticked=True):
    data = {"version": number or doc.current_version.number}
    if ticked:
        data["confirmed"] = "on"
    return client.post(reverse("policies_confirm_read", args=[doc.slug]), data, follow=True)


def _publish_v2(doc):
    v1 = doc.current_version
    services.publish_version(
        doc, actor=None, title=v1.title, body=v1.body + "\nA new paragraph.\n",
        approved_on=date(2026, 11, 1), approved_by=v1.approved_by, review_due=date(2029, 11, 1),
        responsible_officer=v1.responsible_officer,
        responsible_officer_title=v1.responsible_officer_title,
    )
    doc.refresh_from_db()


@pytest.mark.parametrize("role", [Role.STAFF, Role.DIRECTOR, Role.VOLUNTEER, Role.MODERATOR])
def test_staff_directors_and_volunteers_confirm_they_have_read_it(doc, login, role):
    someone = person(role)
    client = login(someone)
    page = client.get(reverse("policies_detail", args=[doc.slug])).content.decode()
    assert "Confirm I have read it" in page and "§5" in page
    response = _confirm(client, doc)
    assert "your confirmation that you have read the policy is recorded" in (
        response.content.decode())
    assert PolicyReading.objects.get(person=someone).version == doc.current_version
    page = client.get(reverse("policies_detail", args=[doc.slug])).content.decode()
    assert "You confirmed that you have read version 1" in page
    assert "Confirm I have read it" not in page


def test_without_the_tick_nothing_is_recorded(doc, login):
    response = _confirm(login(person(Role.VOLUNTEER)), doc, ticked=False)
    assert "Tick the box to confirm that you have read the policy." in response.content.decode()
    assert not PolicyReading.objects.exists()


def test_a_second_confirmation_or_an_outdated_one_is_refused(doc, login):
    volunteer = person(Role.VOLUNTEER)
    client = login(volunteer)
    _confirm(client, doc)
    assert "already confirmed" in _confirm(client, doc).content.decode()
    _publish_v2(doc)
    response = _confirm(client, doc, number=1)
    assert "A new version was published while you were reading" in response.content.decode()
    assert PolicyReading.objects.count() == 1


def test_an_administrator_has_nothing_to_confirm(doc, login):
    client = login(person(Role.ADMINISTRATOR))
    assert client.post(reverse("policies_confirm_read", args=[doc.slug]),
                       {"version": 1, "confirmed": "on"}).status_code == 403
    assert not PolicyReading.objects.exists()


def test_a_new_version_asks_everyone_again_and_the_register_shows_who_has_read_it(
    doc, login, django_capture_on_commit_callbacks
):
    staff, volunteer = person(Role.STAFF, full_name="Sam Staff"), person(
        Role.VOLUNTEER, full_name="Vic Volunteer")
    services.confirm_read(staff, doc, version_number=1)
    services.confirm_read(volunteer, doc, version_number=1)
    with django_capture_on_commit_callbacks(execute=True):
        _publish_v2(doc)
    key = f"policy-{doc.pk}-v2:read"
    assert set(Notice.objects.filter(key=key).values_list("recipient_id", flat=True)) >= {
        staff.pk, volunteer.pk}
    services.confirm_read(staff, doc, version_number=2)
    assert not Notice.objects.filter(recipient=staff, key=key, dismissed_at=None).exists()

    moderator = person(Role.MODERATOR)
    html = login(moderator).get(reverse("policies_readers", args=[doc.slug])).content.decode()
    staff_row = html[html.index("Sam Staff"):html.index("Sam Staff") + 400]
    volunteer_row = html[html.index("Vic Volunteer"):html.index("Vic Volunteer") + 400]
    assert "Read the current version" in staff_row
    assert "Read an older version only" in volunteer_row


def test_the_register_is_for_moderators_and_the_ceo(doc, login):
    url = reverse("policies_readers", args=[doc.slug])
    assert login(person(Role.VOLUNTEER)).get(url).status_code == 403
    assert login(person(Role.CHIEF_EXECUTIVE)).get(url).status_code == 200


def test_readings_cannot_be_changed_or_deleted(doc):
    reading = services.confirm_read(person(Role.STAFF), doc, version_number=1)
    with pytest.raises(AppendOnlyError):
        reading.delete()


def test_the_register_runs_the_same_queries_for_few_and_many(doc, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(person(Role.MODERATOR))
    url = reverse("policies_readers", args=[doc.slug])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(2):
        services.confirm_read(person(Role.STAFF), doc, version_number=1)
    few = count()
    for _ in range(8):
        services.confirm_read(person(Role.VOLUNTEER), doc, version_number=1)
    assert count() == few


def test_confirm_read_refuses_bad_input_in_the_service(doc):
    with pytest.raises(Refused):
        services.confirm_read(person(Role.STAFF), doc, version_number=7)
