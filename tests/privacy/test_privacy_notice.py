"""The public privacy notice: open without signing in, its periods read from the retention
schedule itself, and linked from sign-up, sign-in, the agreement and the opt-in form."""

import pytest
from django.urls import reverse

from privacy.models import RetentionRule
from tests.factories import AgreementVersionFactory, signer

pytestmark = pytest.mark.django_db


def test_the_privacy_notice_opens_signed_out_and_says_who_what_why_how_long_and_rights(client):
    response = client.get(reverse("privacy_notice"))
    assert response.status_code == 200
    page = response.content.decode()
    for words in ("Who we are", "What we hold, and why", "legitimate interests",
                  "How long we keep it", "Your rights", "Erasure", "Contact",
                  "Information Commissioner"):
        assert words in page, words


def test_the_periods_on_the_notice_are_the_schedules_own(client):
    RetentionRule.objects.filter(kind="webhook_bodies").update(keep_days=12)
    page = client.get(reverse("privacy_notice")).content.decode()
    assert "<td>Raw webhook deliveries</td><td>12 days</td>" in page
    assert "<td>Signed agreements</td><td>Kept</td>" in page
    assert RetentionRule.objects.get(kind="signatures").reason.split(",")[0] in page


@pytest.mark.parametrize("url_name", ["account_login", "account_signup"])
def test_sign_in_and_sign_up_link_to_the_notice(client, url_name):
    page = client.get(reverse(url_name)).content.decode()
    assert f'href="{reverse("privacy_notice")}"' in page


def test_the_agreement_and_the_opt_in_form_link_to_the_notice(login):
    AgreementVersionFactory()
    client = login(signer("volunteer"))  # the opt-in form is for people who have signed
    for url_name in ("agreements_current", "optins_request_new"):
        page = client.get(reverse(url_name)).content.decode()
        assert f'href="{reverse("privacy_notice")}"' in page, url_name
