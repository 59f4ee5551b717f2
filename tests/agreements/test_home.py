import pytest
from django.urls import reverse

from agreements import home
from core.registry import nav_items
from tests.factories import AgreementVersionFactory, SignatureFactory, person

pytestmark = pytest.mark.django_db


def test_signers_who_have_not_signed_the_current_version_are_asked_on_the_home_page(login):
    v1 = AgreementVersionFactory(number=1)
    director = person("director")
    page = login(director).get(reverse("home"))
    assert b"Please sign the WhatsApp Group Chat Agreement (version 1)" in page.content
    SignatureFactory(user=director, version=v1)
    assert home.attention(director) == []
    AgreementVersionFactory(number=2)
    (item,) = home.attention(director)
    assert item.text == "Please sign the WhatsApp Group Chat Agreement (version 2)"
    assert item.url == reverse("agreements_current")


def test_people_who_do_not_sign_are_not_asked(db):
    AgreementVersionFactory(number=1)
    assert home.attention(person("moderator")) == []
    assert home.attention(person("director")) != []


def test_the_navigation_shows_the_agreement_to_signers_and_the_register_to_moderators(db):
    def labels(user):
        return [i.label for i in nav_items(user) if i.url_name.startswith("agreements_")]

    assert labels(person("volunteer")) == ["Sign the agreement"]
    assert labels(person("moderator")) == ["Agreement register"]
    assert labels(person("chief_executive")) == ["Agreement register"]
    assert labels(person("administrator")) == []


def test_the_home_attention_takes_two_queries(django_assert_num_queries):
    AgreementVersionFactory(number=1)
    director = person("director")
    director.has_any_role("director")  # roles are read once per request
    with django_assert_num_queries(2):
        home.attention(director)
