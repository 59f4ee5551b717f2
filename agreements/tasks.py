from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from .models import Signature
from .reminders import remind_unsigned


@shared_task(
    name="agreements.email_signed_agreement", autoretry_for=(OSError,), retry_backoff=True,
    retry_jitter=True, max_retries=5,
)
def email_signed_agreement(signature_id: int) -> None:
    """Send the signer their signed agreement as a PDF."""
    # reportlab takes about half a second to import: only a process that makes a PDF pays it.
    from .pdf import pdf_filename, signed_agreement_pdf

    signature = Signature.objects.select_related("user", "version").filter(pk=signature_id).first()
    if signature is None:
        return
    link = settings.SITE_URL.rstrip("/") + reverse(
        "agreements_signature_pdf", args=[signature.reference]
    )
    message = EmailMessage(
        f"[HWS Engage] You signed the WhatsApp Group Chat Agreement "
        f"(version {signature.version.number})",
        f"Hello {signature.user.get_short_name()},\n\n"
        f"Thank you for signing version {signature.version.number} of the WhatsApp Group Chat "
        f"Agreement. Your signed copy, with the evidence of your signature, is attached; you "
        f"can also download it at any time:\n\n{link}\n\n"
        f"Reference: {signature.reference}\n",
        None,
        [signature.user.email],
    )
    message.attach(pdf_filename(signature), signed_agreement_pdf(signature), "application/pdf")
    message.send()


@shared_task(name="agreements.remind_unsigned_signers")
def remind_unsigned_signers() -> int:
    """Weekly: ask everyone who has not signed the current version to sign it."""
    return remind_unsigned()
