"""Erasure finds a WhatsApp number however the stored text is marked up (an HTML-only email
splits it with tags and &nbsp;), in the stored message and in the kept file; and on PostgreSQL
the tables that held it are rewritten, so no dead row keeps it."""

import os
import re
import time
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from optins import emails, phones, services
from optins.models import Membership, OptInRequest
from tests.factories import TEST_MOBILE, person, sign_current_agreement, signer, whatsapp_group

HTML_NUMBER = ("<p>Please add me to the directors' group.</p><p>My mobile is "
               "<span>07400</span>&nbsp;<span>123</span><b>456</b>. Thanks!</p>")
HTML_ONLY_EML = (
    "From: Dev <dev@example.org>\r\nTo: comms@example.org\r\nSubject: WhatsApp\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    f"<html><head><style>p {{margin: 0}}</style></head><body>{HTML_NUMBER}</body></html>\r\n"
).encode()


@pytest.fixture
def groups():
    """A transactional test may start from tables another one flushed: load the groups again,
    as their data migration does."""
    import_module("optins.migrations.0003_directors_and_volunteers_groups_and_agreement_rules"
                  ).forwards(apps, None)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_markup_is_removed_and_entities_decoded_for_reading():
    assert emails.plain_text(HTML_NUMBER) == (
        "Please add me to the directors' group.\n\nMy mobile is 07400 123456. Thanks!")
    assert emails.plain_text("07400 123456 & more") == "07400 123456 & more"
    assert emails.plain_text("From: Dev <dev@example.org>\n<p>Hi&nbsp;there</p>") == (
        "From: Dev <dev@example.org>\n\nHi there")


def test_a_number_spread_out_with_separators_is_redacted():
    text = "ring 0 7 4 0 0 - 1 2 3 - 4 5 6 today, ref 2026"
    assert phones.redact(text, TEST_MOBILE) == "ring [number erased] today, ref 2026"


@pytest.mark.django_db
def test_declining_erases_a_number_split_by_tags_from_the_email_and_its_file(
    settings, tmp_path, login,
):
    settings.MEDIA_ROOT = tmp_path
    moderator, director = person("moderator"), person("director")
    sign_current_agreement(director)  # an emailed request is logged only for a signer
    response = login(moderator).post(reverse("optins_log_email"), {
        "person": director.pk, "group": whatsapp_group("directors").pk,
        "mobile": "07400 123456", "permission": "on",
        "email_file": SimpleUploadedFile("mail.eml", HTML_ONLY_EML),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    item = OptInRequest.objects.get()
    assert "My mobile is 07400 123456" in item.email_message  # read as text, not HTML
    old_path = item.email_file.path

    services.decline_opt_in(moderator, item, "Please sign the agreement first.")
    item.refresh_from_db()
    assert "7400123456" not in digits_of(item.email_message)
    assert "My mobile is [number erased]. Thanks!" in item.email_message
    assert "From: Dev <dev@example.org>" in item.email_message
    assert not os.path.exists(old_path)
    kept = item.email_file.read().decode()
    assert "7400123456" not in digits_of(kept)
    assert "My mobile is [number erased]" in kept


@pytest.mark.django_db
def test_a_pasted_html_message_loses_the_number_on_erasure():
    moderator, director = person("moderator"), person("director")
    sign_current_agreement(director)
    item = services.log_email_request(moderator, director, whatsapp_group("directors"),
                                      "07400 123456", message=HTML_NUMBER, permission=True)
    assert "+44 74** ***456" in item.email_message_masked  # masked while it is kept
    services.decline_opt_in(moderator, item, "Not a director.")
    item.refresh_from_db()
    assert "7400123456" not in digits_of(item.email_message)


def _table_bytes(table: str) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        cursor.execute("SELECT pg_relation_size(%s) / current_setting('block_size')::int",
                       [table])
        pages = cursor.fetchone()[0]
        data = b""
        for page in range(pages):
            cursor.execute("SELECT get_raw_page(%s, %s)", [table, page])
            data += bytes(cursor.fetchone()[0])
    return data


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="VACUUM and dead rows are PostgreSQL's: runs when DATABASE_URL is")
@pytest.mark.django_db(transaction=True)
def test_after_erasure_no_dead_row_in_postgresql_keeps_the_number(groups):
    volunteer, moderator = signer("volunteer"), person("moderator")
    item = services.request_opt_in(volunteer, whatsapp_group(), "07400 123456",
                                   permission=True)
    sign_current_agreement(volunteer)
    services.approve_opt_in(moderator, item)
    membership = services.mark_added(moderator, item)
    needle = TEST_MOBILE.encode()
    assert needle in _table_bytes(Membership._meta.db_table)
    services.leave_group(volunteer, membership)
    files_before = _files_of(services.NUMBER_TABLES)

    services.mark_removed(moderator, membership)  # commits, then the vacuum task runs

    # VACUUM FULL wrote each table anew...
    assert not set(files_before) & set(_files_of(services.NUMBER_TABLES))
    # ...keeping only rows some open transaction could still see: on a shared server another
    # session's snapshot can hold a dead row for a moment, so look again briefly.
    for _ in range(10):
        if not any(needle in _table_bytes(t) for t in services.NUMBER_TABLES):
            break
        time.sleep(0.5)
        services.vacuum_number_tables()
    assert needle not in _table_bytes(OptInRequest._meta.db_table)
    assert needle not in _table_bytes(Membership._meta.db_table)


def _files_of(tables) -> list[int]:
    files = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("SELECT pg_relation_filenode(%s)", [table])
            files.append(cursor.fetchone()[0])
    return files


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_moderator_reads_an_html_email_as_text_with_the_number_masked(
    page, sign_in, screenshot, settings, tmp_path, groups,
):
    settings.MEDIA_ROOT = tmp_path
    moderator, director = person("moderator"), signer("director", full_name="Dev Patel")
    item = services.log_email_request(
        moderator, director, whatsapp_group("directors"), "07400 123456", permission=True,
        upload=SimpleUploadedFile("mail.eml", HTML_ONLY_EML))
    sign_in(page, moderator)
    page.goto(reverse("optins_request", args=[item.pk]))
    message = page.locator("pre")
    expect(message).to_contain_text("My mobile is +44 74** ***456. Thanks!")
    expect(message).to_contain_text("From: Dev <dev@example.org>")
    assert "<span>" not in message.inner_text() and "123456" not in message.inner_text()
    screenshot(page, "optins-html-email-request-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "optins-html-email-request-390")
