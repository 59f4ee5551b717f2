import re

import pytest
from playwright.sync_api import expect

from optins.models import Membership, OptInRequest
from tests.factories import AgreementVersionFactory, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_signs_opts_in_is_added_leaves_and_is_removed(
        page, browser, live_server, sign_in, screenshot, groups_and_rules):
    AgreementVersionFactory(number=1)
    volunteer = person("volunteer", full_name="Vera Volunteer")
    moderator = person("moderator", full_name="Mo Moderator")

    # The volunteer signs the agreement, then asks to join from the form.
    sign_in(page, volunteer)
    page.goto("/agreements/")
    page.get_by_label(re.compile("I agree to abide")).check()
    page.get_by_label(re.compile("Your full name")).fill("Vera Volunteer")
    page.get_by_role("button", name="Sign the agreement").click()
    page.get_by_role("link", name="WhatsApp").first.click()
    page.get_by_role("link", name="Ask to join").click()
    expect(page.get_by_text("to add me to the group, and for it to be shown")).to_be_visible()
    page.get_by_label("Mobile number").fill("07400 12")
    page.get_by_label("I give this permission.").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("too short to be a mobile number")).to_be_visible()
    page.get_by_label("Mobile number").fill("07400 123456")
    page.get_by_label("I give this permission.").check()
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text("Your request is sent")).to_be_visible()
    expect(page.get_by_text("+44 74** ***456")).to_be_visible()
    screenshot(page, "optins-1-volunteer-requested")

    # The moderator, in a browser of their own (signing in once: a two-factor code is
    # accepted once only), approves (the volunteer has signed) and adds the number.
    volunteer_page = page
    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    moderator_errors: list[str] = []
    page.on("console", lambda m: moderator_errors.append(m.text) if m.type == "error" else None)
    sign_in(page, moderator)
    page.goto("/")
    page.get_by_role("link", name="1 WhatsApp opt-in request(s) to decide").click()
    expect(page.get_by_role("cell", name="Signed", exact=True)).to_be_visible()
    page.get_by_role("link", name="Open the request of Vera Volunteer").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("#full-number")).to_have_text("+44 7400 123456")
    screenshot(page, "optins-2-moderator-adds-number")
    page.get_by_label("I have added this number to the WhatsApp group.").check()
    page.get_by_role("button", name="Save: added").click()
    expect(page.get_by_text("Vera Volunteer is now a member of Volunteers.")).to_be_visible()
    page.get_by_role("link", name="Rosters").click()
    expect(page.get_by_role("link", name="Vera Volunteer")).to_be_visible()
    expect(page.get_by_text("123456")).to_have_count(0)

    # The volunteer leaves in one step, confirming the question.
    volunteer_page.goto("/whatsapp/")
    volunteer_page.once("dialog", lambda dialog: dialog.accept())
    volunteer_page.get_by_role("button", name="Leave the Volunteers group").click()
    expect(volunteer_page.get_by_text("You have left the Volunteers group")).to_be_visible()
    screenshot(volunteer_page, "optins-3-volunteer-left")

    # The moderator is told, removes them in WhatsApp and records it: the number is erased.
    page.goto("/")
    page.get_by_role("link", name="1 person(s) to remove from WhatsApp").click()
    page.get_by_role("link", name="Remove Vera Volunteer").click()
    page.get_by_label("I have removed this person from the WhatsApp group.").check()
    page.get_by_role("button", name="Save: removed, erase the number").click()
    expect(page.get_by_text("Vera Volunteer is removed and their number erased.")).to_be_visible()
    screenshot(page, "optins-4-moderator-removed")

    membership = Membership.objects.get(person=volunteer)
    assert membership.status == Membership.Status.REMOVED and membership.mobile == ""
    assert OptInRequest.objects.get(person=volunteer).mobile == ""
    assert volunteer_page.console_errors == [] and moderator_errors == []
    context.close()
