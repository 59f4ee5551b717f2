"""A director signs in a real browser and keeps the PDF; the moderator sees it in the register."""

from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from agreements import services
from agreements.models import Signature
from tests.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_director_signs_keeps_the_pdf_and_the_moderator_sees_it(
    page, sign_in, screenshot, tmp_path,
):
    version = services.load_seed_version()
    director = person("director", full_name="Dev Patel", email="dev@example.org")
    person("volunteer", full_name="Val Thompson")

    sign_in(page, director)
    expect(
        page.get_by_text("Please sign the WhatsApp Group Chat Agreement (version 1)")
    ).to_be_visible()
    page.get_by_role("link", name="Sign the agreement").click()
    expect(page.get_by_role(
        "heading", name="Directors and Volunteers WhatsApp Group Chat Agreement"
    )).to_be_visible()
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("Tick the box to say you agree")).to_be_visible()
    page.get_by_label("I agree to abide by all the guidelines outlined in this document").check()
    page.get_by_label("Your full name").fill("Dev Patel")
    screenshot(page, "agreements-sign-form")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("you have signed version 1")).to_be_visible()
    screenshot(page, "agreements-signed")

    signature = Signature.objects.get()
    assert signature.text_sha256 == version.sha256
    assert signature.ip_address == "127.0.0.1"
    assert "Chrome" in signature.user_agent

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the signed agreement (PDF)").click()
    pdf_path = tmp_path / "signed.pdf"
    download_info.value.save_as(pdf_path)
    reader = PdfReader(BytesIO(pdf_path.read_bytes()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Dev Patel" in text and "illegal or criminal activities" in text
    assert version.sha256 in text.replace("\n", "").replace(" ", "")
    page.context.clear_cookies()

    sign_in(page, person("moderator"))
    page.goto("/agreements/register/")
    register = page.locator("#register")
    expect(register.get_by_role("row", name="Dev Patel")).to_contain_text(
        "Signed the current version"
    )
    expect(register.get_by_role("row", name="Val Thompson")).to_contain_text("Never signed")
    screenshot(page, "agreements-register")
    assert page.console_errors == []
