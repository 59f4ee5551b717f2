"""The moderator's pages: the queue, one item with its decisions, what is left to do by hand,
keeping many unflagged comments at once, blocked authors, replies."""

import mimetypes

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, Role, role_required
from core.errors import Refused
from safeguarding import selectors as safeguarding

from ..highlight import highlight
from ..meta.services import can_act, platform_name, why_by_hand
from ..models import Author, Decision, Item, PlatformAction, ReplyTemplate
from ..platforms import reporting_guidance
from ..terms import Term
from . import selectors, services
from .forms import DecisionForm, KeepForm, ReplyForm, ReplyTemplateForm, UnblockForm

KEYS = [
    ("a", "keep", "Keep"),
    ("h", "hide", "Hide"),
    ("d", "delete", "Delete"),
    ("b", "block", "Block"),
    ("r", "report", "Report"),
    ("e", "escalate", "Escalate"),
]


def _item_url(pk: int, f: selectors.QueueFilter) -> str:
    qs = f.querystring()
    return reverse("moderation_item", args=[pk]) + (f"?{qs}" if qs else "")


def _queue_url(f: selectors.QueueFilter) -> str:
    qs = f.querystring()
    return reverse("moderation_queue") + (f"?{qs}" if qs else "")


@role_required(*MODERATION_ROLES)
def queue(request):
    f = selectors.QueueFilter.from_params(request.GET)
    data = selectors.queue_page(f, request.GET.get("page"))
    for item in data.page.object_list:
        item.highlighted = highlight(item.text, item.findings.all())
    author = Author.objects.filter(pk=f.author).first() if f.author else None
    return render(
        request,
        "moderation/queue.html",
        {
            "q": data,
            "f": f,
            "tabs": selectors.TABS,
            "terms": Term.choices,
            "filter_author": author,
            "querystring": f.querystring(),
            "now": timezone.now(),
            "can_keep": f.tab == "clean" and request.user.has_role(Role.MODERATOR),
            "tab_links": [
                (slug, label, data.counts[slug], "?" + f.querystring(tab=slug))
                for slug, label in selectors.TABS.items()
            ],
            "author_prefix": (f.querystring(author=None) + "&")
            if f.querystring(author=None)
            else "",
        },
    )


@role_required(*MODERATION_ROLES)
def item_page(request, pk: int):
    item = selectors.item_detail(pk)
    if item is None:
        raise Http404("No such comment.")
    f = selectors.QueueFilter.from_params(request.GET)
    decisions = list(item.decisions.all())
    settled = item.is_settled
    claim = None
    if not settled and request.user.has_role(Role.MODERATOR):
        claim = services.open_item(item, request.user)
    elif hasattr(item, "claim"):
        claim = item.claim
    now = timezone.now()
    selectors.annotate_promptness([item], now)
    previous, following = selectors.neighbours(item, f)
    for finding in item.findings.all():
        finding.kind_label = finding.kind.replace("_", " ")
    found_terms = {finding.term for finding in item.findings.all()}
    found_characteristics = {f_.characteristic for f_ in item.findings.all() if f_.characteristic}
    for decision in decisions:
        for action in decision.platform_actions.all():
            action.why_by_hand = why_by_hand(item.channel, action.kind) if action.by_hand else ""
    latest = decisions[-1] if decisions else None

    def panels(prefix: str, corrects: Decision | None) -> list:
        return [
            (key, slug, label, DecisionForm.panel(
                slug, item=item, seen=len(decisions), corrects=corrects, found_terms=found_terms,
                found_characteristics=found_characteristics, prefix=prefix,
            ))
            for key, slug, label in KEYS
        ]

    concern = getattr(item, "safeguarding_concern", None)
    reply_offer = None
    if (
        latest is not None
        and latest.removes
        and not any(a.kind == PlatformAction.Kind.REPLY for a in latest.platform_actions.all())
    ):
        reply_offer = selectors.reply_template_for(latest)
    return render(
        request,
        "moderation/item.html",
        {
            "item": item,
            "f": f,
            "querystring": f.querystring(),
            "highlighted": highlight(item.text, item.findings.all()),
            "decisions": decisions,
            "settled": settled,
            "concern": concern,
            "can_see_concern": concern is not None and safeguarding.can_view(
                request.user, concern, safeguarding.current_lead()),
            "latest": latest,
            "claim": claim,
            "claim_is_mine": claim is not None and claim.claimed_by_id == request.user.pk,
            "claim_is_live": claim is not None and claim.is_live(now),
            "history": selectors.author_history(item),
            "previous": previous,
            "following": following,
            "can_decide": request.user.has_role(Role.MODERATOR),
            "keys": KEYS,
            # An item brought back by an edit is decided again as a correction of the latest.
            "decide_panels": [] if settled else panels("decide", latest),
            "correct_panels": panels("correct", latest) if latest else [],
            "guidance": reporting_guidance(item.channel.platform),
            "platform_name": platform_name(item.channel),
            "reply_offer": reply_offer,
            "queue_url": _queue_url(f),
        },
    )


