"""Data-protection actions: a subject-access export made, an erasure request carried out.
Each in one transaction with its audit record; contents never go on the audit trail."""

from datetime import date

from django.conf import settings
from django.db import transaction

from accounts.models import User
from core import audit
from moderation.models import Author, Finding, Item

from . import holdings, selectors
from .models import ErasureRequest

ERASED = "[erased at the person's request]"


class ErasureError(ValueError):
    """A refusal; the message says why in plain words."""


def export_author(author: Author, *, actor: User, fmt: str) -> dict:
    data = selectors.author_export(author)
    audit.record(actor, "privacy.subject_access_export", author, format=fmt,
                 comments=len(data["comments"]))
    return data


def export_user(user: User, *, actor: User, fmt: str) -> dict:
    data = selectors.user_export(user)
    audit.record(actor, "privacy.subject_access_export", user, format=fmt)
    return data


@transaction.atomic
def erase_author(author: Author, *, actor: User, received_on: date) -> ErasureRequest:
    """Erase a platform author's comments and name, except what a legal hold keeps."""
    author = Author.objects.select_for_update().get(pk=author.pk)
    subject = f"{author.name or author.platform_author_id} ({author.channel})"
    item_ids = list(Item.objects.filter(author=author).values_list("pk", flat=True))
    escalated = holdings.escalated_item_ids(item_ids)
    blocked = bool(holdings.live_block_item_ids(item_ids))
    to_erase = [pk for pk in item_ids if pk not in escalated]
    for item in Item.objects.filter(pk__in=to_erase).exclude(screenshot=""):
        item.screenshot.delete(save=False)
    Item.objects.filter(pk__in=to_erase).update(text=ERASED, original_text="", permalink="",
                                                screenshot="", note="")
    Finding.objects.filter(item_id__in=to_erase).update(match="[erased]")
    name = author.name or "Sir or Madam"
    author.name = "[erased]"
    held = []
    if escalated:
        held.append(f"{len(escalated)} comment(s) kept as evidence of a possible hate crime "
                    "(a legal hold: the police or a court may need them).")
    if blocked or escalated:
        held.append("Your account's id on the platform is kept, so that the block on it or "
                    "the evidence still refers to the right account.")
    else:
        author.platform_author_id = f"erased-{author.pk}"
    author.save(update_fields=["name", "platform_author_id"])
    held.append("The record of our moderation decisions (what was decided, when and why) is "
                "kept without your words, as the audit trail of how we applied our policy.")
    erased = {"comments": len(to_erase), "name": 1,
              "platform id": 0 if (blocked or escalated) else 1}
    return _record(subject, name, actor=actor, received_on=received_on, erased=erased, held=held,
                   target=author)


@transaction.atomic
def erase_user(user: User, *, actor: User, received_on: date) -> ErasureRequest:
    """Erase a former user's name and email, keeping signatures and consent records."""
    if user.is_active:
        raise ErasureError(
            f"{user} still has an account. An administrator closes it first (admin site: "
            "untick “active”): that ends their WhatsApp memberships and hands back what they "
            "held.")
    user = User.objects.select_for_update().get(pk=user.pk)
    subject = name = str(user)
    notices = user.notices.all().delete()[0]
    absences = user.absences.all().delete()[0]
    user.full_name = ""
    user.email = f"erased-{user.pk}@erased.invalid"
    user.set_unusable_password()
    user.save(update_fields=["full_name", "email", "password"])
    held = [
        "Your signatures of the WhatsApp Group Chat Agreement (with the name you printed) are "
        "kept as evidence of what was agreed (a legal hold).",
        "The records that you gave and withdrew permission to be in a WhatsApp group are kept "
        "(UK GDPR Article 7(1)); they never held your number.",
        "Breaches of the agreement recorded against you, and the audit trail of what you did "
        "in the app, are kept as the record of how the policy was applied.",
    ]
    if user.memberships.filter(mobile__gt="").exists():
        held.append("Your mobile number is kept only until the moderator confirms you are out "
                    "of the WhatsApp group; it is then erased.")
    erased = {"name and email": 1, "notices": notices, "absences": absences}
    return _record(subject, name, actor=actor, received_on=received_on, erased=erased, held=held,
                   target=user)


def _record(subject: str, name: str, *, actor: User, received_on: date, erased: dict,
            held: list[str], target) -> ErasureRequest:
    reply = (
        f"Dear {name},\n\nWe have acted on your request of {received_on:%-d %B %Y} to erase "
        "the personal data Healthwatch Sutton holds about you.\n\nWhat we erased: "
        + "; ".join(f"{what} ({n})" for what, n in erased.items() if n)
        + ".\n\nWhat we keep, and why:\n" + "\n".join(f"- {line}" for line in held)
        + "\n\nIf you disagree, you can complain to the Information Commissioner's Office "
        "(ico.org.uk, 0303 123 1113). Questions about this reply: write to "
        f"{settings.PRIVACY_CONTACT}.\n\nHealthwatch Sutton"
    )
    request = ErasureRequest.objects.create(subject=subject, received_on=received_on,
                                            made_by=actor, erased=erased, held=held, reply=reply)
    audit.record(actor, "privacy.erasure", target, erasure=request.pk, erased=erased)
    return request
