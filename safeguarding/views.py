"""The safeguarding pages: the concerns a person may see, one concern with its evidence and
what was done, and the Chief Executive's page naming the lead."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.roles import Role, role_required
from core.errors import Refused
from moderation.highlight import highlight

from . import selectors, services
from .forms import LeadForm, ResponseForm
from .models import LeadAppointment

PAGE_SIZE = 25


def _concern_for(request, pk: int, lead):
    concern = selectors.concern_detail(pk)
    # Someone who may not see a concern is told nothing about it, not even that it exists.
    if concern is None or not selectors.can_view(request.user, concern, lead):
        raise Http404("No such safeguarding concern.")
    return concern


@role_required(*selectors.SAFEGUARDING_ROLES)
def concerns(request):
    lead = selectors.current_lead()
    page = Paginator(selectors.concerns_for(request.user, lead), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "safeguarding/list.html", {
        "page": page, "lead": lead, "can_record": selectors.can_record(request.user, lead),
    })


def _page(request, concern, lead, *, form=None, status=200):
    services.record_view(concern, request.user, via="concern page")
    data = concern.data
    findings = [SimpleNamespace(**f) for f in data.get("findings", [])]
    return render(request, "safeguarding/detail.html", {
        "concern": concern,
        "data": data,
        "highlighted": highlight(data.get("text", ""), findings),
        "hash_ok": concern.hash_matches(),
        "responses": list(concern.responses.all()),
        "lead": lead,
        "can_record": selectors.can_record(request.user, lead),
        "form": form or ResponseForm(),
    }, status=status)


@role_required(*selectors.SAFEGUARDING_ROLES)
def concern(request, pk: int):
    lead = selectors.current_lead()
    return _page(request, _concern_for(request, pk, lead), lead)


@role_required(*selectors.SAFEGUARDING_ROLES)
def evidence(request, pk: int):
    """The evidence copy exactly as hashed."""
    concern = _concern_for(request, pk, selectors.current_lead())
    services.record_view(concern, request.user, via="download")
    response = HttpResponse(concern.evidence, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="safeguarding-{pk}-evidence.json"'
    response["X-Evidence-SHA256"] = concern.sha256
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@role_required(*selectors.SAFEGUARDING_ROLES)
def respond(request, pk: int):
    lead = selectors.current_lead()
    concern = _concern_for(request, pk, lead)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _page(request, concern, lead, form=form, status=400)
    try:
        response = services.record_response(
            request.user, concern=concern, action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        )
    except Refused as refused:
        messages.error(request, str(refused))
        return _page(request, concern, lead, form=form, status=400)
    messages.success(request, f"Recorded: {response.get_action_display().lower()}.")
    return redirect("safeguarding_concern", pk=concern.pk)


@role_required(Role.CHIEF_EXECUTIVE)
def lead(request):
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.name_lead(request.user, lead=form.cleaned_data["lead"])
        except Refused as refused:
            form.add_error("lead", str(refused))
        else:
            messages.success(request, f"{appointment.lead} is now the safeguarding lead.")
            return redirect("safeguarding_lead")
    history = LeadAppointment.objects.select_related("lead", "named_by")[:20]
    return render(request, "safeguarding/lead.html", {
        "form": form, "current": selectors.current_appointment(), "history": history,
    }, status=400 if form.errors else 200)
