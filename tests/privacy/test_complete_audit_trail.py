"""A complete audit trail: admin-site changes are on it like changes made in the app, a breach
keeps the rule's wording, a social account cannot be made open in the admin site, and the CEO
exports the trail for a date range."""

import csv
import io
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import audit
from core.admin import AuditedAdmin
from core.models import AuditEvent
from moderation.models import ScreeningWord
from optins import services as optins
from optins.models import AgreementRule
from policies.models import SocialAccount
from tests.counting import uncapped_counts
from tests.factories import MembershipFactory, person

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"accounts", "core", "moderation", "optins", "agreements", "policies", "privacy"}


@pytest.fixture
def admin_client_(client):
    client.force_login(person("administrator", is_staff=True, is_superuser=True))
    return client


def test_every_admin_screen_of_the_project_writes_to_the_audit_trail():
    plain = [type(a).__name__ for model, a in admin.site._registry.items()
             if model._meta.app_label in PROJECT_APPS and not isinstance(a, AuditedAdmin)]
    assert plain == []


def test_an_admin_site_edit_of_a_screening_word_appears_on_the_audit_trail(admin_client_):
    word = ScreeningWord.objects.create(list="profanity", text="blimey")
    response = admin_client_.post(
        reverse("admin:moderation_screeningword_change", args=[word.pk]),
        {"list": "profanity", "characteristic": "", "text": "crikey"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="admin.changed")
    assert (event.object_type, event.object_id) == ("moderation.ScreeningWord", str(word.pk))
    assert "Text" in event.details["change"]
    admin_client_.post(reverse("admin:moderation_screeningword_delete", args=[word.pk]),
                       {"post": "yes"})
    assert AuditEvent.objects.filter(action="admin.deleted", object_id=str(word.pk)).exists()


def test_adding_and_removing_a_role_in_the_admin_site_is_on_the_audit_trail(admin_client_):
    volunteer = person("volunteer")
    role = volunteer.roles.get()
    admin_client_.post(reverse("admin:accounts_user_change", args=[volunteer.pk]), {
        "email": volunteer.email, "full_name": "", "is_active": "on",
        "roles-TOTAL_FORMS": "2", "roles-INITIAL_FORMS": "1", "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000", "roles-0-id": str(role.pk),
        "roles-0-user": str(volunteer.pk), "roles-0-role": "volunteer", "roles-0-DELETE": "on",
        "roles-1-user": str(volunteer.pk), "roles-1-role": "staff"})
    event = AuditEvent.objects.get(action="admin.changed", object_id=str(volunteer.pk))
    assert "Added role" in event.details["change"] and "Deleted role" in event.details["change"]
    assert AuditEvent.objects.get(action="account.roles_removed").details["roles"] == [
        "volunteer"]


def test_a_social_account_added_in_the_admin_site_starts_proposed_whatever_is_posted(
        admin_client_):
    response = admin_client_.post(reverse("admin:policies_socialaccount_add"), {
        "platform": "tiktok", "handle": "@hws", "url": "", "audience": "Young people",
        "purpose": "Reach", "status": "active", "login_location": ""})
    assert response.status_code == 302
    assert SocialAccount.objects.get(handle="@hws").status == SocialAccount.Status.PROPOSED
    assert AuditEvent.objects.filter(action="admin.added",
                                     object_type="policies.SocialAccount").exists()


def test_a_breach_keeps_the_rules_wording_as_it_was_when_recorded(admin_client_):
    membership = MembershipFactory()
    rule = AgreementRule.objects.get(number=1)
    wording = rule.text
    breach = optins.record_breach(person("moderator"), membership, rule, "Spam", "word")
    admin_client_.post(reverse("admin:optins_agreementrule_change", args=[rule.pk]), {
        "number": "1", "slug": rule.slug, "text": "A rewritten rule"})
    assert AgreementRule.objects.get(pk=rule.pk).text == "A rewritten rule"
    breach.refresh_from_db()
    assert breach.rule_wording == wording
    assert AuditEvent.objects.filter(action="admin.changed",
                                     object_type="optins.AgreementRule").exists()


def _export(client, starts, ends, **extra):
    return client.get(reverse("privacy_audit_export"),
                      {"starts_on": starts, "ends_on": ends, **extra})


def test_the_ceo_exports_the_audit_trail_for_a_date_range_as_csv_with_formulas_defused(login):
    ceo = person("chief_executive")
    with time_machine.travel(datetime(2026, 5, 31, 23, 30, tzinfo=UTC), tick=False):
        audit.record(None, "before.range")  # 00:30 on 1 June in London: inside
    with time_machine.travel(datetime(2026, 5, 31, 22, 30, tzinfo=UTC), tick=False):
        audit.record(None, "outside.range")  # 23:30 on 31 May in London
    with time_machine.travel(datetime(2026, 6, 10, 12, 0, tzinfo=UTC), tick=False):
        audit.record(ceo, "=HYPERLINK(\"http://evil\")")
    response = _export(login(ceo), "2026-06-01", "2026-06-10", format="csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    actions = [row[2] for row in rows[1:]]
    assert actions == ["before.range", "'=HYPERLINK(\"http://evil\")"]


def test_the_audit_trail_page_lists_a_page_at_a_time_and_refuses_a_backwards_range(login):
    ceo = person("chief_executive")
    with time_machine.travel(datetime(2026, 6, 2, 9, 0, tzinfo=UTC), tick=False):
        for n in range(55):
            audit.record(None, f"event.{n}")
    client = login(ceo)
    page = _export(client, "2026-06-01", "2026-06-03").content.decode()
    assert "55 records" in page and "Page 1 of 2" in page
    bad = _export(client, "2026-06-03", "2026-06-01")
    assert bad.status_code == 200
    assert "The last day is before the first day." in bad.content.decode()
    assert "Download CSV" not in bad.content.decode()


def test_only_the_ceo_exports_the_audit_trail(login):
    assert _export(login(person("moderator")), "2026-06-01", "2026-06-03").status_code == 403


def test_the_audit_trail_page_runs_a_fixed_number_of_queries(login):
    client = login(person("chief_executive"))
    counts = []
    for size in (3, 30):
        with time_machine.travel(datetime(2026, 6, 2, 9, 0, tzinfo=UTC), tick=False):
            for n in range(size):
                audit.record(None, f"event.{n}")
        with CaptureQueriesContext(connection) as queries:
            _export(client, "2026-06-01", "2026-06-03")
        counts.append(len(queries))
        assert uncapped_counts(queries.captured_queries) == []
    assert counts[0] == counts[1]


def test_a_long_audit_trail_is_counted_to_99_plus_and_paged_to_its_end(login):
    with time_machine.travel(datetime(2026, 6, 2, 9, 0, tzinfo=UTC), tick=False):
        for n in range(120):
            audit.record(None, f"event.{n:03d}")
    client = login(person("chief_executive"))
    first = _export(client, "2026-06-01", "2026-06-03").content.decode()
    assert "99+ records" in first and "Page 1<" in first and "event.000" in first
    last = _export(client, "2026-06-01", "2026-06-03", page=3).content.decode()
    assert "event.119" in last and "event.099" not in last and 'rel="next"' not in last
    assert 'rel="prev" href="?starts_on=2026-06-01&amp;ends_on=2026-06-03&amp;page=2"' in last
