import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.roles import MODERATION_ROLES, SIGNER_ROLES, role_required
from core.errors import Refused
from core.exports import csv_safe
from core.http import client_ip
from core.pagination import query_without
from core.textdiff import line_changes

from . import selectors, services
from .forms import DraftForm, RegisterFilterForm, SignForm
from .models import AgreementDraft, AgreementVersion, sha256_of
from .rendering import agreement_page_html

READERS = (*SIGNER_ROLES, *MODERATION_ROLES)


def _version_context(version: AgreementVersion | None) -> dict:
    if version is None:
        return {"version": None}
    return {
        "version": version,
        "agreement_html": agreement_page_html(version.text),
        "intact": version.is_intact,
    }


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def current(request):
    """Read the current version and, for directors, volunteers and staff, sign it."""
    version = selectors.current_version()
    is_signer = request.user.has_any_role(*SIGNER_ROLES)
    form = None
    if request.method == "POST":
        if not is_signer:
            raise PermissionDenied("Only directors, volunteers and staff sign the agreement.")
        if version is None:
            messages.error(request, "No agreement has been published yet.")
            return redirect("agreements_current")
        form = SignForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                signature = services.sign(
                    request.user,
                    version,
                    printed_name=form.cleaned_data["printed_name"],
                    shown_sha256=form.cleaned_data["sha256"],
                    ip_address=client_ip(request),
                    user_agent=request.META.get("HTTP_USER_AGENT", ""),
                )
            except Refused as refused:
                messages.error(request, str(refused))
                return redirect("agreements_current")
            messages.success(
                request,
                f"Thank you: you have signed version {version.number} of the WhatsApp Group "
                "Chat Agreement. A signed copy (PDF) is on its way to your email.",
            )
            return redirect("agreements_signature", reference=signature.reference)
    mine = selectors.signatures_of(request.user) if is_signer else []
    signed_current = next((s for s in mine if version and s.version_id == version.pk), None)
    if form is None and is_signer and version is not None and signed_current is None:
        form = SignForm(initial={"sha256": version.sha256}, user=request.user)
    signed_before = mine[0] if mine and signed_current is None else None
    context = _version_context(version) | {
        "signed_before": signed_before,
        "lines": line_changes(signed_before.version.text, version.text) if signed_before
        else [],
        "is_signer": is_signer,
        "form": form,
        "signed_current": signed_current,
        "my_signatures": mine,
        "is_moderator": request.user.has_any_role(*MODERATION_ROLES),
    }
    return render(request, "agreements/current.html", context)


def _visible_signature(request, reference):
    """The signer and moderators/CEO see a signature; anyone else gets 403, whether or not
    the reference exists, so references cannot be probed."""
    signature = selectors.signature_by_reference(reference)
    is_moderator = request.user.has_any_role(*MODERATION_ROLES)
    if signature is not None and (signature.user_id == request.user.pk or is_moderator):
        return signature
    if signature is None and is_moderator:
        raise Http404("No signature with that reference.")
    raise PermissionDenied("Only the signer and the moderators can see a signed agreement.")


@role_required(*READERS)
def signature(request, reference):
    signature = _visible_signature(request, reference)
    current = selectors.current_version()
    return render(request, "agreements/signature.html", {
        "signature": signature,
        "is_current": current is not None and current.pk == signature.version_id,
    })


