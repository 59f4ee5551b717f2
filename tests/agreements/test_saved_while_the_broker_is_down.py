"""A saved change whose follow-up task cannot be queued (the broker is down) is still saved
and reported as saved (core.enqueue), instead of a 500 after the commit."""

import logging

import pytest
from django.urls import reverse

from accounts.roles import Role
from agreements.models import AgreementVersion, Signature
from core.models import Notice
from tests.factories import person

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_signature_is_saved_and_confirmed_while_the_broker_is_down(
    v1, post_signature, broker_down, caplog,
):
    staff = person(Role.STAFF, full_name="Sam Green")
    with caplog.at_level(logging.ERROR, logger="core.enqueue"):
        response = post_signature(staff, v1, follow=True)
    assert response.status_code == 200
    assert b"you have signed version 1" in response.content
    assert Signature.objects.filter(user=staff, version=v1).exists()
    assert "email_signed_agreement" in caplog.text


def test_publishing_is_reported_and_the_notices_kept_while_the_broker_is_down(
    v1, login, broker_down,
):
    signer = person(Role.DIRECTOR)
    client = login(person(Role.MODERATOR))
    asked = client.post(reverse("agreements_draft"), {
        "title": v1.title, "text": v1.text + "\nA new rule.\n", "action": "publish"})
    response = client.post(reverse("agreements_draft"), {
        "action": "publish_confirmed", "draft_sha256": asked.context["draft_sha256"],
    }, follow=True)
    assert response.status_code == 200
    assert b"Version 2 is published" in response.content
    assert AgreementVersion.objects.filter(number=2).exists()
    assert Notice.objects.filter(recipient=signer).exists()  # on their home page meanwhile
