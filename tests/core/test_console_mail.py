import io

from django.core.mail import EmailMessage

from core.mail import ReadableConsoleBackend


def test_local_email_prints_long_links_whole():
    link = "http://127.0.0.1:8000/accounts/confirm-email/MTI:1xVmgQ:4P_PlUERGc8yq4iDNdhUJn-99VMFOX/"
    stream = io.StringIO()
    backend = ReadableConsoleBackend(stream=stream, alias="default")
    message = EmailMessage("Please confirm", f"To confirm, go to {link}\n", None, ["a@example.org"])
    message.attach("agreement.pdf", b"%PDF-1.4", "application/pdf")
    backend.send_messages([message])
    printed = stream.getvalue()
    assert link in printed
    assert "Subject: Please confirm" in printed and "Attachments: agreement.pdf" in printed
