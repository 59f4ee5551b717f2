import pytest
from django.urls import reverse

from agreements import services
from agreements.models import Signature
from core.errors import Refused
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_a_name_that_is_not_the_accounts_is_refused_and_nothing_is_stored(v1, post_signature):
    volunteer = person("volunteer", full_name="Val Jones")
    response = post_signature(volunteer, v1, printed_name="Mickey Mouse")
    assert response.status_code == 200
    assert b"Type your name as it is on your account: Val Jones." in response.content
    assert not Signature.objects.exists()
    with pytest.raises(Refused, match="not the name on your account"):
        services.sign(volunteer, v1, printed_name="Mickey Mouse", shown_sha256=v1.sha256)
    assert not Signature.objects.exists()


@pytest.mark.parametrize("typed", ["josé garcía", "JOSE   GARCIA", " Jose Garcia ", "José García"])
def test_case_spacing_and_accents_are_forgiven_and_the_typed_name_is_kept(
    v1, post_signature, typed
):
    director = person("director", full_name="José García")
    response = post_signature(director, v1, printed_name=typed)
    assert response.status_code == 302
    assert Signature.objects.get(user=director).printed_name == " ".join(typed.split())


def test_the_name_field_starts_filled_with_the_accounts_name(v1, login):
    page = login(person("director", full_name="Dee O'Brien")).get(reverse("agreements_current"))
    assert b'name="printed_name" value="Dee O&#x27;Brien"' in page.content


def test_the_register_shows_the_typed_name_beside_the_account(v1, post_signature, login):
    director = person("director", full_name="José García")
    post_signature(director, v1, printed_name="JOSE GARCIA")
    page = login(person("moderator")).get(reverse("agreements_register"))
    html = page.content.decode()
    assert "José García" in html and ">JOSE GARCIA</td>" in html
