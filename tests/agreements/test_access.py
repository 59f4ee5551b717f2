import uuid

import pytest
from django.urls import reverse

from agreements import services
from tests.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(v1):
    return services.sign(person("director", full_name="Dev Patel"), v1,
                         printed_name="Dev Patel", shown_sha256=v1.sha256)


@pytest.mark.parametrize("url_name", ["agreements_signature_pdf", "agreements_signature"])
def test_the_signer_can_see_and_download_their_signed_agreement(signature, login, url_name):
    response = login(signature.user).get(reverse(url_name, args=[signature.reference]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["moderator", "chief_executive"])
@pytest.mark.parametrize("url_name", ["agreements_signature_pdf", "agreements_signature"])
def test_moderators_and_the_ceo_can_see_anyones_signed_agreement(
    signature, login, role, url_name,
):
    response = login(person(role)).get(reverse(url_name, args=[signature.reference]))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["director", "volunteer", "staff", "chair", "administrator"])
@pytest.mark.parametrize("url_name", ["agreements_signature_pdf", "agreements_signature"])
def test_anyone_else_is_refused_someone_elses_signed_agreement(signature, login, role, url_name):
    response = login(person(role)).get(reverse(url_name, args=[signature.reference]))
    assert response.status_code == 403


def test_guessing_a_reference_tells_a_non_moderator_nothing(signature, login):
    other = login(person("director"))
    missing = other.get(reverse("agreements_signature_pdf", args=[uuid.uuid4()]))
    existing = other.get(reverse("agreements_signature_pdf", args=[signature.reference]))
    assert missing.status_code == existing.status_code == 403


def test_signatures_are_not_addressed_by_their_row_number(signature, client):
    assert client.get(f"/agreements/signatures/{signature.pk}/pdf/").status_code == 404


@pytest.mark.parametrize("url_name", [
    "agreements_register", "agreements_register_csv", "agreements_versions", "agreements_draft",
])
@pytest.mark.parametrize("role", ["moderator", "chief_executive"])
def test_moderators_and_the_ceo_see_the_register_and_the_versions(v1, login, url_name, role):
    assert login(person(role)).get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("url_name", [
    "agreements_register", "agreements_register_csv", "agreements_versions", "agreements_draft",
])
@pytest.mark.parametrize("role", ["director", "volunteer", "staff", "chair", "administrator"])
def test_others_are_refused_the_register_and_the_versions(v1, login, url_name, role):
    assert login(person(role)).get(reverse(url_name)).status_code == 403


def test_anonymous_people_are_sent_to_sign_in(signature, client):
    response = client.get(reverse("agreements_signature_pdf", args=[signature.reference]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
