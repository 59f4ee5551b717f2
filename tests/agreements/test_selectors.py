import pytest

from agreements import selectors
from tests.factories import AgreementVersionFactory, SignatureFactory, person

pytestmark = pytest.mark.django_db


def test_current_version_is_the_latest_published_or_none():
    assert selectors.current_version() is None
    AgreementVersionFactory(number=1)
    v2 = AgreementVersionFactory(number=2)
    assert selectors.current_version() == v2


def test_has_signed_current_is_false_after_a_new_version_until_signed_again(
    django_assert_num_queries,
):
    v1 = AgreementVersionFactory(number=1)
    director = person("director")
    assert not selectors.has_signed_current(director)
    SignatureFactory(user=director, version=v1)
    with django_assert_num_queries(1):
        assert selectors.has_signed_current(director)
    v2 = AgreementVersionFactory(number=2)
    assert not selectors.has_signed_current(director)
    SignatureFactory(user=director, version=v2)
    assert selectors.has_signed_current(director)


def test_signed_current_user_ids_answers_for_a_list_in_one_query(django_assert_num_queries):
    v1 = AgreementVersionFactory(number=1)
    v2 = AgreementVersionFactory(number=2)
    current, older, never = person("director"), person("volunteer"), person("staff")
    SignatureFactory(user=current, version=v2)
    SignatureFactory(user=older, version=v1)
    with django_assert_num_queries(1):
        ids = selectors.signed_current_user_ids([current.pk, older.pk, never.pk])
    assert ids == {current.pk}
    assert selectors.signed_current_user_ids([]) == set()
