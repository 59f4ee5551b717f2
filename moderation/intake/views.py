"""The moderator's pages for getting comments in: channels, CSV import, logging a comment seen
elsewhere, and the word lists screening uses."""

import secrets

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, Role, role_required
from core.errors import Refused

from ..models import Channel, ScreeningWord, WebhookDelivery
from . import selectors, services
from .forms import SECTIONED_LISTS, ChannelForm, CSVUploadForm, ManualCommentForm, ScreeningWordForm
from .imports import ImportFileError, parse_csv

# The secret of a new or rotated channel is shown once, on the next page, then forgotten.
SECRET_SESSION_KEY = "moderation:new-webhook-secret"  # noqa: S105 - a session key name
IMPORT_SESSION_KEY = "moderation:csv-preview"


@role_required(*MODERATION_ROLES)
def channel_list(request):
    shown_secret = request.session.pop(SECRET_SESSION_KEY, None)
    channels = list(selectors.channel_list())
    secret_channel = None
    if shown_secret:
        secret_channel = next((c for c in channels if c.pk == shown_secret["channel"]), None)
    return render(request, "moderation/channel_list.html", {
        "channels": channels,
        "form": ChannelForm(),
        "secret": shown_secret["secret"] if secret_channel else None,
        "secret_channel": secret_channel,
        "webhook_base": request.build_absolute_uri("/webhooks/channels/"),
        "meta_url": request.build_absolute_uri(reverse("webhook_meta")),
        "can_change": request.user.has_role(Role.MODERATOR),
    })


# Adding a channel or making a new secret changes how comments reach the app (a new secret
# breaks the website's integration until it is updated): the Communications Officer's job.
# The CEO sees the channels, as everything a moderator sees.
@require_POST
@role_required(Role.MODERATOR)
def channel_create(request):
    form = ChannelForm(request.POST)
    if not form.is_valid():
        channels = list(selectors.channel_list())
        return render(request, "moderation/channel_list.html", {
            "channels": channels, "form": form,
            "webhook_base": request.build_absolute_uri("/webhooks/channels/"),
            "meta_url": request.build_absolute_uri(reverse("webhook_meta")),
            "can_change": True,
        }, status=400)
    channel = services.create_channel(request.user, **form.cleaned_data)
    request.session[SECRET_SESSION_KEY] = {"channel": channel.pk, "secret": channel.webhook_secret}
    messages.success(request, f"Channel “{channel.name}” added.")
    return redirect("moderation_channels")


@require_POST
@role_required(Role.MODERATOR)
def channel_rotate_secret(request, pk: int):
    channel = get_object_or_404(Channel, pk=pk)
    secret = services.rotate_webhook_secret(request.user, channel)
    request.session[SECRET_SESSION_KEY] = {"channel": channel.pk, "secret": secret}
    messages.warning(request, f"“{channel.name}” has a new webhook secret; the old one no "
                              "longer works.")
    return redirect("moderation_channels")


# Bringing comments in and changing what screening looks for are the Moderator's job; the CEO
# sees the word lists (read-only) as everything a moderator sees.
@role_required(Role.MODERATOR)
def csv_import(request):
    """Upload → preview (nothing saved) → import. The parsed rows wait in the session."""
    form = CSVUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        channel = form.cleaned_data["channel"]
        try:
            rows = parse_csv(upload.read(upload.size + 1))
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            good = [row for row in rows if not row.errors]
            already = services.already_stored(channel, [row.id for row in good])
            token = secrets.token_urlsafe(16)
            request.session[IMPORT_SESSION_KEY] = {
                "token": token,
                "channel": channel.pk,
                "filename": upload.name,
                "rows": [row.as_dict() for row in good],
            }
            return render(request, "moderation/csv_preview.html", {
                "channel": channel,
                "filename": upload.name,
                "token": token,
                "rows": rows,
                "good": [row for row in good if row.id not in already],
                "already": [row for row in good if row.id in already],
                "bad": [row for row in rows if row.errors],
            })
    return render(request, "moderation/csv_import.html", {"form": form},
                  status=400 if form.errors else 200)


