import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Signature
from core.errors import Refused
from tests.factories import AgreementVersionFactory, person

pytestmark = pytest.mark.django_db


def test_signing_the_same_version_twice_is_refused(v1, post_signature):
    director = person("director")
    post_signature(director, v1)
    response = post_signature(director, v1, follow=True)
    assert b"You have already signed version 1." in response.content
    assert Signature.objects.count() == 1
    with pytest.raises(Refused, match="already signed"):
        services.sign(director, v1, printed_name=director.full_name, shown_sha256=v1.sha256)


def test_signing_without_ticking_the_box_is_refused(v1, post_signature):
    response = post_signature(person("director"), v1, agreed=False)
    assert response.status_code == 200
    assert b"Tick the box to say you agree to abide by the guidelines." in response.content
    assert not Signature.objects.exists()


@pytest.mark.parametrize("name", ["", "   "])
def test_signing_without_a_printed_name_is_refused(v1, post_signature, name):
    response = post_signature(person("volunteer"), v1, printed_name=name)
    assert response.status_code == 200
    assert b"Type your name in full: it is your signature." in response.content
    assert not Signature.objects.exists()


def test_a_text_that_changed_while_the_signer_was_reading_is_not_signed(v1, post_signature):
    AgreementVersionFactory(number=2)
    response = post_signature(person("director"), v1, follow=True)
    assert b"please read the new version" in response.content
    assert not Signature.objects.exists()


def test_a_hash_that_is_not_the_one_shown_is_refused(v1, post_signature):
    response = post_signature(person("director"), v1, sha256="0" * 64, follow=True)
    assert b"The agreement changed while you were reading; please read the new version." in (
        response.content
    )
    assert not Signature.objects.exists()


@pytest.mark.parametrize("role", ["moderator", "chief_executive", "administrator"])
def test_people_who_do_not_sign_cannot_post_a_signature(v1, post_signature, role):
    response = post_signature(person(role), v1)
    assert response.status_code == 403
    assert not Signature.objects.exists()


def test_an_older_version_cannot_be_signed_through_the_service(v1):
    AgreementVersionFactory(number=2)
    with pytest.raises(Refused, match="newer version"):
        services.sign(person("director", full_name="Dev Patel"), v1, printed_name="Dev Patel",
                      shown_sha256=v1.sha256)
    assert not Signature.objects.exists()


def test_nobody_can_sign_before_a_version_is_published(login):
    response = login(person("director")).post(
        reverse("agreements_current"), {"agreed": "on", "printed_name": "X", "sha256": "a" * 64},
        follow=True,
    )
    assert b"No agreement has been published yet." in response.content
    assert not Signature.objects.exists()
