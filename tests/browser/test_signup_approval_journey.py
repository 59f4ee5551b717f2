"""The sign-up and approval journey in a real browser: a volunteer signs up, verifies their
email, waits; an administrator (with two-factor) approves them as a Volunteer; they sign in."""

import re

import pytest

from accounts.roles import Role
from tests.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_volunteer_signs_up_is_approved_and_signs_in(
    browser, live_server, page, sign_in, screenshot, mailoutbox
):
    page.goto("/accounts/signup/")
    page.get_by_label("Your full name").fill("Nia Volunteer")
    page.get_by_label("Email").fill("nia@example.org")
    page.locator("#id_password1").fill("a-long-enough-passphrase")
    page.locator("#id_password2").fill("a-long-enough-passphrase")
    screenshot(page, "signup-form")
    page.get_by_role("button", name="Sign Up").click()
    page.get_by_text("Verify Your Email Address").first.wait_for()

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("nia@example.org")
    page.get_by_label("Password").fill("a-long-enough-passphrase")
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.get_by_role("heading", name="Your account is awaiting approval").wait_for()
    screenshot(page, "awaiting-approval")
    page.goto("/")
    assert page.url.endswith("/accounts/pending/")

    admin = person(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    admin_context = browser.new_context(base_url=live_server.url)
    admin_page = admin_context.new_page()
    sign_in(admin_page, admin)
    admin_page.goto("/admin/accounts/user/")
    first_row = admin_page.locator("#result_list tbody tr").first
    assert "nia@example.org" in first_row.inner_text()  # pending accounts come first
    first_row.locator("input[type=checkbox]").check()
    admin_page.locator("select[name=action]").select_option("approve_with_roles")
    admin_page.get_by_role("button", name="Run").click()
    admin_page.get_by_label("Volunteer").check()
    screenshot(admin_page, "admin-approve-with-role")
    admin_page.get_by_role("button", name="Approve accounts").click()
    admin_page.get_by_text("Approved 1 account").wait_for()
    admin_context.close()

    assert mailoutbox[-1].to == ["nia@example.org"]
    assert "You can now sign in" in mailoutbox[-1].body

    page.goto("/")
    page.get_by_role("heading", name="Hello, Nia").wait_for()
    screenshot(page, "volunteer-home")
    assert not page.console_errors