@role_required(*READERS)
def signature_pdf(request, reference):
    from .pdf import pdf_filename, signed_agreement_pdf  # reportlab: loaded when first used

    signature = _visible_signature(request, reference)
    response = HttpResponse(signed_agreement_pdf(signature), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(signature)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _register_filter(request) -> tuple[RegisterFilterForm, str, str]:
    form = RegisterFilterForm(request.GET or None)
    role = status = ""
    if form.is_valid():
        role, status = form.cleaned_data["role"], form.cleaned_data["status"]
    return form, role, status


@role_required(*MODERATION_ROLES)
def register(request):
    form, role, status = _register_filter(request)
    found = selectors.register_page(role=role, status=status,
                                    page_number=request.GET.get("page"))
    return render(request, "agreements/register.html", {
        "form": form, "version": found.version, "page": found.page,
        "counts": [
            (selectors.RegisterStatus.LABELS[k], n, selectors.RegisterStatus.BADGES[k])
            for k, n in found.counts.items()
        ],
        "query": query_without(request, "page"),
    })


TYPED_COLUMNS = [
    selectors.REGISTER_CSV_HEADER.index(name) for name in ("Name", "Email", "Printed name")
]


@role_required(*MODERATION_ROLES)
def register_csv(request):
    form, role, status = _register_filter(request)
    if form.is_bound and not form.is_valid():
        # An unknown filter must not quietly export everyone as if it were the filtered list.
        return HttpResponseBadRequest(
            "Unknown filter: choose the role and status from the register page, then export.",
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = (
        f'attachment; filename="agreement-register-{stamp}.csv"'
    )
    # Rows go to a buffer and into the response once: a write per row costs more than the row.
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(selectors.REGISTER_CSV_HEADER)
    for row in selectors.register_export(role=role, status=status):
        # What people typed (name, email, printed name) is guarded; the other cells are the
        # app's own labels, numbers, times and references.
        for typed in TYPED_COLUMNS:
            row[typed] = csv_safe(row[typed])
        writer.writerow(row)
    response.write(buffer.getvalue())
    return response


@role_required(*MODERATION_ROLES)
def versions(request):
    rows = selectors.versions().annotate(signature_count=Count("signatures"))
    return render(request, "agreements/versions.html", {
        "versions": rows, "draft": selectors.draft(),
    })


@role_required(*READERS)
def version(request, number: int):
    found = selectors.version_by_number(number)
    if found is None:
        raise Http404("No such version.")
    current = selectors.current_version()
    return render(request, "agreements/version.html", _version_context(found) | {
        "is_current": current is not None and current.pk == found.pk,
    })


def _confirm_publication(request, saved, current):
    """Before publishing, say how many people will be asked to sign (again)."""
    counts = selectors.register_counts(current)
    signed_current = counts[selectors.RegisterStatus.CURRENT]
    return render(request, "agreements/publish_confirm.html", {
        "draft": saved, "current": current,
        "next_number": (current.number + 1) if current else 1,
        "signed_current": signed_current, "not_signed": sum(counts.values()) - signed_current,
        "draft_sha256": sha256_of(saved.text),
        "lines": line_changes(current.text, saved.text) if current else [],
    })


def _publish_confirmed(request, existing):
    if existing is None or request.POST.get("draft_sha256") != sha256_of(existing.text):
        messages.error(request, "The draft changed after you were asked to confirm: nothing is "
                                "published. Check it and publish again.")
        return redirect("agreements_draft")
    try:
        published = services.publish_draft(request.user)
    except Refused as refused:
        messages.error(request, str(refused))
        return redirect("agreements_draft")
    messages.success(
        request,
        f"Version {published.number} is published. Everyone who has not signed it is asked "
        "to sign it.",
    )
    return redirect("agreements_version", number=published.number)


@role_required(*MODERATION_ROLES)
@require_http_methods(["GET", "POST"])
def draft(request):
    """Edit the next version's text; save it, publish it, or discard it."""
    existing = selectors.draft()
    current = selectors.current_version()
    if request.method == "POST" and request.POST.get("action") == "publish_confirmed":
        return _publish_confirmed(request, existing)
    if request.method == "POST" and request.POST.get("action") == "discard":
        try:
            services.discard_draft(request.user)
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "The draft is discarded.")
        return redirect("agreements_versions")
    if existing is not None:
        initial = {"title": existing.title, "text": existing.text}
    elif current is not None:
        initial = {"title": current.title, "text": current.text}
    else:
        initial = {"title": services.SEED_TITLE, "text": services.seed_text()}
    form = DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "publish":
                services.check_publishable(AgreementDraft(**form.cleaned_data), current)
            saved = services.save_draft(request.user, **form.cleaned_data)
        except Refused as refused:
            messages.error(request, str(refused))
        else:
            if request.POST.get("action") == "publish":
                return _confirm_publication(request, saved, current)
            messages.success(request, "Draft saved. Nothing is published until you publish it.")
            return redirect("agreements_draft")
    preview_text = form.data.get("text") if form.is_bound else initial["text"]
    return render(request, "agreements/draft.html", {
        "form": form, "draft": existing, "current": current,
        "next_number": (current.number + 1) if current else 1,
        "preview_html": agreement_page_html(preview_text or ""),
    })
