"""The endpoints that platforms and the website call. They check, store and answer fast;
a Celery task turns what was stored into items (moderation.tasks.process_delivery).

Everything stored here can be stored as items: a body the worker could not store is refused
here, before the answer that tells the sender it was accepted.
"""

import hmac
import json
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.enqueue import enqueue

from ..models import Channel, WebhookDelivery
from ..tasks import process_delivery
from .services import needs_a_task, task_not_on_its_way
from .webhooks import (
    MAX_BODY_BYTES,
    MAX_TEXT_LENGTH,
    BodyError,
    loads,
    parse_channel_body,
    parse_meta_body,
    signature_matches,
)

log = logging.getLogger(__name__)

META_SIGNATURE_HEADER = "X-Hub-Signature-256"
CHANNEL_SIGNATURE_HEADER = "X-HWS-Signature"


def _refuse(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _read_body(request: HttpRequest) -> bytes | JsonResponse:
    """The raw body, or the answer that refuses it. The declared length is checked before
    anything is read, so an oversized body is never held in memory."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _refuse(400, "Content-Length is not a number.")
    if declared > MAX_BODY_BYTES:
        return _refuse(413, f"The body is larger than {MAX_BODY_BYTES} bytes (1 MB).")
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        return _refuse(413, f"The body is larger than {MAX_BODY_BYTES} bytes (1 MB).")
    if not body:
        return _refuse(400, "The body is empty.")
    return body


def _is_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json"


def _enqueue(delivery: WebhookDelivery) -> None:
    # No request transaction (ATOMIC_REQUESTS is off): the row is committed, the worker finds it.
    # A broker that is down is logged at once (no retries that hold the request): the delivery
    # is stored, and the every-minute sweep (moderation.process_waiting_deliveries) takes it.
    # While a delivery task is on its way it takes this delivery too (one task carries many).
    if needs_a_task() and not enqueue(process_delivery, delivery.pk):
        task_not_on_its_way()  # the next delivery tries to send one again


@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def meta_webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _meta_handshake(request)
    return _meta_delivery(request)


def _meta_handshake(request: HttpRequest) -> HttpResponse:
    token = settings.META_VERIFY_TOKEN
    given = request.GET.get("hub.verify_token", "")
    if (
        request.GET.get("hub.mode") == "subscribe"
        and token
        and hmac.compare_digest(given.encode(), token.encode())
        and "hub.challenge" in request.GET
    ):
        return HttpResponse(request.GET["hub.challenge"], content_type="text/plain")
    log.warning("Meta webhook: subscription handshake refused")
    return HttpResponse("Verification failed.", status=403, content_type="text/plain")


def _meta_delivery(request: HttpRequest) -> HttpResponse:
    body = _read_body(request)
    if isinstance(body, HttpResponse):
        return body
    if not settings.META_APP_SECRET:
        log.error("Meta webhook: META_APP_SECRET is not set; delivery refused")
        return _refuse(403, "Signature cannot be checked: the app secret is not configured.")
    if not signature_matches(
        settings.META_APP_SECRET, body, request.headers.get(META_SIGNATURE_HEADER)
    ):
        log.warning("Meta webhook: delivery with a missing or wrong signature refused")
        return _refuse(403, f"Missing or wrong {META_SIGNATURE_HEADER} signature.")
    if not _is_json(request):
        return _refuse(415, "Send the body as application/json.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _refuse(400, "The body is not UTF-8.")
    # Meta sends many kinds of change and the worker skips those it does not know, but a body
    # that is not even a JSON object is refused here rather than stored and silently dropped.
    try:
        data = loads(text)
    except BodyError as exc:
        return _refuse(400, str(exc))
    except json.JSONDecodeError as exc:
        return _refuse(400, f"The body is not valid JSON: {exc.msg} at line {exc.lineno} "
                            f"column {exc.colno}.")
    if not isinstance(data, dict):
        return _refuse(400, "The body must be a JSON object, as Meta sends.")
    received_at = timezone.now()
    too_long = [
        change.comment.platform_item_id for change in parse_meta_body(text, received_at)
        if len(change.comment.text) > MAX_TEXT_LENGTH
    ]
    if too_long:
        return _refuse(
            413, f"{len(too_long)} comment{'s' if len(too_long) != 1 else ''} longer than "
            f"{MAX_TEXT_LENGTH} characters; nothing was stored.", too_long=too_long[:20],
        )
    delivery = WebhookDelivery.objects.create(
        kind=WebhookDelivery.Kind.META, body=text, received_at=received_at
    )
    _enqueue(delivery)
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")


@csrf_exempt
@login_not_required
@require_POST
def channel_webhook(request: HttpRequest, channel_id: int) -> HttpResponse:
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None:
        # The sender is a program: answer in JSON like every other refusal here.
        return _refuse(404, "There is no channel with this id; check the webhook address.")
    body = _read_body(request)
    if isinstance(body, HttpResponse):
        return body
    if not signature_matches(
        channel.webhook_secret, body, request.headers.get(CHANNEL_SIGNATURE_HEADER)
    ):
        log.warning("Channel webhook %s: missing or wrong signature", channel.pk)
        return _refuse(403, f"Missing or wrong {CHANNEL_SIGNATURE_HEADER} signature.")
    if not channel.active:
        return _refuse(403, "This channel is not active; comments are not accepted.")
    if not _is_json(request):
        return _refuse(415, "Send the body as application/json.")
    received_at = timezone.now()
    try:
        comments, errors = parse_channel_body(body, received_at)
    except BodyError as exc:
        return _refuse(400, str(exc))
    if errors:
        return _refuse(
            400,
            f"{len(errors)} of {len(comments) + len(errors)} comments are invalid; "
            "nothing was stored.",
            invalid=[e.as_dict() for e in errors],
        )
    delivery = WebhookDelivery.objects.create(
        kind=WebhookDelivery.Kind.CHANNEL, channel=channel, body=body.decode("utf-8"),
        received_at=received_at,
    )
    _enqueue(delivery)
    return JsonResponse({"accepted": len(comments), "delivery": delivery.pk}, status=202)
