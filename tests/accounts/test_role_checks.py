import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("accounts_absence"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.VOLUNTEER, Role.STAFF, Role.MODERATOR])
def test_absence_page_is_refused_to_roles_that_do_not_stand_in(login, role):
    response = login(person(role)).get(reverse("accounts_absence"))
    assert response.status_code == 403
    assert b"not available to you" in response.content


@pytest.mark.parametrize("role", [Role.CHIEF_EXECUTIVE, Role.CHAIR])
def test_ceo_and_chair_can_mark_themselves_absent(login, role):
    response = login(person(role)).get(reverse("accounts_absence"))
    assert response.status_code == 200
