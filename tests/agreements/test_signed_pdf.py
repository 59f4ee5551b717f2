from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from agreements import services
from tests.factories import person

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_signed_pdf_holds_the_text_the_name_and_the_evidence(v1, login):
    director = person("director", full_name="Dev Patel")
    signature = services.sign(
        director, v1, printed_name="Dev Patel", shown_sha256=v1.sha256,
        ip_address="198.51.100.23", user_agent="Mozilla/5.0 (Evidence test)",
    )
    response = login(director).get(reverse("agreements_signature_pdf", args=[signature.reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Directors and Volunteers WhatsApp Group Chat Agreement" in text
    # The rules, list items included.
    assert "defamatory or incur liability" in text
    assert "spam, junk email or chain emails and messages" in text
    assert "I agree to abide by all the guidelines outlined in this document" in text
    # The signature and its evidence.
    assert "Dev Patel" in text
    assert v1.sha256 in text.replace(" ", "")
    assert str(signature.reference) in text.replace(" ", "")
    assert "198.51.100.23" in text
    assert "Mozilla/5.0 (Evidence test)" in text
    assert "UTC" in text and ("GMT" in text or "BST" in text)
    # The paper form's blanks are not there: the online signature replaces them.
    assert "_____" not in text


def test_a_printed_name_with_markup_is_printed_as_typed(v1):
    from agreements.pdf import signed_agreement_pdf

    signature = services.sign(
        person("volunteer", full_name="<b>Val</b> & Co"), v1, printed_name="<b>Val</b> & Co",
        shown_sha256=v1.sha256,
    )
    assert "<b>Val</b> & Co" in _pdf_text(signed_agreement_pdf(signature))
