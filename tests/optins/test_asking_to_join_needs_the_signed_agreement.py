"""Policy §5.1: everyone in a group signs the agreement. Asking to join before signing is
refused with a link to sign, and nothing (no request, no number, no consent) is stored."""

import pytest
from django.urls import reverse

from agreements.selectors import current_version
from optins import services
from optins.models import Consent, OptInRequest
from tests.factories import AgreementVersionFactory, person, signer, whatsapp_group

pytestmark = pytest.mark.django_db


def _ask(client):
    return client.post(reverse("optins_request_new"), {
        "mobile": "07400 123456", "permission": "on", "group": whatsapp_group("volunteers").pk})


def test_asking_before_signing_is_refused_with_a_link_to_sign_and_nothing_stored(login):
    AgreementVersionFactory(number=1)
    client = login(person("volunteer"))
    form = client.get(reverse("optins_request_new")).content.decode()
    assert 'id="sign-first"' in form and reverse("agreements_current") in form
    assert 'name="mobile"' not in form

    response = _ask(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Read and sign the agreement" in html and reverse("agreements_current") in html
    assert "nothing was stored" in html
    assert not OptInRequest.objects.exists() and not Consent.objects.exists()


def test_the_service_refuses_too_and_so_does_an_emailed_request():
    AgreementVersionFactory(number=1)
    volunteer = person("volunteer")
    with pytest.raises(services.NotSignedError, match="has not signed the current"):
        services.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)
    with pytest.raises(services.NotSignedError):
        services.log_email_request(person("moderator"), volunteer, whatsapp_group(),
                                   "07400 123456", message="Please add me", permission=True)
    assert not OptInRequest.objects.exists() and not Consent.objects.exists()


def test_someone_who_signed_an_older_version_only_is_refused():
    volunteer = signer("volunteer")
    AgreementVersionFactory(number=current_version().number + 1)
    with pytest.raises(services.NotSignedError):
        services.request_opt_in(volunteer, whatsapp_group(), "07400 123456", permission=True)


def test_after_signing_the_request_is_sent(login):
    client = login(signer("volunteer"))
    response = _ask(client)
    assert response.status_code == 302
    assert OptInRequest.objects.count() == 1


def test_the_page_of_someone_who_signed_does_not_tell_them_to_sign_first(login):
    volunteer = signer("volunteer")
    client = login(volunteer)
    assert "sign-first" not in client.get(reverse("optins_request_new")).content.decode()
    _ask(client)
    mine = client.get(reverse("optins_mine")).content.decode()
    assert "waiting for the moderator" in mine
    assert "once you have signed" not in mine
