import pytest
from django.urls import reverse

from core.errors import Refused
from core.models import AuditEvent, Notice
from optins import services
from optins.models import Consent, OptInRequest
from tests.factories import (
    TEST_MOBILE,
    OptInRequestFactory,
    person,
    sign_current_agreement,
    signer,
    whatsapp_group,
)

pytestmark = pytest.mark.django_db


def test_a_request_keeps_the_words_shown_and_records_consent_without_the_number():
    volunteer = signer("volunteer")
    group = whatsapp_group("volunteers")
    item = services.request_opt_in(volunteer, group, "07400 123456", permission=True)
    assert item.mobile == TEST_MOBILE
    assert item.channel == OptInRequest.Channel.APP_FORM
    consent = Consent.objects.get(request=item)
    assert consent.kind == Consent.Kind.GIVEN
    assert consent.words == services.permission_text(group)
    assert "mobile number" in consent.words and "leave the group at any time" in consent.words
    assert "7400" not in consent.words


def test_a_request_without_the_tick_is_refused_and_changes_nothing(login):
    volunteer = signer("volunteer")
    response = login(volunteer).post(reverse("optins_request_new"), {
        "mobile": "07400 123456", "group": whatsapp_group("volunteers").pk})
    assert response.status_code == 200
    assert "Tick the box to give your permission" in response.content.decode()
    assert not OptInRequest.objects.exists() and not Consent.objects.exists()


def test_a_person_may_join_only_the_group_for_their_role(login):
    volunteer = signer("volunteer")
    with pytest.raises(Refused, match="only ask to join the group for your own role"):
        services.request_opt_in(volunteer, whatsapp_group("directors"), "07400 123456",
                                permission=True)
    response = login(volunteer).post(reverse("optins_request_new"), {
        "mobile": "07400 123456", "permission": "on", "group": whatsapp_group("directors").pk})
    assert response.status_code == 200
    assert not OptInRequest.objects.exists()


def test_staff_may_ask_to_join_either_group_as_the_agreement_covers_staff_members(login):
    whatsapp_group("directors")
    volunteers = whatsapp_group("volunteers")
    staff = signer("staff")
    page = login(staff).get(reverse("optins_request_new")).content.decode()
    assert "Directors" in page and "Volunteers" in page
    response = login(staff).post(reverse("optins_request_new"), {
        "mobile": "07400 123456", "permission": "on", "group": volunteers.pk})
    assert response.status_code == 302
    assert OptInRequest.objects.get(person=staff).group == volunteers


def test_people_without_a_member_role_have_no_whatsapp_group_page(login):
    response = login(person("chair")).get(reverse("optins_request_new"))
    assert response.status_code == 403


def test_a_second_open_request_for_the_same_group_is_refused():
    volunteer = signer("volunteer")
    group = whatsapp_group("volunteers")
    services.request_opt_in(volunteer, group, "07400 123456", permission=True)
    with pytest.raises(Refused, match="already a request"):
        services.request_opt_in(volunteer, group, "07400 123457", permission=True)
    assert OptInRequest.objects.count() == 1


def test_the_moderators_are_told_of_a_new_request():
    moderator = person("moderator")
    item = services.request_opt_in(signer("volunteer"), whatsapp_group(), "07400 123456",
                                   permission=True)
    assert Notice.objects.filter(recipient=moderator, key=f"optins-request-{item.pk}").exists()


def test_approval_is_refused_without_the_current_signature_and_allowed_after_signing(login):
    moderator = person("moderator")
    item = OptInRequestFactory()
    with pytest.raises(Refused, match="has not signed the current"):
        services.approve_opt_in(moderator, item)
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.PENDING

    client = login(moderator)
    page = client.get(reverse("optins_request", args=[item.pk])).content.decode()
    assert "cannot be approved yet" in page and "Remind" in page
    response = client.post(reverse("optins_approve", args=[item.pk]), follow=True)
    assert "has not signed the current" in response.content.decode()
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.PENDING

    sign_current_agreement(item.person)
    response = client.post(reverse("optins_approve", args=[item.pk]))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.APPROVED


