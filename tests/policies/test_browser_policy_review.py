"""The CEO, as responsible officer, reads the overdue policy and records its review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from policies import services
from tests.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ceo_records_the_review_and_the_overdue_badge_goes(page, sign_in, screenshot):
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    services.load_policy_document(ceo)
    sign_in(page, ceo)
    assert "/accounts/2fa" not in page.url

    page.get_by_role("link", name="Online Engagement Policy: review overdue").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Online Engagement Policy"
    assert page.get_by_role("heading", name="4.1. Managing user content").is_visible()
    badge = page.locator("[data-review=overdue]").first
    assert badge.inner_text() == "Review overdue since 9 Mar 2023"
    screenshot(page, "policies-overdue")

    page.get_by_role("link", name="Record a review").click()
    next_due = timezone.localdate() + timedelta(days=365)
    page.get_by_label("Next review due").fill(next_due.isoformat())
    page.get_by_label("Notes").fill("Reviewed with the Board; no changes needed.")
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_load_state()

    assert "The review is recorded" in page.locator("main").inner_text()
    assert page.locator("[data-review=overdue]").count() == 0
    assert f"Review due {next_due:%-d %b %Y}" in page.locator("main").inner_text()
    assert "Reviewed with the Board; no changes needed." in page.locator("main").inner_text()
    screenshot(page, "policies-reviewed")
    assert page.console_errors == []
