import csv
import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.roles import MODERATION_ROLES, Role, role_required
from core.counts import capped_count, capped_page
from core.exports import csv_safe
from core.models import AuditEvent
from core.pagination import query_without
from moderation.models import Author

from . import pdf, readable, selectors, services
from .forms import AuditExportForm, ErasureForm, FindPersonForm
from .models import ErasureRequest

AUDIT_PAGE_SIZE = 50


@login_not_required
def notice(request):
    """The public privacy notice: anyone may read it, signed in or not."""
    return render(request, "privacy/notice.html", {
        "rules": selectors.retention_schedule(), "contact": settings.PRIVACY_CONTACT})


@role_required(*MODERATION_ROLES)
def people(request):
    form = FindPersonForm(request.GET or None)
    found = selectors.find_people(form.cleaned_data["q"]) if form.is_valid() else None
    return render(request, "privacy/people.html", {
        "form": form, "found": found, "erasures": selectors.erasure_requests(),
    })


def _format(request) -> str:
    return request.GET.get("format") if request.GET.get("format") in ("json", "pdf") else "html"


def _export(request, data: dict, filename: str):
    if request.GET.get("format") == "json":
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False,
                                           cls=DjangoJSONEncoder),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    subject, sections = readable.sections(data)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(pdf.export_pdf(subject, sections),
                                content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    return render(request, "privacy/export.html", {
        "subject": subject, "sections": sections, "filename": filename})


@role_required(*MODERATION_ROLES)
def author_export(request, pk: int):
    author = get_object_or_404(Author.objects.select_related("channel"), pk=pk)
    fmt = _format(request)
    data = services.export_author(author, actor=request.user, fmt=fmt)
    return _export(request, data, f"subject-access-author-{author.pk}")


@role_required(*MODERATION_ROLES)
def user_export(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    fmt = _format(request)
    data = services.export_user(person, actor=request.user, fmt=fmt)
    return _export(request, data, f"subject-access-user-{person.pk}")


def _erase(request, subject, erase):
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = erase(subject, actor=request.user,
                           received_on=form.cleaned_data["received_on"])
        except services.ErasureError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Erased. Send the person the reply below.")
            return redirect("privacy_erasure", record.pk)
    return render(request, "privacy/erase.html", {"form": form, "subject": subject})


@require_http_methods(["GET", "POST"])
@role_required(*MODERATION_ROLES)
def author_erase(request, pk: int):
    author = get_object_or_404(Author.objects.select_related("channel"), pk=pk)
    return _erase(request, author, services.erase_author)


@require_http_methods(["GET", "POST"])
@role_required(*MODERATION_ROLES)
def user_erase(request, pk: int):
    return _erase(request, get_object_or_404(User, pk=pk), services.erase_user)


@role_required(*MODERATION_ROLES)
def erasure(request, pk: int):
    record = get_object_or_404(ErasureRequest.objects.select_related("made_by"), pk=pk)
    return render(request, "privacy/erasure.html", {"record": record})


@role_required(Role.CHIEF_EXECUTIVE)
def audit_export(request):
    """The audit trail for a date range: listed a page at a time, or as a CSV file."""
    form = AuditExportForm(request.GET or None)
    if not form.is_valid():
        return render(request, "privacy/audit_export.html", {"form": form})
    starts, ends = form.cleaned_data["starts_on"], form.cleaned_data["ends_on"]
    zone = timezone.get_current_timezone()
    events = AuditEvent.objects.filter(
        at__gte=datetime.datetime.combine(starts, datetime.time.min, zone),
        at__lt=datetime.datetime.combine(ends + datetime.timedelta(days=1),
                                         datetime.time.min, zone),
    ).order_by("at", "id")
    if request.GET.get("format") != "csv":
        # Read along the index of `at`: counted up to "99+", a page at a time.
        count = capped_count(events)
        page = capped_page(events, request.GET.get("page"), count, AUDIT_PAGE_SIZE)
        return render(request, "privacy/audit_export.html", {
            "form": form, "page": page, "count": count, "query": query_without(request, "page")})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="audit-trail-{starts:%Y-%m-%d}-to-{ends:%Y-%m-%d}.csv"')
    writer = csv.writer(response)
    writer.writerow(["At (London)", "Who", "Action", "Object type", "Object id", "Object",
                     "IP address", "Details"])
    for event in events.iterator():
        writer.writerow([csv_safe(v) for v in (
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"), event.actor_label,
            event.action, event.object_type, event.object_id, event.object_label,
            event.ip_address or "", json.dumps(event.details, ensure_ascii=False),
        )])
    return response
