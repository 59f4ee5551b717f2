import pytest
from django.urls import reverse

from core.models import AuditEvent, Notice
from optins import services
from optins.models import Consent, Membership, OptInRequest
from tests.factories import TEST_MOBILE, person, sign_current_agreement, signer, whatsapp_group

pytestmark = pytest.mark.django_db


def _member(volunteer, moderator, mobile="07400 123456") -> Membership:
    item = services.request_opt_in(volunteer, whatsapp_group(), mobile, permission=True)
    sign_current_agreement(volunteer)
    services.approve_opt_in(moderator, item)
    return services.mark_added(moderator, item)


def _number_digits_anywhere(number: str) -> list[str]:
    """Every place in the database rows of this app and the audit trail that holds it."""
    national = number[3:]
    found = []
    for row in OptInRequest.objects.values():
        if any(national in str(v) for v in row.values()):
            found.append(f"request {row['id']}")
    for row in Membership.objects.values():
        if any(national in str(v) for v in row.values()):
            found.append(f"membership {row['id']}")
    for row in Consent.objects.values():
        if any(national in str(v) for v in row.values()):
            found.append(f"consent {row['id']}")
    for event in AuditEvent.objects.all():
        if national in str(event.details) or national in event.object_label:
            found.append(f"audit {event.action}")
    return found


def test_added_makes_the_person_a_member_with_the_number():
    volunteer, moderator = signer("volunteer"), person("moderator")
    membership = _member(volunteer, moderator)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.mobile == TEST_MOBILE
    assert membership.request.status == OptInRequest.Status.ADDED


def test_leave_then_removed_erases_the_number_everywhere_and_keeps_consent(
        login, django_capture_on_commit_callbacks, mailoutbox):
    volunteer, moderator = signer("volunteer"), person("moderator")
    membership = _member(volunteer, moderator)
    login(moderator).get(reverse("optins_add", args=[membership.request.pk]))  # not approved now

    with django_capture_on_commit_callbacks(execute=True):
        response = login(volunteer).post(reverse("optins_leave", args=[membership.pk]))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEAVING
    assert membership.mobile == TEST_MOBILE  # still needed: the moderator has to find them
    removal = Notice.objects.get(recipient=moderator, key=f"optins-remove-{membership.pk}")
    assert "+44 74** ***456" in removal.body and "123456" not in removal.body
    assert any(m.to == [moderator.email] and "Remove" in m.subject for m in mailoutbox)
    home = login(moderator).get(reverse("home")).content.decode()
    assert "1 person(s) to remove from WhatsApp" in home

    response = login(moderator).post(reverse("optins_removed", args=[membership.pk]),
                                     {"removed": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED
    assert membership.mobile == "" and membership.request.mobile == ""
    assert membership.request.number_erased_at is not None
    assert _number_digits_anywhere(TEST_MOBILE) == []

    consents = list(Consent.objects.filter(person=volunteer).values_list("kind", "channel"))
    assert consents == [("given", "app_form"), ("withdrawn", "app_form")]
    given = Consent.objects.get(person=volunteer, kind="given")
    assert "leave the group at any time" in given.words


def test_removed_needs_the_tick_and_changes_nothing_without_it(login):
    volunteer, moderator = signer("volunteer"), person("moderator")
    membership = _member(volunteer, moderator)
    services.leave_group(volunteer, membership)
    login(moderator).post(reverse("optins_removed", args=[membership.pk]), {})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEAVING and membership.mobile


def test_the_full_number_is_shown_only_on_the_add_screen_and_each_showing_is_audited(login):
    volunteer, moderator = signer("volunteer"), person("moderator")
    item = services.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    sign_current_agreement(volunteer)
    client = login(moderator)
    for url in (reverse("optins_queue"), reverse("optins_request", args=[item.pk])):
        page = client.get(url).content.decode()
        assert "+44 74** ***456" in page and "123456" not in page
    services.approve_opt_in(moderator, item)
    page = client.get(reverse("optins_add", args=[item.pk])).content.decode()
    assert "+44 7400 123456" in page
    shown = AuditEvent.objects.filter(action="optins.number_shown", actor=moderator)
    assert shown.count() == 1
    assert shown.get().details["mobile"] == "+44 74** ***456"
    client.get(reverse("optins_add", args=[item.pk]))
    assert shown.count() == 2
    client.post(reverse("optins_add", args=[item.pk]), {"added": "on"})
    page = client.get(reverse("optins_rosters")).content.decode()
    assert volunteer.full_name in page and "+44 74** ***456" in page and "123456" not in page


def test_a_member_who_left_can_opt_in_again():
    volunteer, moderator = signer("volunteer"), person("moderator")
    first = _member(volunteer, moderator)
    services.leave_group(volunteer, first)
    services.mark_removed(moderator, first)
    second = _member(volunteer, moderator, mobile="07400 654321")
    assert second.status == Membership.Status.ACTIVE and second.mobile == "+447400654321"
    assert Consent.objects.filter(person=volunteer, kind="given").count() == 2


def test_leaving_is_refused_for_someone_elses_membership(login):
    volunteer, moderator = signer("volunteer"), person("moderator")
    membership = _member(volunteer, moderator)
    response = login(signer("volunteer")).post(reverse("optins_leave", args=[membership.pk]))
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_consent_records_are_never_changed_or_deleted():
    from core.models import AppendOnlyError

    services.request_opt_in(signer("volunteer"), whatsapp_group(), "07400 123456",
                            permission=True)
    consent = Consent.objects.get()
    with pytest.raises(AppendOnlyError):
        consent.delete()
    with pytest.raises(AppendOnlyError):
        Consent.objects.update(reason="x")


def test_erasing_takes_the_number_out_of_a_logged_email_and_its_file(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    moderator, director = person("moderator"), signer("director")
    eml = (b"From: Dev <dev@example.org>\r\nSubject: WhatsApp\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + __import__("base64").encodebytes(b"Add me please: 07400 123456"))
    item = services.log_email_request(
        moderator, director, whatsapp_group("directors"), "07400 123456",
        upload=SimpleUploadedFile("mail.eml", eml), permission=True)
    old_path = item.email_file.path
    services.decline_opt_in(moderator, item, "Please sign the agreement first.")
    item.refresh_from_db()
    assert "[number erased]" in item.email_message and "123456" not in item.email_message
    assert not __import__("os").path.exists(old_path)
    kept = item.email_file.read().decode()
    assert "Add me please: [number erased]" in kept and "123456" not in kept
    assert _number_digits_anywhere(TEST_MOBILE) == []


def test_cancelling_a_request_erases_the_number(login):
    volunteer = signer("volunteer")
    item = services.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    login(volunteer).post(reverse("optins_cancel", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.CANCELLED and item.mobile == ""
