"""Experiences: record one from a comment (with the suggestion filled in), log one told
elsewhere, the thank-you reply, the trends page, its drill-down and the CSV export."""

import csv
from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from accounts.roles import MODERATION_ROLES, role_required
from core.exports import csv_safe
from core.periods import default_period

from . import selectors, services
from .forms import ExperienceForm, LogExperienceForm, ThanksForm, TrendFilterForm
from .models import Experience, Service, Theme


@role_required(*MODERATION_ROLES)
def record(request, item_id: int):
    item = selectors.item_for_recording(item_id)
    if item is None:
        raise Http404("No such comment.")
    experience = selectors.experience_of(item)
    suggestion = None
    if request.method == "POST":
        form = ExperienceForm(request.POST)
        if form.is_valid():
            experience, created = services.record_from_item(item, request.user, **form.cleaned_data)
            messages.success(request, "The experience is recorded." if created
                             else "The experience is corrected.")
            return redirect("experiences_record", item_id=item.pk)
    elif experience is not None:
        form = ExperienceForm(initial={"service": experience.service_id,
                                       "themes": [t.pk for t in experience.themes.all()],
                                       "sentiment": experience.sentiment})
    else:
        suggestion = selectors.suggestion_for(item.text)
        form = ExperienceForm(initial={"service": suggestion.service,
                                       "themes": list(suggestion.themes),
                                       "sentiment": suggestion.sentiment})
    thanks = None
    if experience is not None and experience.thanked_at is None:
        thanks = ThanksForm(initial={"text": selectors.thanks_text()})
    return render(request, "experiences/record.html", {
        "item": item, "experience": experience, "form": form, "suggestion": suggestion,
        "thanks_form": thanks, "reply_templates_url": reverse("moderation_reply_templates"),
    })


@require_POST
@role_required(*MODERATION_ROLES)
def thanks(request, pk: int):
    experience = Experience.objects.filter(pk=pk).only("pk", "item_id").first()
    if experience is None or experience.item_id is None:
        raise Http404("No such experience from a comment.")
    form = ThanksForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The reply is empty or too long. Nothing was recorded.")
    else:
        try:
            services.record_thanks(pk, request.user, form.cleaned_data["text"])
        except services.ExperienceRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "The thank-you reply is on record as sent.")
    return redirect("experiences_record", item_id=experience.item_id)


@role_required(*MODERATION_ROLES)
def log(request):
    form = LogExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.log_experience(request.user, **form.cleaned_data)
        messages.success(request, "The experience is recorded. Log another, or see the trends.")
        return redirect("experiences_log")
    return render(request, "experiences/log.html", {"form": form})


def _trend_filter(request) -> tuple[TrendFilterForm, selectors.TrendFilter, str]:
    """The filter asked for, or the last twelve months with the reason when it is wrong."""
    starts, ends = default_period()
    initial = {"starts": starts, "ends": ends}
    asked = {k: v for k, v in request.GET.items() if k in TrendFilterForm.base_fields and v}
    form = TrendFilterForm({**{k: v.isoformat() for k, v in initial.items()}, **asked})
    if not form.is_valid():
        problems = " ".join(e for errors in form.errors.values() for e in errors)
        form = TrendFilterForm(initial=initial)
        return form, selectors.TrendFilter(starts, ends), problems
    data = form.cleaned_data
    return form, selectors.TrendFilter(
        starts=data["starts"], ends=data["ends"],
        channel=data["channel"].pk if data["channel"] else None,
        service=data["service"].pk if data["service"] else None,
        theme=data["theme"].pk if data["theme"] else None,
        sentiment=data["sentiment"],
    ), ""


def _query(f: selectors.TrendFilter, **changes) -> str:
    params = {"starts": f.starts.isoformat(), "ends": f.ends.isoformat(),
              "channel": f.channel or "", "service": f.service or "", "theme": f.theme or "",
              "sentiment": f.sentiment}
    params.update(changes)
    return urlencode({k: v for k, v in params.items() if v})


def _month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following.fromordinal(following.toordinal() - 1)


@role_required(*MODERATION_ROLES)
def trends(request):
    form, f, problems = _trend_filter(request)
    if problems:
        messages.error(request, f"{problems} Showing the last twelve months instead.")
    report = selectors.trends(f)
    month_links = [(m, n, _query(f, starts=max(m, f.starts).isoformat(),
                                  ends=min(_month_end(m), f.ends).isoformat()))
                   for m, n in zip(report.months, report.by_month, strict=True)]
    for row in report.themes:
        row.query = _query(f, theme=row.pk)
    for row in report.services:
        row.query = _query(f, service=row.pk)
    return render(request, "experiences/trends.html", {
        "form": form, "report": report, "month_links": month_links, "query": _query(f),
        "days": (f.ends - f.starts).days + 1,
        "sentiment_queries": [(label, n, _query(f, sentiment=slug))
                              for slug, label, n in report.sentiments],
    })


@role_required(*MODERATION_ROLES)
def drill_down(request):
    form, f, problems = _trend_filter(request)
    if problems:
        messages.error(request, f"{problems} Showing the last twelve months instead.")
    try:
        page = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        page = 1
    rows, more = selectors.drill_down(f, page)
    names = {
        "service": Service.objects.filter(pk=f.service).first() if f.service else None,
        "theme": Theme.objects.filter(pk=f.theme).first() if f.theme else None,
    }
    return render(request, "experiences/drill_down.html", {
        "form": form, "f": f, "rows": rows, "page": page, "more": more, "names": names,
        "sentiment_label": Experience.Sentiment(f.sentiment).label if f.sentiment else "",
        "query": _query(f), "previous_query": _query(f, page=page - 1) if page > 1 else "",
        "next_query": _query(f, page=page + 1) if more else "",
    })


@role_required(*MODERATION_ROLES)
def export(request):
    form, f, problems = _trend_filter(request)
    if problems:
        # A download shows no page: say it in the response, leave nothing half-exported.
        return HttpResponse(f"{problems} Nothing was exported.", status=400,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="experiences-{f.starts:%Y%m%d}-{f.ends:%Y%m%d}.csv"')
    out = csv.writer(response)
    out.writerow(["date", "source", "channel", "service", "themes", "sentiment", "text"])
    for e in selectors.export_rows(f):
        out.writerow([csv_safe(v) for v in (
            e.happened_on.isoformat(), e.get_source_display(), e.channel or "", e.service.name,
            "; ".join(t.name for t in e.themes.all()), e.get_sentiment_display(),
            e.masked_text,
        )])
    return response
