"""The Board report for a chosen period: the page, its CSV and its printable PDF."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from accounts.roles import role_required
from core.exports import csv_safe
from core.periods import asked_period

from . import selectors, sources
from .pdf import board_report_pdf

REPORT_ROLES = sources.BOARD_ROLES


def _download(request, content_type: str, disposition: str, suffix: str, write):
    """The report for the period asked for as a file; a wrong period exports nothing and says
    why in the response (a download shows no page)."""
    form, starts, ends, problems = asked_period(request)
    if problems:
        return HttpResponse(f"{problems} Nothing was exported.", status=400,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = (
        f'{disposition}; filename="board-report-{starts:%Y%m%d}-{ends:%Y%m%d}.{suffix}"')
    write(response, selectors.board_report(starts, ends))
    return response


@role_required(*REPORT_ROLES)
def board(request):
    form, starts, ends, problems = asked_period(request)
    if problems:
        messages.error(request, f"{problems} Showing the last twelve months instead.")
    report = selectors.board_report(starts, ends)
    return render(request, "reports/board.html", {
        "form": form, "report": report,
        "query": f"starts={starts:%Y-%m-%d}&ends={ends:%Y-%m-%d}",
        "escalation_report_url": reverse(sources.ESCALATION_REPORT_URL),
    })


def rows(report: selectors.BoardReport) -> list[tuple[str, str, object]]:
    """The report as (section, label, value) rows: the CSV, and the PDF's tables."""
    found: list[tuple[str, str, object]] = [
        ("period", "from", f"{report.starts:%Y-%m-%d}"),
        ("period", "to", f"{report.ends:%Y-%m-%d}"),
        ("comments", "all channels", report.comments),
        ("comments", "flagged by screening", report.flagged),
    ]
    found += [("comments by channel", name, n) for name, n, _ in report.by_channel]
    found += [("flagged by term", label, n) for label, n in report.by_term]
    found += [
        ("time to a decision", "comments decided", report.decided),
        ("time to a decision", "median hours", "" if report.median_hours is None
         else report.median_hours),
        ("time to a decision", "90th percentile hours", "" if report.p90_hours is None
         else report.p90_hours),
        ("overdue", "about personal details or abuse", report.prompt),
        ("overdue", "decided late or still waiting", report.overdue),
        ("blocks", "made", report.blocks_made),
        ("blocks", "lifted", report.blocks_lifted),
        ("blocks", "in force now", report.blocks_live),
    ]
    found += [("still to do by hand", label, n) for label, n in report.by_hand]
    found.append(("escalations", "raised", report.escalations))
    found.append(("escalations", "from comments", report.escalations_from_comments))
    found.append(("escalations", "from WhatsApp groups", report.escalations_from_groups))
    found += [("escalations by characteristic", label, n)
              for label, n in report.by_characteristic]
    found += [("escalations by outcome", label, n) for label, n in report.by_outcome]
    for group, done, missed in report.monitoring:
        found += [("whatsapp monitoring weeks done", group, done),
                  ("whatsapp monitoring weeks missed", group, missed)]
    for role, people, signed in report.signing:
        found += [("agreement signers", role, people), ("agreement signed", role, signed)]
    found += [("policies past review", title, f"{due:%Y-%m-%d}")
              for title, due in report.policies_past_review]
    found.append(("experiences", "recorded", report.experiences))
    found += [("experiences by theme", label, n) for label, n in report.by_theme]
    found += [("experiences by sentiment", label, n) for label, n in report.by_sentiment]
    return found


def _write_csv(response, report: selectors.BoardReport) -> None:
    out = csv.writer(response)
    out.writerow(["section", "label", "value"])
    for row in rows(report):
        out.writerow([csv_safe(v) for v in row])


@role_required(*REPORT_ROLES)
def board_csv(request):
    return _download(request, "text/csv; charset=utf-8", "attachment", "csv", _write_csv)


@role_required(*REPORT_ROLES)
def board_pdf(request):
    return _download(request, "application/pdf", "inline", "pdf",
                     lambda response, report: response.write(board_report_pdf(report)))
