"""The escalation pages: the list each person may see, one escalation with its evidence and
review, the evidence file itself (and a hand-logged comment's screenshot), and the Board's
report.

Every page and action asks `can_view` first: whoever may not see an escalation gets 403,
whatever the URL, and learns nothing about whether it exists.
"""

import csv
import hashlib
import mimetypes
from datetime import datetime
from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.roles import Role, role_required
from core.errors import Refused
from core.periods import asked_period
from moderation.highlight import highlight
from moderation.queue.selectors import author_history
from moderation.terms import Term

from . import selectors, services
from .forms import (
    BreachEscalationForm,
    ConsultationForm,
    CrimeReferenceForm,
    NoReportForm,
    PoliceReportForm,
    ReportRangeForm,
)
from .models import Escalation


def _escalation_for(request, pk: int) -> Escalation:
    escalation = selectors.escalation_detail(pk)
    if escalation is None:
        if request.user.has_any_role(Role.CHIEF_EXECUTIVE, Role.CHAIR):
            raise Http404("No such escalation.")
        raise PermissionDenied("You may not see this escalation.")
    if not selectors.can_view(request.user, escalation):
        raise PermissionDenied("You may not see this escalation.")
    return escalation


@role_required(*selectors.ESCALATION_ROLES)
def escalations(request):
    return render(request, "escalations/list.html", {
        "page": selectors.escalation_page(request.user, request.GET.get("page")),
        "sees_report": request.user.has_any_role(*selectors.BOARD_ROLES),
    })


RECORD_LABELS = {
    "moderation.escalation_raised": "escalated it",
    "moderation.escalation_taken": "took it",
    "moderation.escalation_consultation": "recorded a consultation",
    "moderation.escalation_decided": "recorded the decision",
    "moderation.escalation_crime_reference": "added the crime reference number",
    "moderation.escalation_reminder": "reminder sent",
}
EVIDENCE_TIMES = ("posted_at", "received_at", "edited_at", "removed_on_platform_at", "frozen_at",
                  "recorded_at", "member_since")


def _times(data: dict) -> dict:
    """The evidence's ISO times as datetimes, for showing in London time."""
    times = {}
    for key in EVIDENCE_TIMES:
        try:
            times[key] = datetime.fromisoformat(data[key]) if data.get(key) else None
        except (TypeError, ValueError):
            times[key] = None
    return times


def _page(request, escalation: Escalation, *, status: int = 200, **forms):
    evidence = escalation.evidence_copy
    data = evidence.data
    from_a_group = escalation.is_from_a_group
    findings = [SimpleNamespace(**f) for f in data.get("findings", [])]
    for finding in findings:
        finding.term_label = (Term(finding.term).label if finding.term in Term.values
                              else finding.term)
    can_act = selectors.can_act(request.user, escalation)
    decided = escalation.is_decided
    services.record_evidence_view(escalation, request.user, via="review page")
    return render(request, "escalations/detail.html", {
        "escalation": escalation,
        "item": escalation.item,
        "evidence": evidence,
        "data": data,
        "times": _times(data),
        "highlighted": highlight(data.get("text", ""), findings),
        "findings": findings,
        "hash_ok": evidence.hash_matches(),
        "history": None if from_a_group else author_history(escalation.item),
        "member_breaches": selectors.member_breaches(escalation) if from_a_group else [],
        "consultations": list(escalation.consultations.all()),
        "outcome": escalation.outcome if decided else None,
        "crime_reference": escalation.crime_reference_or_none,
        "can_act": can_act and not decided,
        "can_add_reference": (can_act and decided and escalation.outcome.is_police_report
                              and escalation.crime_reference_or_none is None),
        "can_take": (escalation.waits_for_a_director() and request.user.has_role(Role.DIRECTOR)
                     and not decided),
        "consultation_form": forms.get("consultation_form") or ConsultationForm(
            initial={"consulted_at": timezone.localtime().replace(second=0, microsecond=0)}),
        "police_form": forms.get("police_form") or PoliceReportForm(
            initial={"reported_on": timezone.localdate()}),
        "no_report_form": forms.get("no_report_form") or NoReportForm(),
        "reference_form": forms.get("reference_form") or CrimeReferenceForm(),
        "record": [
            (event, RECORD_LABELS.get(event.action, event.action))
            for event in selectors.audit_events(escalation)
            .exclude(action="moderation.escalation_evidence_viewed")
            .select_related("actor").order_by("at", "id")
        ],
        "views": selectors.audit_events(escalation)
        .filter(action="moderation.escalation_evidence_viewed").count(),
    }, status=status)


