"""Walked in the browser: an administrator removes a volunteer's role in the admin site; the
volunteer, with no role now, still opens their WhatsApp page and sees that they are leaving;
the moderator records the removal and the number is erased."""

import importlib

import pytest
from playwright.sync_api import expect

from optins.models import Membership
from tests.factories import MembershipFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def groups_and_rules():
    from django.apps import apps

    importlib.import_module(
        "optins.migrations.0003_directors_and_volunteers_groups_and_agreement_rules"
    ).forwards(apps, None)


def test_an_admin_removes_a_volunteers_role_and_their_membership_ends(
        page, browser, live_server, sign_in, screenshot, groups_and_rules):
    membership = MembershipFactory(request__person=person("volunteer", full_name="Vera Vol"))
    volunteer = membership.person
    administrator = person("administrator", is_staff=True, is_superuser=True,
                           full_name="Ada Admin")
    moderator = person("moderator", full_name="Mo Moderator")

    sign_in(page, administrator)
    page.goto(f"/admin/accounts/user/{volunteer.pk}/change/")
    page.locator("input[name='roles-0-DELETE']").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    membership.refresh_from_db()
    assert membership.status == Membership.Status.LEAVING

    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900})
    own = context.new_page()
    sign_in(own, volunteer)
    own.goto("/whatsapp/mine/")
    expect(own.get_by_text("You have left this group")).to_be_visible()
    screenshot(own, "privacy-7-role-ended-own-page-1280")
    own.set_viewport_size({"width": 390, "height": 844})
    screenshot(own, "privacy-7-role-ended-own-page-390")
    context.close()

    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900})
    mod = context.new_page()
    sign_in(mod, moderator)
    mod.goto(f"/whatsapp/members/{membership.pk}/")
    mod.get_by_label("I have removed this person from the WhatsApp group.").check()
    mod.get_by_role("button", name="Save: removed, erase the number").click()
    expect(mod.get_by_text("is removed and their number erased")).to_be_visible()
    context.close()
    membership.refresh_from_db()
    assert membership.mobile == ""
