import pytest
from django.urls import reverse

from optins import phones
from optins.models import OptInRequest
from tests.factories import signer

# phonenumbers reports Ofcom's drama range (07700 900000-900999) as not a valid mobile, so
# these tests use real-format mobile numbers that it accepts.


@pytest.mark.parametrize("spelling", [
    "07400 123456", "07400123456", "+44 7400 123456", "+447400123456", "0044 7400 123456",
    "(07400) 123-456", "07400-123-456", " 07400.123.456 ", "+44 (0)7400 123456",
])
def test_valid_uk_mobiles_in_any_spelling_land_in_e164(spelling):
    assert phones.normalise_mobile(spelling) == "+447400123456"


def test_foreign_mobile_with_plus_is_accepted():
    assert phones.normalise_mobile("+33 6 12 34 56 78") == "+33612345678"


@pytest.mark.parametrize(("raw", "says"), [
    ("020 7946 0018", "landline"),
    ("0121 496 0000", "landline"),
    ("07400 12", "too short"),
    ("0740", "too short"),
    ("074001234567", "too long"),
    ("call me", "letters"),
    ("07400 12345a", "letters"),
    ("06 12 34 56 78", "must start with + and its country code"),
    ("07700 900123", "not a mobile number in use"),
    ("+999 7400 123456", "country code"),
    ("", "Enter your mobile number"),
])
def test_invalid_numbers_are_refused_with_a_message_that_says_why(raw, says):
    with pytest.raises(phones.InvalidMobile) as caught:
        phones.normalise_mobile(raw)
    assert says in str(caught.value)


def test_numbers_are_masked_in_lists():
    assert phones.mask("+447700900123") == "+44 77** ***123"
    assert phones.mask("+447400123456") == "+44 74** ***456"
    assert phones.mask("") == ""


def test_redact_takes_every_spelling_of_the_number_out_of_an_email():
    text = "My mobile: 07400 123456 (or +44 7400-123456, 447400123456). Office 020 7946 0018."
    redacted = phones.redact(text, "+447400123456")
    assert "123456" not in redacted
    assert "020 7946 0018" in redacted
    assert redacted.count("[number erased]") == 3


@pytest.mark.django_db
def test_the_form_refuses_a_landline_with_the_reason_and_stores_nothing(login):
    volunteer = signer("volunteer")
    response = login(volunteer).post(reverse("optins_request_new"), {
        "mobile": "020 7946 0018", "permission": "on",
        "group": _volunteers_pk(),
    })
    assert response.status_code == 200
    assert "This is a landline" in response.content.decode()
    assert not OptInRequest.objects.exists()


@pytest.mark.django_db
def test_the_form_stores_the_number_in_e164(login):
    volunteer = signer("volunteer")
    response = login(volunteer).post(reverse("optins_request_new"), {
        "mobile": "(07400) 123-456", "permission": "on", "group": _volunteers_pk(),
    })
    assert response.status_code == 302
    assert OptInRequest.objects.get(person=volunteer).mobile == "+447400123456"


def _volunteers_pk() -> int:
    from tests.factories import whatsapp_group

    return whatsapp_group("volunteers").pk
