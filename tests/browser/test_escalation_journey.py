"""A possible hate crime from the queue to the police, in the browser: a moderator escalates a
comment with the queue's own panel; the Chief Executive (with two-factor) opens it from the home
page, checks the evidence, records a consultation and a police report with its reference."""

import re

import pytest

from accounts.roles import Role
from core.models import Notice
from escalations.models import CrimeReference, EscalationOutcome
from tests.factories import ChannelFactory, flagged_item, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_escalates_and_the_chief_executive_records_a_police_report(
    browser, live_server, page, sign_in, screenshot
):
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    facebook = ChannelFactory(platform="facebook", name="HWS Facebook")
    item = flagged_item("People like you should go back to where you came from",
                        "go back to where you came from", term="inappropriate_behaviour",
                        kind="hate", severity=4, characteristic="race", channel=facebook,
                        permalink="https://www.facebook.com/hws/posts/1#c9")

    sign_in(page, moderator)
    page.goto(f"/moderation/items/{item.pk}/")
    page.locator("#decide-escalate > summary").click()
    panel = page.locator("#decide-escalate")
    assert panel.get_by_label("Race").is_checked()  # screening found it
    panel.get_by_label("Note (optional)").fill("Racist abuse aimed at a resident.")
    screenshot(page, "escalation-raise-from-queue")
    panel.get_by_role("button", name="Escalate").click()
    page.get_by_text("Escalate as a possible hate crime: on record").wait_for()

    ceo_context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": 1280, "height": 900})
    ceo_page = ceo_context.new_page()
    ceo_errors: list[str] = []
    ceo_page.on("console", lambda m: ceo_errors.append(m.text) if m.type == "error" else None)
    sign_in(ceo_page, ceo)
    ceo_page.goto("/")
    ceo_page.get_by_role("link", name="1 escalation waits for your decision").click()
    ceo_page.get_by_role("link", name=re.compile("on HWS Facebook")).click()
    ceo_page.get_by_text("Hash verified").wait_for()
    assert "Routed to the Chief Executive" in ceo_page.inner_text("main")
    assert "go back to where you came from" in ceo_page.inner_text("blockquote")

    ceo_page.get_by_text("Record a consultation").click()
    ceo_page.get_by_label("Who was consulted").fill("Charlotte Hale, Chair")
    ceo_page.get_by_label("Outcome of the consultation").fill("Agreed: report it online.")
    ceo_page.get_by_role("button", name="Record the consultation").click()
    ceo_page.get_by_text("The consultation is on record.").wait_for()

    police = ceo_page.locator(
        "form", has=ceo_page.get_by_role("heading", name="Report to the police"))
    assert police.get_by_label("Police force").input_value() == "Metropolitan Police"
    police.get_by_label("Online").check()
    police.get_by_label("Crime reference number").fill("6029384/26")
    screenshot(ceo_page, "escalation-review")
    police.get_by_role("button", name="Record the police report").click()
    ceo_page.get_by_text("Decided: reported to the police.").wait_for()
    assert "6029384/26" in ceo_page.inner_text("[data-outcome]")
    screenshot(ceo_page, "escalation-decided")
    assert not ceo_errors
    ceo_context.close()

    outcome = EscalationOutcome.objects.get()
    assert (outcome.outcome, outcome.how, outcome.decided_by) == ("police_report", "online", ceo)
    assert CrimeReference.objects.get().reference == "6029384/26"
    assert Notice.objects.filter(recipient=moderator, key__endswith=":decided").exists()
    assert not page.console_errors
