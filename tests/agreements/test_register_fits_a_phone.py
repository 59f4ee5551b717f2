"""The register's table scrolls inside its own box on a phone instead of widening the page."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_the_register_table_scrolls_within_the_page_on_a_narrow_screen(login):
    page = login(person(Role.MODERATOR)).get(reverse("agreements_register")).content.decode()
    assert 'class="table-responsive"' in page
    assert page.index('class="table-responsive"') < page.index('id="register"')
