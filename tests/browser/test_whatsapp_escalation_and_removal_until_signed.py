"""Issue 19's last two journeys in the browser, at desktop and phone width:

- hateful content in a WhatsApp group: the moderator records the breach on the member's page,
  escalates it from there; the Chief Executive (with two-factor) opens it from the list,
  checks the group evidence, records the consultation and the decision; the Board report
  counts it by source;
- "remove until they sign": the moderator removes an unsigned member from the roster once the
  period to sign again is over, then removes them in WhatsApp by hand; the member reads how
  to sign and ask again.
"""


import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from agreements import services as agreement_services
from agreements.models import AgreementVersion
from core.models import AuditEvent
from escalations.models import Escalation, EscalationOutcome
from optins.models import AgreementRule, Membership
from tests.factories import (
    AgreementVersionFactory,
    MembershipFactory,
    person,
    sign_current_agreement,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAID = "Said in the group: people of that faith should be kept out of the Saturday stall."


def test_hateful_content_in_a_group_is_escalated_and_decided(
        browser, live_server, page, sign_in, both_widths, groups_and_rules):
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Chris Evans")
    membership = MembershipFactory(
        request__person=person(Role.VOLUNTEER, full_name="Val Thompson"))

    sign_in(page, moderator)
    page.goto(f"/whatsapp/members/{membership.pk}/")
    page.get_by_text("Record a breach of the agreement").click()
    rule = AgreementRule.objects.get(slug="offensive-or-harassing")
    page.get_by_label("Rule of the agreement broken").select_option(value=str(rule.pk))
    page.get_by_label("What happened").fill(SAID)
    page.get_by_label("Written warning").check()
    page.get_by_role("button", name="Record the breach").click()
    expect(page.get_by_text("The breach is recorded.")).to_be_visible()
    page.get_by_role("link", name="Escalate as a possible hate crime").click()
    expect(page.locator("[data-what-was-said]")).to_have_text(SAID)
    page.get_by_role("button", name="Escalate to the Chief Executive").click()  # nothing ticked
    expect(page.get_by_text("Choose the protected characteristic(s)")).to_be_visible()
    assert not Escalation.objects.exists()
    page.get_by_label("Religion or belief").check()
    page.get_by_label("Why it may be a hate crime").fill("Hostility to a faith group.")
    both_widths(page, "group-escalation-1-raise")
    page.get_by_role("button", name="Escalate to the Chief Executive").click()
    expect(page.get_by_text("Escalated to Chris Evans")).to_be_visible()
    escalation = Escalation.objects.get()
    assert escalation.breach.membership == membership

    ceo_context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": 1280, "height": 900})
    ceo_page = ceo_context.new_page()
    sign_in(ceo_page, ceo)
    ceo_page.goto("/moderation/escalations/")
    expect(ceo_page.locator("[data-source]")).to_have_text("WhatsApp group")
    both_widths(ceo_page, "group-escalation-2-list")
    ceo_page.get_by_role("link", name="Val Thompson in the Volunteers group").click()
    expect(ceo_page.get_by_text("Hash verified")).to_be_visible()
    assert SAID in ceo_page.inner_text("blockquote")
    assert "Volunteers WhatsApp group" in ceo_page.inner_text("main")
    ceo_page.get_by_text("Record a consultation").click()
    ceo_page.get_by_label("Who was consulted").fill("Charlotte Hale, Chair")
    ceo_page.get_by_label("Outcome of the consultation").fill("Agreed: report it online.")
    ceo_page.get_by_role("button", name="Record the consultation").click()
    expect(ceo_page.get_by_text("The consultation is on record.")).to_be_visible()
    police = ceo_page.locator(
        "form", has=ceo_page.get_by_role("heading", name="Report to the police"))
    police.get_by_label("Online").check()
    police.get_by_label("Crime reference number").fill("6029555/26")
    police.get_by_role("button", name="Record the police report").click()
    expect(ceo_page.get_by_text("Decided: reported to the police.")).to_be_visible()
    both_widths(ceo_page, "group-escalation-3-decided")
    ceo_page.goto("/moderation/escalations/report/")
    expect(ceo_page.locator("[data-by-source]")).to_contain_text("WhatsApp group")
    both_widths(ceo_page, "group-escalation-4-board-report")
    ceo_context.close()

    assert EscalationOutcome.objects.get().outcome == "police_report"
    page.goto(f"/whatsapp/members/{membership.pk}/")
    expect(page.get_by_text("Escalated as a possible hate crime")).to_be_visible()
    both_widths(page, "group-escalation-5-member-page")
    # The one refused form answered 400, as it should; nothing else went wrong.
    assert [e for e in page.console_errors if "status of 400" not in e] == []


def test_a_member_who_has_not_signed_is_removed_until_they_sign(
        browser, live_server, page, sign_in, both_widths, groups_and_rules, settings):
    settings.AGREEMENT_SIGN_AGAIN_DAYS = 0  # the period is over as soon as v2 is published
    AgreementVersionFactory(number=1)
    moderator = person(Role.MODERATOR, full_name="Morgan Reed")
    late = MembershipFactory(request__person=person(Role.VOLUNTEER, full_name="Lee Late"))
    prompt = MembershipFactory(request__person=person(Role.VOLUNTEER, full_name="Pat Prompt"))
    for member in (late, prompt):
        sign_current_agreement(member.person)
    current = AgreementVersion.objects.order_by("-number").first()
    agreement_services.save_draft(moderator, title=current.title,
                                  text=current.text + "\nA new rule.\n")
    agreement_services.publish_draft(moderator)
    sign_current_agreement(prompt.person)

    sign_in(page, moderator)
    page.goto("/whatsapp/groups/")
    expect(page.locator(f"#unsigned-{late.pk}")).to_be_visible()
    expect(page.locator(f"#remove-unsigned-{prompt.pk}")).to_have_count(0)
    both_widths(page, "remove-until-signed-1-roster")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(f"#remove-unsigned-{late.pk}").click()
    expect(page.get_by_text("Remove them in WhatsApp now")).to_be_visible()
    both_widths(page, "remove-until-signed-2-member-page")
    late.refresh_from_db()
    assert (late.status, late.end_reason) == ("leaving", "unsigned")
    assert AuditEvent.objects.filter(action="optins.removed_until_signed").exists()

    member_context = browser.new_context(base_url=live_server.url,
                                         viewport={"width": 1280, "height": 900})
    member_page = member_context.new_page()
    sign_in(member_page, late.person)
    member_page.goto("/whatsapp/mine/")
    expect(member_page.get_by_text("removed from this group until you sign")).to_be_visible()
    expect(member_page.get_by_role("link", name="sign the WhatsApp Group Chat Agreement")
           ).to_be_visible()
    both_widths(member_page, "remove-until-signed-3-member-told")
    member_context.close()

    page.get_by_label("I have removed this person from the WhatsApp group.").check()
    page.get_by_role("button", name="Save: removed, erase the number").click()
    expect(page.get_by_text("is removed and their number erased")).to_be_visible()
    late.refresh_from_db()
    assert (late.status, late.mobile) == (Membership.Status.REMOVED, "")
    assert not page.console_errors