@require_POST
@role_required(Role.MODERATOR)
def decide(request, pk: int):
    f = selectors.QueueFilter.from_params(request.POST)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "Nothing was changed: "
            + "; ".join(
                f"{form.fields[name].label or name}: {' '.join(errors)}"
                if name in form.fields else " ".join(errors)
                for name, errors in form.errors.items()
            ),
        )
        return redirect(_item_url(pk, f))
    data = form.cleaned_data
    try:
        decision = services.decide(
            item_id=pk,
            actor=request.user,
            action=data["action"],
            seen=data["seen"],
            terms=data["terms"],
            note=data["note"],
            report_reference=data["report_reference"],
            characteristics=data["characteristics"],
            also_delete=data["also_delete"],
            corrects_id=data["corrects"],
        )
    except Refused as refusal:
        messages.error(request, str(refusal))
        if not Item.objects.filter(pk=pk).exists():
            return redirect(_queue_url(f))
        return redirect(_item_url(pk, f))
    messages.success(request, _decided_message(decision))
    if selectors.reply_template_for(decision) is not None:
        messages.info(
            request,
            "Removed for personal details: send the private reply from the "
            "comment's page (Decided tab).",
        )
    if decision.corrects_id:
        return redirect(_item_url(pk, f))
    following = selectors.next_for(request.user, f)
    if following is None:
        return redirect(_queue_url(f))
    return redirect(_item_url(following.pk, f))


def _decided_message(decision: Decision) -> str:
    text = f"{decision.get_action_display()}: on record"
    if decision.term_labels:
        text += f", citing “{'; '.join(decision.term_labels)}”"
    if decision.platform_actions.filter(by_hand=True).exists():
        text += ". Do it on the platform, then press Done on “To do by hand” (Moderation menu)"
    return text + "."


@require_POST
@role_required(Role.MODERATOR)
def release(request, pk: int):
    item = get_object_or_404(Item, pk=pk)
    services.release_item(item, request.user)
    return redirect(_queue_url(selectors.QueueFilter.from_params(request.POST)))


