"""The Online Engagement Policy loads from the repository's own copy of the customer's text,
as version 1, with the footer's dates, and shows as overdue."""

import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import demo as accounts_demo
from accounts.models import User
from accounts.roles import Role
from policies import demo as policies_demo
from policies.models import Policy, PolicyVersion
from policies.text import ONLINE_ENGAGEMENT_POLICY, read_policy_document, render_markdown
from tests.factories import person

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def test_the_policy_text_lives_in_the_repository():
    assert ONLINE_ENGAGEMENT_POLICY.is_relative_to(settings.BASE_DIR)
    text = ONLINE_ENGAGEMENT_POLICY.read_text(encoding="utf-8")
    assert text.startswith("Online Engagement Policy")
    assert "I agree to abide" not in text


def test_load_policy_loads_version_1_with_the_footers_dates(capsys):
    ceo = person(Role.CHIEF_EXECUTIVE, email="chief@example.org")
    call_command("load_policy", "--officer", "Chief@example.org")
    assert "Loaded “Online Engagement Policy” version 1" in capsys.readouterr().out
    version = PolicyVersion.objects.get()
    assert version.title == "Online Engagement Policy"
    assert version.number == 1
    assert version.approved_on == date(2020, 3, 9)
    assert version.approved_by == "Healthwatch Sutton Board of Directors"
    assert version.review_due == date(2023, 3, 9)
    assert version.responsible_officer == ceo
    assert version.responsible_officer_title == "Chief Executive Officer of Healthwatch Sutton"
    assert version.policy.review_due == date(2023, 3, 9)
    # Only the policy: the WhatsApp Group Chat Agreement belongs to the agreements app.
    assert "I agree to abide" not in version.body
    assert "Users must not" not in version.body


def test_loading_again_changes_nothing(capsys):
    person(Role.CHIEF_EXECUTIVE, email="chief@example.org")
    call_command("load_policy", "--officer", "chief@example.org")
    call_command("load_policy", "--officer", "chief@example.org")
    assert "already loaded; nothing changed" in capsys.readouterr().out
    assert PolicyVersion.objects.count() == 1


def test_load_policy_refuses_an_unknown_or_roleless_officer():
    with pytest.raises(CommandError, match="Nobody has the email"):
        call_command("load_policy", "--officer", "nobody@example.org")
    person(email="norole@example.org")
    with pytest.raises(CommandError, match="only an approved person with a role"):
        call_command("load_policy", "--officer", "norole@example.org")
    assert not Policy.objects.exists()


def test_the_demo_seed_loads_the_policy_with_the_demo_ceo():
    accounts_demo.seed()
    policies_demo.seed()
    policies_demo.seed()
    version = PolicyVersion.objects.get()
    assert version.responsible_officer.email == "ceo@example.org"


def test_the_document_renders_headings_lists_and_footer_as_written(login):
    accounts_demo.seed()
    policies_demo.seed()
    with time_machine.travel(TODAY, tick=False):
        client = login(User.objects.get(email="staff@example.org"))
        page = client.get(reverse("policies_detail", args=["online-engagement-policy"]))
    html = page.content.decode()
    assert '<h1 class="h2" id="document-title">Online Engagement Policy</h1>' in html
    for heading in ["1. Purpose of this policy", "2. How online engagement will be undertaken",
                    "3. Setting up organisational social media profiles",
                    "5. Staff, director and volunteer's personal social media profiles"]:
        assert f'<h2 class="h4 mt-4">{heading}</h2>' in html
    assert '<h3 class="h5 mt-3">4.1. Managing user content</h3>' in html
    assert "5.1. Directors and Volunteers' WhatsApp Group</h3>" in html
    assert "<li>Using the page/tool to bully other users</li>" in html
    assert html.count("<li>") >= 13
    assert "Approved by Healthwatch Sutton Board of Directors: 09/03/2020" in html
    assert "To be reviewed: 09/03/2023" in html
    assert "Responsible Officer: Chief Executive Officer of Healthwatch Sutton" in html
    assert "Review overdue since 9 Mar 2023" in html
    # Every paragraph of the customer's text is on the page.
    shown = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    source = ONLINE_ENGAGEMENT_POLICY.read_text(encoding="utf-8")
    for paragraph in read_policy_document(source).source_paragraphs:
        for line in paragraph.splitlines():
            words = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", line.removeprefix("- "))
            assert " ".join(words.split()) in shown, words


def test_the_seed_policy_shows_as_overdue_in_the_list(login):
    accounts_demo.seed()
    policies_demo.seed()
    with time_machine.travel(TODAY, tick=False):
        page = login(User.objects.get(email="volunteer@example.org")).get(
            reverse("policies_list")
        )
    assert "Review overdue since 9 Mar 2023" in page.content.decode()


def test_markdown_is_sanitised():
    html = render_markdown(
        "## Title\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> [good](https://example.org) [placeholder](#)"
    )
    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "<img" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">good</a>' in html
    assert 'href="#"' not in html and "placeholder" in html
