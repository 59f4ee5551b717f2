import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from optins import services
from optins.models import Membership, OptInRequest
from tests.factories import MembershipFactory, OptInRequestFactory, person, signer, whatsapp_group

pytestmark = pytest.mark.django_db

NUMBER_PIECE = re.compile(r"(?<![0-9A-Za-z])(111|222|333|444)(?![0-9A-Za-z])|111222|333444")
NOT_MODERATION = [Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF, Role.CHAIR, Role.ADMINISTRATOR]


@pytest.fixture
def others():
    """Someone else's request (approved, so its add screen exists) and membership."""
    item = OptInRequestFactory(mobile="+447400111222", status=OptInRequest.Status.APPROVED)
    membership = MembershipFactory(request__mobile="+447400333444")
    return item, membership


def _urls(item, membership):
    return [
        reverse("optins_queue"), reverse("optins_rosters"), reverse("optins_monitoring"),
        reverse("optins_log_email"), reverse("optins_request", args=[item.pk]),
        reverse("optins_add", args=[item.pk]), reverse("optins_attachment", args=[item.pk]),
        reverse("optins_member", args=[membership.pk]),
    ]


@pytest.mark.parametrize("role", NOT_MODERATION)
def test_nobody_without_the_role_sees_a_roster_or_a_number(login, others, role):
    item, membership = others
    client = login(person(role))
    for url in _urls(item, membership):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        body = response.content.decode()
        # Neither number, nor a piece of one as a masked or spaced-out form would show it (a
        # bare "111" inside a random CSRF token or CSP nonce is not a phone number).
        assert not NUMBER_PIECE.search(body), url
        assert item.person.full_name not in body, url


@pytest.mark.parametrize("role", NOT_MODERATION + [Role.CHIEF_EXECUTIVE])
def test_only_a_moderator_acts_on_requests_and_members(login, others, role):
    item, membership = others
    pending = OptInRequestFactory()
    client = login(person(role))
    posts = [
        (reverse("optins_approve", args=[pending.pk]), {}),
        (reverse("optins_decline", args=[pending.pk]), {"reason": "No"}),
        (reverse("optins_remind", args=[pending.pk]), {}),
        (reverse("optins_add", args=[item.pk]), {"added": "on"}),
        (reverse("optins_removed", args=[membership.pk]), {"removed": "on"}),
        (reverse("optins_breach", args=[membership.pk]),
         {"rule": 1, "what_happened": "x", "action": "word"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    pending.refresh_from_db()
    item.refresh_from_db()
    membership.refresh_from_db()
    assert pending.status == "pending" and item.status == "approved"
    assert membership.status == "active" and not membership.breaches.exists()


def test_the_ceo_sees_rosters_and_requests_masked_but_not_the_add_screen(login, others):
    item, membership = others
    client = login(person(Role.CHIEF_EXECUTIVE))
    roster = client.get(reverse("optins_rosters")).content.decode()
    assert membership.person.full_name in roster and "+44 74** ***444" in roster
    assert "333444" not in roster
    assert client.get(reverse("optins_add", args=[item.pk])).status_code == 403


def test_a_member_sees_only_their_own_request_and_membership(login, others):
    item, membership = others
    volunteer = signer(Role.VOLUNTEER)
    own = services.request_opt_in(volunteer, whatsapp_group(), "07400 555666", permission=True)
    page = login(volunteer).get(reverse("optins_mine")).content.decode()
    assert own.masked_mobile in page and "555666" not in page
    assert item.person.full_name not in page and membership.person.full_name not in page
    assert "111" not in page and "444" not in page


def test_other_peoples_ids_in_member_urls_give_404_and_change_nothing(login, others):
    item, membership = others
    client = login(person(Role.VOLUNTEER))
    assert client.post(reverse("optins_leave", args=[membership.pk])).status_code == 404
    assert client.post(reverse("optins_cancel", args=[item.pk])).status_code == 404
    membership.refresh_from_db()
    item.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and item.mobile


def test_anonymous_people_are_sent_to_sign_in(client, others):
    item, membership = others
    for url in _urls(item, membership) + [reverse("optins_mine")]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_logged_email_is_shown_with_the_number_masked_and_its_download_is_audited(
        login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.models import AuditEvent

    settings.MEDIA_ROOT = tmp_path
    moderator = person(Role.MODERATOR)
    item = services.log_email_request(
        moderator, signer(Role.DIRECTOR), whatsapp_group("directors"), "07400 123456",
        message="Add me: my mobile is 07400 123456.", permission=True,
        upload=SimpleUploadedFile("mail.txt", b"Add me: my mobile is 07400 123456."))
    client = login(moderator)
    page = client.get(reverse("optins_request", args=[item.pk])).content.decode()
    assert "my mobile is +44 74** ***456." in page and "123456" not in page
    client.get(reverse("optins_attachment", args=[item.pk]))
    shown = AuditEvent.objects.get(action="optins.number_shown", object_id=str(item.pk))
    assert shown.details["purpose"] == "email file downloaded"
    assert "123456" not in str(shown.details)
