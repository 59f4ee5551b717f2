"""What people do with the agreement: edit a draft, publish it, sign it."""

import unicodedata
from pathlib import Path

from django.db import IntegrityError, transaction

from accounts.roles import MODERATION_ROLES, SIGNER_ROLES
from core import audit
from core.enqueue import enqueue_on_commit
from core.errors import Refused

from . import selectors
from .models import AgreementDraft, AgreementVersion, Signature, sha256_of
from .reminders import remind_unsigned
from .tasks import email_signed_agreement

SEED_TEXT = Path(__file__).parent / "seed" / "whatsapp-group-chat-agreement.md"
SEED_TITLE = "WhatsApp Group Chat Agreement"
USER_AGENT_MAX = Signature._meta.get_field("user_agent").max_length


def normalise_text(text: str) -> str:
    """Browsers send text areas with CRLF: store and fingerprint one form of the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"


def comparable_name(name: str) -> str:
    """A name as compared with the account's: accents, case and spacing do not count, so
    "JOSE  garcia" matches "José García"."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def name_matches_account(user, printed_name: str) -> bool:
    return comparable_name(printed_name) == comparable_name(user.get_full_name())


def seed_text() -> str:
    return normalise_text(SEED_TEXT.read_text(encoding="utf-8"))


@transaction.atomic
def load_seed_version(actor=None) -> AgreementVersion | None:
    """Publish the policy's wording as version 1 if no version exists yet. Idempotent:
    returns the new version, or None when there already is one."""
    if AgreementVersion.objects.exists():
        return None
    text = seed_text()
    version = AgreementVersion.objects.create(
        number=1, title=SEED_TITLE, text=text, sha256=sha256_of(text), published_by=actor
    )
    audit.record(actor, "agreement.published", version, number=1, sha256=version.sha256)
    return version


def _require_editor(actor) -> None:
    if not actor.has_any_role(*MODERATION_ROLES):
        raise Refused("Only a moderator or the Chief Executive can change the agreement.")


@transaction.atomic
def save_draft(actor, *, title: str, text: str) -> AgreementDraft:
    """Keep the next version's text while it is being written; nothing is published."""
    _require_editor(actor)
    title, text = title.strip(), normalise_text(text)
    if not title or not text.strip():
        raise Refused("A draft needs a title and some text.")
    draft = AgreementDraft.objects.select_for_update().first() or AgreementDraft()
    if draft.pk is None:
        draft.based_on = selectors.current_version()
    draft.title, draft.text, draft.updated_by = title, text, actor
    draft.save()
    audit.record(actor, "agreement.draft_saved", draft, sha256=sha256_of(text))
    return draft


@transaction.atomic
def discard_draft(actor) -> None:
    _require_editor(actor)
    draft = AgreementDraft.objects.select_for_update().first()
    if draft is None:
        raise Refused("There is no draft to discard.")
    audit.record(actor, "agreement.draft_discarded", draft)
    draft.delete()


def check_publishable(draft: AgreementDraft, current: AgreementVersion | None) -> None:
    """A draft identical to the current version is not a new version."""
    if (current is not None and current.text == normalise_text(draft.text)
            and current.title == draft.title):
        raise Refused(
            f"The draft is the same as version {current.number}: nothing to publish."
        )


@transaction.atomic
def publish_draft(actor) -> AgreementVersion:
    """Publish the draft as the next version. Its text never changes after this; everyone who
    signed an older version is asked to sign the new one."""
    _require_editor(actor)
    draft = AgreementDraft.objects.select_for_update().first()
    if draft is None:
        raise Refused("There is no draft to publish.")
    current = (
        AgreementVersion.objects.select_for_update().order_by("-number").first()
    )
    check_publishable(draft, current)
    text = normalise_text(draft.text)
    version = AgreementVersion.objects.create(
        number=(current.number + 1) if current else 1,
        title=draft.title,
        text=text,
        sha256=sha256_of(text),
        published_by=actor,
    )
    draft.delete()
    audit.record(actor, "agreement.published", version, number=version.number,
                 sha256=version.sha256)
    transaction.on_commit(remind_unsigned)
    return version


@transaction.atomic
def sign(
    actor,
    version: AgreementVersion,
    *,
    printed_name: str,
    shown_sha256: str,
    ip_address: str | None = None,
    user_agent: str = "",
) -> Signature:
    """`actor` signs `version`, having been shown the text whose fingerprint is `shown_sha256`.

    Refused (core.errors.Refused, nothing stored) unless the person holds a signing role, typed
    the name on their account as the printed name, is signing the current version whose
    stored text is intact, and was shown exactly that text; and refused if they have already
    signed it.
    """
    if not actor.has_any_role(*SIGNER_ROLES):
        raise Refused(
            "Only directors, volunteers and staff sign the WhatsApp Group Chat Agreement."
        )
    printed_name = " ".join(printed_name.split())
    if not printed_name:
        raise Refused("Type your name in full: it is your signature.")
    if not name_matches_account(actor, printed_name):
        raise Refused(
            f"The name you typed is not the name on your account ({actor.get_full_name()}). "
            "Type your name as it is on your account; if that name is wrong, ask the "
            "administrator to correct it before you sign."
        )
    # Locking the version row makes signing wait for a publication in progress.
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    current = selectors.current_version()
    if current is None or current.pk != version.pk:
        raise Refused(
            "A newer version of the agreement has been published; please read the new version."
        )
    if not version.is_intact:
        raise Refused(
            "The stored text of this agreement no longer matches its fingerprint, so it "
            "cannot be signed. Please tell a moderator."
        )
    if shown_sha256 != version.sha256:
        raise Refused(
            "The agreement changed while you were reading; please read the new version."
        )
    if Signature.objects.filter(user=actor, version=version).exists():
        raise Refused(f"You have already signed version {version.number}.")
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                user=actor,
                version=version,
                printed_name=printed_name,
                ip_address=ip_address or None,
                user_agent=(user_agent or "")[:USER_AGENT_MAX],
                text_sha256=shown_sha256,
            )
    except IntegrityError:
        # The same person pressing "Sign" twice at once: the constraint keeps one.
        raise Refused(f"You have already signed version {version.number}.") from None
    audit.record(actor, "agreement.signed", signature, version=version.number,
                 sha256=version.sha256, reference=str(signature.reference))
    # If the broker is down the signature stands; the signer downloads the PDF from its page.
    enqueue_on_commit(email_signed_agreement, signature.pk)
    return signature
