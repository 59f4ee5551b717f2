import pytest
from django.urls import reverse

from agreements.models import AGREEMENT_STATEMENT, Signature
from core.models import AuditEvent
from tests.factories import person

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


def test_the_stored_evidence_is_what_the_request_carried(v1, post_signature):
    director = person("director", full_name="Dev Patel")
    response = post_signature(
        director, v1, printed_name="  Dev   Patel ",
        REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT=BROWSER,
    )
    signature = Signature.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agreements_signature", args=[signature.reference])
    assert signature.user == director
    assert signature.version == v1
    assert signature.printed_name == "Dev Patel"
    assert signature.ip_address == "198.51.100.23"
    assert signature.user_agent == BROWSER
    assert signature.text_sha256 == v1.sha256
    assert signature.statement == AGREEMENT_STATEMENT
    audit = AuditEvent.objects.get(action="agreement.signed")
    assert audit.actor == director and audit.ip_address == "198.51.100.23"


@pytest.mark.parametrize(("proxies", "expected"), [
    (1, "203.0.113.9"),  # behind Caddy: the hop it added, not what the client wrote
    (0, "10.0.0.2"),  # no trusted proxy: the header is not believed
])
def test_the_signature_and_its_audit_record_the_address_the_proxy_count_allows(
    v1, post_signature, settings, proxies, expected,
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    post_signature(
        person("volunteer"), v1, REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", HTTP_USER_AGENT=BROWSER,
    )
    assert Signature.objects.get().ip_address == expected
    assert AuditEvent.objects.get(action="agreement.signed").ip_address == expected


def test_the_signer_sees_a_confirmation_and_gets_the_pdf_by_email(
    v1, post_signature, mailoutbox, django_capture_on_commit_callbacks,
):
    staff = person("staff", full_name="Sam Green")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_signature(staff, v1, follow=True)
    signature = Signature.objects.get()
    assert b"you have signed version 1" in response.content
    assert str(signature.reference).encode() in response.content
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [staff.email]
    assert "version 1" in mail.subject
    (name, content, mimetype), = mail.attachments
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    assert content.startswith(b"%PDF")


def test_the_signing_page_carries_the_hash_of_the_text_it_shows(v1, login):
    response = login(person("director")).get(reverse("agreements_current"))
    assert f'name="sha256" value="{v1.sha256}"'.encode() in response.content
    assert b"<strong>defamatory or incur liability</strong>" in response.content
    assert b"Signed (volunteer)" not in response.content
