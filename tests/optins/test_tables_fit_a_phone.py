"""The moderator's WhatsApp queue and rosters scroll sideways inside their box on a phone
instead of widening the whole page."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import MembershipFactory, OptInRequestFactory, person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["optins_queue", "optins_rosters"])
def test_wide_tables_scroll_within_the_page_on_a_narrow_screen(login, url_name):
    OptInRequestFactory()
    MembershipFactory()
    page = login(person(Role.MODERATOR)).get(reverse(url_name)).content.decode()
    assert "<table" in page
    assert page.count('class="table-responsive"') >= page.count("<table")
