"""The pages the walk-through found scrolling sideways on a phone (WhatsApp requests, a
policy's history, a social account), and the pages this work added, at 390 px and 1280 px:
nothing is wider than the screen, and no table hides its buttons off to the side."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from agreements import services as agreement_services
from agreements.models import AgreementVersion
from optins.models import OptInRequest
from policies import services as policy_services
from tests.factories import (
    MembershipFactory,
    SocialAccountFactory,
    person,
    policy,
    sign_current_agreement,
    whatsapp_group,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTHING_HIDDEN_SIDEWAYS = """() => {
  const wide = [document.documentElement.scrollWidth > window.innerWidth ? "page" : null];
  document.querySelectorAll(".table-responsive").forEach((box, n) => {
    if (box.scrollWidth > box.clientWidth + 1) wide.push(`table box ${n}`);
  });
  return wide.filter(Boolean);
}"""


def _check(page, screenshot, path, name):
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(path)
        screenshot(page, f"{name}-{width}")
        assert page.evaluate(NOTHING_HIDDEN_SIDEWAYS) == [], f"{path} at {width} px"


def test_the_ceos_pages_fit_a_phone(page, sign_in, screenshot, groups_and_rules):
    ceo = person(Role.CHIEF_EXECUTIVE, full_name="Cara Chief")
    volunteer = person(Role.VOLUNTEER, full_name="Valentina Featherstonehaugh-Whitworth")
    sign_current_agreement(volunteer)
    OptInRequest.objects.create(person=volunteer, group=whatsapp_group(), channel="email",
                                mobile="+447400123456", permission_text="Yes")
    MembershipFactory(person=person(Role.VOLUNTEER), group=whatsapp_group())
    doc = policy(ceo, title="Online Engagement Policy")
    v1 = doc.current_version
    today = timezone.localdate()  # a review's next date must be after today, whenever this runs
    policy_services.record_review(doc, actor=ceo, reviewed_on=today - timedelta(days=30),
                                  next_review_due=today + timedelta(days=335),
                                  notes="Checked against the Communications and Engagement "
                                        "Strategy; no change needed this year.")
    policy_services.publish_version(
        doc, actor=ceo, title=v1.title, body=v1.body + "\nA new paragraph.\n",
        approved_on=today - timedelta(days=1), approved_by="Healthwatch Sutton Board of Directors",
        review_due=today + timedelta(days=3 * 365), responsible_officer=ceo,
        responsible_officer_title="Chief Executive Officer of Healthwatch Sutton",
        change_note="Adds the paragraph on personal profiles.",
    )
    account = SocialAccountFactory(
        handle="@HealthwatchSuttonCommunityEngagement",
        url="https://www.facebook.com/HealthwatchSuttonCommunityEngagementAndVolunteering/",
    )
    policy_services.authorise_posting(ceo, account, person(Role.STAFF, full_name="Sam Staff"))
    sign_in(page, ceo)
    _check(page, screenshot, "/whatsapp/queue/", "optins-queue")
    _check(page, screenshot, "/whatsapp/groups/", "optins-rosters")
    _check(page, screenshot, f"/policies/{doc.slug}/history/", "policy-history")
    _check(page, screenshot, f"/policies/{doc.slug}/", "policy-detail")
    _check(page, screenshot, f"/policies/{doc.slug}/readers/", "policy-readers")
    _check(page, screenshot, f"/policies/accounts/{account.pk}/", "social-account")
    _check(page, screenshot, "/agreements/register/", "agreement-register")


def test_a_volunteers_pages_fit_a_phone(page, sign_in, screenshot, groups_and_rules):
    moderator = person(Role.MODERATOR)
    volunteer = person(Role.VOLUNTEER, full_name="Vic Volunteer")
    sign_current_agreement(volunteer)
    current = AgreementVersion.objects.order_by("-number").first()
    agreement_services.save_draft(moderator, title=current.title,
                                  text=current.text + "\n- Never share a member's number.\n")
    agreement_services.publish_draft(moderator)
    newcomer = person(Role.VOLUNTEER, full_name="Nina Newcomer")
    sign_in(page, volunteer)
    _check(page, screenshot, "/agreements/", "agreement-re-sign")
    page.context.clear_cookies()
    sign_in(page, newcomer)
    _check(page, screenshot, "/whatsapp/mine/request/", "optins-ask-before-signing")


def test_a_moderator_publishes_a_new_version_after_confirming(page, sign_in, screenshot):
    moderator = person(Role.MODERATOR)
    for role in (Role.DIRECTOR, Role.VOLUNTEER):
        sign_current_agreement(person(role))
    sign_in(page, moderator)
    page.goto("/agreements/draft/")
    text = page.get_by_label("Text")
    text.fill(text.input_value() + "\n- Never share a member's number.\n")
    page.get_by_role("button", name=re.compile("Publish as version")).click()
    assert "2 people" in page.inner_text("#publish-count")
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        screenshot(page, f"agreement-publish-confirm-{width}")
        assert page.evaluate(NOTHING_HIDDEN_SIDEWAYS) == []
    page.get_by_role("button", name=re.compile("and ask them to sign")).click()
    page.wait_for_url(re.compile(r"/agreements/versions/\d+/"))
    assert "is published" in page.inner_text("main")