@require_POST
@role_required(Role.MODERATOR)
def confirm_done(request, pk: int):
    from_to_do = request.POST.get("back") == "to_do"
    try:
        action = services.confirm_done(pk, request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
        action = PlatformAction.objects.filter(pk=pk).select_related("decision").first()
        if action is None:
            return redirect("moderation_to_do" if from_to_do else "moderation_queue")
    else:
        messages.success(request, f"{action.get_kind_display()}: confirmed as done.")
    if from_to_do:
        return redirect("moderation_to_do")
    return redirect("moderation_item", action.decision.item_id)


@role_required(*MODERATION_ROLES)
def to_do(request):
    """Every action on a platform only a person can now do, oldest first."""
    return render(
        request,
        "moderation/to_do.html",
        {
            "page": selectors.to_do_page(request.GET.get("page")),
            "can_confirm": request.user.has_role(Role.MODERATOR),
        },
    )


def _chosen_ids(data) -> dict:
    """The comments chosen on the Not flagged tab: the ticked ones, or with "every", all
    those on the page."""
    return {"item": data.getlist("on_page" if data.get("every") else "item")}


@role_required(Role.MODERATOR)
def keep_many(request):
    """Keep many unflagged comments at once: a page listing them, then one confirmation."""
    data = request.POST if request.method == "POST" else request.GET
    f = selectors.QueueFilter.from_params(data)
    form = KeepForm(_chosen_ids(data))
    if not form.is_valid():
        messages.error(request, "Nothing was changed: " + " ".join(form.errors["item"]))
        return redirect(_queue_url(f))
    ids = form.cleaned_data["item"]
    if request.method == "POST":
        try:
            kept = services.keep_many(ids, request.user)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return redirect(_queue_url(f))
        n = len(kept.decisions)
        messages.success(
            request, f"Kept {n} comment{'s' if n != 1 else ''}: each decision is on record."
        )
        for item, reason in kept.skipped:
            messages.warning(request, f"Left alone: {item.author} on {item.channel}: {reason}")
        return redirect(_queue_url(f))
    candidates = selectors.keep_candidates(ids, request.user)
    return render(
        request,
        "moderation/keep_confirm.html",
        {
            "f": f,
            "candidates": candidates,
            "keeping": [c for c in candidates if not c.reason_to_skip],
            "queue_url": _queue_url(f),
        },
    )


@role_required(*MODERATION_ROLES)
def item_screenshot(request, pk: int):
    """The screenshot a moderator attached when logging a comment seen elsewhere."""
    item = get_object_or_404(Item, pk=pk)
    if not item.screenshot:
        raise Http404("No screenshot.")
    content_type = mimetypes.guess_type(item.screenshot.name)[0] or ""
    if not content_type.startswith("image/"):
        raise Http404("No screenshot.")
    response = FileResponse(item.screenshot.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*MODERATION_ROLES)
def reply(request, pk: int):
    decision = get_object_or_404(
        Decision.objects.select_related("item__channel", "item__author"), pk=pk
    )
    if request.method == "POST" and not request.user.has_role(Role.MODERATOR):
        return render(request, "403.html", status=403)
    # The page offers to send a reply; where none can be sent, say so on the comment instead.
    if not decision.removes:
        messages.info(request, "A private reply follows a removal; this decision did not "
                               "remove the comment.")
        return redirect("moderation_item", decision.item_id)
    if decision.platform_actions.filter(kind=PlatformAction.Kind.REPLY).exists():
        messages.info(request, "The private reply for this decision is already on record.")
        return redirect("moderation_item", decision.item_id)
    template = selectors.reply_template_for(decision)
    form = ReplyForm(request.POST or None, initial={"text": template.text if template else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.send_reply(decision.pk, request.user, form.cleaned_data["text"])
        except Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "The private reply is on record.")
            return redirect("moderation_item", decision.item_id)
    return render(
        request,
        "moderation/reply.html",
        {
            "decision": decision,
            "item": decision.item,
            "form": form,
            "template": template,
            "can_reach_platform": can_act(decision.item.channel, PlatformAction.Kind.REPLY),
        },
    )


@role_required(*MODERATION_ROLES)
def blocked(request):
    return render(
        request,
        "moderation/blocked.html",
        {
            "page": selectors.blocked_authors(request.GET.get("page")),
            "lifted": selectors.lifted_blocks(),
            "form": UnblockForm(),
            "perms_moderator": request.user.has_role(Role.MODERATOR),
        },
    )


@require_POST
@role_required(Role.MODERATOR)
def unblock(request, pk: int):
    form = UnblockForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing was changed: " + " ".join(form.errors["reason"]))
        return redirect("moderation_blocked")
    try:
        decision = services.unblock(pk, request.user, form.cleaned_data["reason"])
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"{decision.item.author} is unblocked; the reason is on record.")
    return redirect("moderation_blocked")


@role_required(*MODERATION_ROLES)
def reply_templates(request):
    return render(
        request,
        "moderation/reply_templates.html",
        {
            "templates": ReplyTemplate.objects.select_related("updated_by"),
            "perms_moderator": request.user.has_role(Role.MODERATOR),
        },
    )


@role_required(Role.MODERATOR)
def reply_template_edit(request, pk: int | None = None):
    template = get_object_or_404(ReplyTemplate, pk=pk) if pk else None
    form = ReplyTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        services.audit.record(request.user, "moderation.reply_template_saved", saved)
        messages.success(request, f"“{saved.name}” is saved.")
        return redirect("moderation_reply_templates")
    return render(
        request, "moderation/reply_template_form.html", {"form": form, "template": template}
    )