@role_required(*selectors.ESCALATION_ROLES)
def escalation(request, pk: int):
    return _page(request, _escalation_for(request, pk))


@role_required(Role.MODERATOR)
def raise_from_breach(request, pk: int):
    """The breach's page for escalating: what the moderator recorded of what a member posted in
    a WhatsApp group, and the form to escalate it as a possible hate crime."""
    breach = selectors.breach_to_escalate(pk)
    if breach is None:
        raise Http404("No such breach.")
    form = BreachEscalationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                escalation = services.raise_from_breach(breach.pk, request.user,
                                                        **form.cleaned_data)
            except Refused as refusal:
                form.add_error(None, str(refusal))
            else:
                routed = (escalation.reviewer or "the Directors")
                messages.success(request, f"Escalated to {routed}, with the evidence as the "
                                          "breach recorded it.")
                return redirect("moderation_escalation", escalation.pk)
        status = 400
        breach = selectors.breach_to_escalate(pk)
    existing = getattr(breach, "escalation", None)  # None until it is escalated
    return render(request, "escalations/raise_from_breach.html", {
        "breach": breach, "form": form, "existing": existing,
    }, status=status)


@role_required(*selectors.ESCALATION_ROLES)
def screenshot(request, pk: int):
    """The copy of a hand-logged comment's screenshot frozen with the evidence, served only
    while its bytes still match the SHA-256 inside the hashed evidence."""
    escalation = _escalation_for(request, pk)
    shot = escalation.evidence_copy.data.get("screenshot") or {}
    if not shot.get("copy"):
        raise Http404("This evidence has no screenshot.")
    try:
        with default_storage.open(shot["copy"], "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise Http404("The screenshot copy is missing.") from exc
    if hashlib.sha256(data).hexdigest() != shot.get("sha256"):
        raise Http404("The screenshot copy no longer matches the evidence.")
    services.record_evidence_view(escalation, request.user, via="screenshot")
    content_type = mimetypes.guess_type(shot["copy"])[0] or ""
    if not content_type.startswith("image/"):
        raise Http404("This evidence has no screenshot.")
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response


@role_required(*selectors.ESCALATION_ROLES)
def evidence(request, pk: int):
    """The evidence copy exactly as hashed, to hand to the police: its SHA-256 re-computed over
    the download proves it has not changed since it was frozen."""
    escalation = _escalation_for(request, pk)
    services.record_evidence_view(escalation, request.user, via="download")
    copy = escalation.evidence_copy
    response = HttpResponse(copy.content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="escalation-{pk}-evidence.json"'
    response["X-Evidence-SHA256"] = copy.sha256
    response["Cache-Control"] = "no-store"
    return response


def _act(request, pk: int, action, success: str, form_name: str, form):
    escalation = _escalation_for(request, pk)
    if not form.is_valid():
        messages.error(request, "Nothing was recorded: correct the fields marked below.")
        return _page(request, escalation, status=400, **{form_name: form})
    try:
        action(escalation, form.cleaned_data)
    except Refused as refusal:
        messages.error(request, str(refusal))
        return _page(request, escalation, status=400, **{form_name: form})
    messages.success(request, success)
    return redirect("moderation_escalation", pk)


@require_POST
@role_required(*selectors.ESCALATION_ROLES)
def take(request, pk: int):
    escalation = _escalation_for(request, pk)
    try:
        services.take(escalation.pk, request.user)
    except Refused as refusal:
        messages.error(request, str(refusal))
        if not selectors.can_view(request.user, selectors.escalation_detail(pk)):
            return redirect("moderation_escalations")
    else:
        messages.success(request, "You are its reviewer now: the decision is yours.")
    return redirect("moderation_escalation", pk)


@require_POST
@role_required(*selectors.ESCALATION_ROLES)
def consult(request, pk: int):
    return _act(
        request, pk,
        lambda e, d: services.record_consultation(e.pk, request.user, **d),
        "The consultation is on record.", "consultation_form", ConsultationForm(request.POST),
    )


# The two decisions a reviewer records: what they say once recorded, and their form.
DECISIONS = {
    "police_report": (
        "Decided: reported to the police. The moderator who raised it has been told.",
        "police_form", PoliceReportForm),
    "no_report": (
        "Decided: not reported, in your judgement. The moderator who raised it has been told.",
        "no_report_form", NoReportForm),
}


@require_POST
@role_required(*selectors.ESCALATION_ROLES)
def decide(request, pk: int, outcome: str):
    """The reviewer's decision, `outcome` named by the URL: reported to the police, or not."""
    success, form_name, form_class = DECISIONS[outcome]
    return _act(
        request, pk,
        lambda e, d: services.decide(e.pk, request.user, outcome=outcome, **d),
        success, form_name, form_class(request.POST),
    )


@require_POST
@role_required(*selectors.ESCALATION_ROLES)
def crime_reference(request, pk: int):
    return _act(
        request, pk,
        lambda e, d: services.add_crime_reference(e.pk, request.user, d["reference"]),
        "The crime reference number is on record.", "reference_form",
        CrimeReferenceForm(request.POST),
    )


@role_required(*selectors.BOARD_ROLES)
def board_report(request):
    """The Board's figures for the range asked for: the page, or with `format=csv` the file
    (without a range, the last twelve months). A wrong range shows the last twelve months
    with the reason; the file exports nothing and says why in the response instead, leaving
    no message behind to surprise the next page (a download shows no page)."""
    form, starts, ends, problems = asked_period(request, ReportRangeForm)
    as_csv = request.GET.get("format") == "csv"
    if problems and as_csv:
        return HttpResponse(f"{problems} Nothing was exported.", status=400,
                            content_type="text/plain; charset=utf-8")
    if problems:
        messages.error(request, f"{problems} Showing the last twelve months instead.")
    report = selectors.board_report(starts, ends)
    if as_csv:
        return _report_csv(report)
    return render(request, "escalations/report.html", {
        "form": form, "report": report,
        "csv_query": f"starts={starts:%Y-%m-%d}&ends={ends:%Y-%m-%d}&format=csv",
    })


def _report_csv(report: selectors.BoardReport) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="escalations-{report.starts:%Y%m%d}-{report.ends:%Y%m%d}.csv"')
    out = csv.writer(response)
    out.writerow(["section", "label", "value"])
    out.writerow(["range", "from", f"{report.starts:%Y-%m-%d}"])
    out.writerow(["range", "to", f"{report.ends:%Y-%m-%d}"])
    out.writerow(["total", "escalations", report.total])
    for section, rows in (("characteristic", report.by_characteristic),
                          ("outcome", report.by_outcome), ("source", report.by_source),
                          ("month", report.by_month)):
        for label, count in rows:
            out.writerow([section, label, count])
    out.writerow(["time to decision", "decided", report.decided])
    out.writerow(["time to decision", "median hours",
                  "" if report.median_hours is None else report.median_hours])
    out.writerow(["time to decision", "max hours",
                  "" if report.max_hours is None else report.max_hours])
    return response