def test_a_signature_of_an_older_version_is_not_enough():
    from tests.factories import AgreementVersionFactory

    moderator = person("moderator")
    item = OptInRequestFactory()
    sign_current_agreement(item.person)
    AgreementVersionFactory(number=99)
    with pytest.raises(Refused, match="has not signed the current"):
        services.approve_opt_in(moderator, item)


def test_remind_to_sign_sends_a_notice_once_a_day(login, mailoutbox,
                                                  django_capture_on_commit_callbacks):
    moderator = person("moderator")
    item = OptInRequestFactory()
    client = login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("optins_remind", args=[item.pk]))
        client.post(reverse("optins_remind", args=[item.pk]))
    notices = Notice.objects.filter(recipient=item.person, key=f"optins-sign-agreement-{item.pk}")
    assert notices.count() == 1
    assert [m.to for m in mailoutbox] == [[item.person.email]]


def test_declining_needs_a_reason(login):
    moderator = person("moderator")
    item = OptInRequestFactory()
    response = login(moderator).post(reverse("optins_decline", args=[item.pk]), {"reason": " "})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.PENDING and item.mobile


def test_declining_tells_the_person_why_and_erases_the_number(
        login, mailoutbox, django_capture_on_commit_callbacks):
    moderator = person("moderator")
    item = OptInRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        login(moderator).post(reverse("optins_decline", args=[item.pk]),
                              {"reason": "You are not a volunteer any more."})
    item.refresh_from_db()
    assert item.status == OptInRequest.Status.DECLINED
    assert item.mobile == ""
    notice = Notice.objects.get(recipient=item.person, key=f"optins-declined-{item.pk}")
    assert "You are not a volunteer any more." in notice.body
    assert any("You are not a volunteer any more." in m.body for m in mailoutbox
               if m.to == [item.person.email])
    home = login(item.person).get(reverse("home")).content.decode()
    assert "was declined: You are not a volunteer any more." in home


def test_the_moderator_logs_an_emailed_request_keeping_the_file(login, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    moderator, director = person("moderator"), signer("director")
    eml = (b"From: Dev <dev@example.org>\r\nTo: comms@example.org\r\nSubject: WhatsApp\r\n"
           b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
           b"Please add me to the directors' group, my mobile is 07400 123456. I agree.\r\n")
    response = login(moderator).post(reverse("optins_log_email"), {
        "person": director.pk, "group": whatsapp_group("directors").pk,
        "mobile": "07400 123456", "permission": "on",
        "email_file": SimpleUploadedFile("request.eml", eml, "message/rfc822"),
    })
    assert response.status_code == 302
    item = OptInRequest.objects.get(person=director)
    assert item.channel == OptInRequest.Channel.EMAIL and item.logged_by == moderator
    assert "Please add me" in item.email_message and "Subject: WhatsApp" in item.email_message
    assert item.email_file.read() == eml
    consent = Consent.objects.get(request=item)
    assert "by email" in consent.words and "7400" not in consent.words


def test_an_emailed_request_needs_the_message_and_a_text_file(login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    moderator, director = person("moderator"), signer("director")
    base = {"person": director.pk, "group": whatsapp_group("directors").pk,
            "mobile": "07400 123456", "permission": "on"}
    client = login(moderator)
    response = client.post(reverse("optins_log_email"), base)
    assert "Paste the email" in response.content.decode()
    response = client.post(reverse("optins_log_email"), {
        **base, "email_file": SimpleUploadedFile("photo.jpg", b"\xff\xd8", "image/jpeg")})
    assert ".eml or .txt" in response.content.decode()
    assert not OptInRequest.objects.exists()


def test_audit_records_of_requests_never_hold_the_full_number():
    item = services.request_opt_in(signer("volunteer"), whatsapp_group(), "07400 123456",
                                   permission=True)
    event = AuditEvent.objects.get(action="optins.requested", object_id=str(item.pk))
    assert event.details["mobile"] == "+44 74** ***456"


def test_the_form_offers_no_group_the_person_has_already_asked_to_join(login):
    volunteer = signer("volunteer")
    services.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    page = login(volunteer).get(reverse("optins_request_new")).content.decode()
    assert "have asked to join, every group open to you" in page
    assert "Send my request" not in page