@require_POST
@role_required(Role.MODERATOR)
def csv_import_confirm(request):
    preview = request.session.get(IMPORT_SESSION_KEY)
    if not preview or preview["token"] != request.POST.get("token"):
        messages.error(request, "That preview has expired or was replaced by a newer upload; "
                                "upload the file again. Nothing was imported.")
        return redirect("moderation_csv_import")
    channel = get_object_or_404(Channel, pk=preview["channel"], active=True)
    created, skipped = services.import_comments(request.user, channel, preview["rows"],
                                                filename=preview["filename"])
    del request.session[IMPORT_SESSION_KEY]
    text = f"Imported {created} comment{'s' if created != 1 else ''} to {channel.name}"
    if skipped:
        text += f"; {skipped} were already stored and were skipped"
    messages.success(request, text + ".")
    return redirect("moderation_csv_import")


@role_required(*MODERATION_ROLES)
def log_comment(request):
    form = ManualCommentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item, created = services.log_comment(
            request.user, data["channel"], author_name=data["author_name"], text=data["text"],
            posted_at=data["posted_at"], permalink=data["permalink"],
            platform_item_id=data["platform_item_id"].strip(), note=data["note"],
            screenshot=data["screenshot"],
        )
        if created:
            found = item.findings.count()
            messages.success(request, "Comment logged and screened: " + (
                f"{found} finding{'s' if found != 1 else ''}." if found else "nothing found."))
        else:
            messages.info(request, "That comment was already stored; nothing was added.")
        return redirect("moderation_log_comment")
    return render(request, "moderation/log_comment.html", {
        "form": form, "recent": selectors.recent_items(10),
    }, status=400 if form.errors else 200)


@role_required(*MODERATION_ROLES)
def screening_words(request):
    lists = selectors.screening_words()
    sections = [
        {
            "value": value,
            "label": label,
            "words": lists[value],
            "sectioned": value in SECTIONED_LISTS,
            "form": ScreeningWordForm(initial={"list": value}, prefix=value),
        }
        for value, label in ScreeningWord.List.choices
    ]
    return render(request, "moderation/screening_words.html", {
        "sections": sections, "can_change": request.user.has_role(Role.MODERATOR),
    })


@require_POST
@role_required(Role.MODERATOR)
def screening_word_add(request, word_list: str):
    if word_list not in ScreeningWord.List.values:
        messages.error(request, "There is no such word list.")
        return redirect("moderation_screening_words")
    form = ScreeningWordForm(request.POST, prefix=word_list)
    if form.is_valid() and form.cleaned_data["list"] == word_list:
        word = services.add_screening_word(
            request.user, list=word_list, text=form.cleaned_data["text"],
            characteristic=form.cleaned_data["characteristic"],
        )
        messages.success(request, f"Added “{word.text}” to {word.get_list_display()}. "
                                  "Comments arriving from now on are screened with it.")
    else:
        problems = "; ".join(e for errors in form.errors.values() for e in errors)
        messages.error(request, f"Not added: {problems or 'the form was incomplete.'}")
    return redirect(f"{reverse('moderation_screening_words')}#list-{word_list}")


@require_POST
@role_required(Role.MODERATOR)
def screening_word_remove(request, pk: int):
    word = get_object_or_404(ScreeningWord, pk=pk)
    services.remove_screening_word(request.user, word)
    messages.success(request, f"Removed “{word.text}” from {word.get_list_display()}.")
    return redirect(f"{reverse('moderation_screening_words')}#list-{word.list}")


@require_POST
@role_required(Role.MODERATOR)
def screening_words_restore(request):
    added = services.restore_default_screening_words(request.user)
    messages.success(request, f"Restored {added} default entr{'ies' if added != 1 else 'y'}."
                     if added else "Every default entry is already on the lists.")
    return redirect("moderation_screening_words")


@role_required(*MODERATION_ROLES)
def failed_deliveries(request):
    return render(request, "moderation/failed_deliveries.html", {
        "page": selectors.failed_delivery_page(request.GET.get("page")),
        "can_retry": request.user.has_role(Role.MODERATOR),
    })


@require_POST
@role_required(Role.MODERATOR)
def retry_delivery(request, pk: int):
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    try:
        delivery = services.retry_delivery(request.user, delivery)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("moderation_failed_deliveries")
    if delivery.failed_at:
        messages.error(request, f"Delivery {delivery.pk} failed again; its error is below.")
    elif delivery.processed_at:
        messages.success(request, f"Delivery {delivery.pk} is stored: {delivery.items_created} "
                                  f"comment{'s' if delivery.items_created != 1 else ''} in all.")
    else:
        messages.info(request, f"Delivery {delivery.pk} is being processed by the sweep.")
    return redirect("moderation_failed_deliveries")
