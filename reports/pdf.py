"""The Board report as a printable PDF: the same figures as the page, with bar charts."""

from io import BytesIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .selectors import BoardReport

WIDTH = A4[0] - 36 * mm
TABLE_STYLE = TableStyle([
    ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
    ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f3f5f7")]),
])


def _escape(value) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(header: list[str], rows: list) -> Table:
    data = [header] + [[_escape(v) for v in row] for row in rows]
    widths = [WIDTH * 0.55] + [WIDTH * 0.45 / (len(header) - 1)] * (len(header) - 1)
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(TABLE_STYLE)
    return table


def _chart(rows: list[tuple[str, int]]) -> Drawing | None:
    if not any(n for _, n in rows):
        return None
    height = 14 * len(rows) + 20
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 10, WIDTH - 190, height - 20
    chart.data = [[n for _, n in reversed(rows)]]
    chart.categoryAxis.categoryNames = [label[:32] for label, _ in reversed(rows)]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = colors.HexColor("#0d6efd")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def board_report_pdf(report: BoardReport) -> bytes:
    styles = getSampleStyleSheet()
    h1, h2, p = styles["Heading1"], styles["Heading2"], styles["BodyText"]
    story = [
        Paragraph("Healthwatch Sutton: Board report", h1),
        Paragraph(f"{report.starts:%-d %b %Y} to {report.ends:%-d %b %Y}. Standing figures "
                  "(still to do by hand, blocks in force, signing, policies) are as of the day "
                  "it was printed.", p),
    ]

    def section(title: str, *flowables) -> None:
        story.append(KeepTogether([Paragraph(title, h2), *[f for f in flowables if f]]))
        story.append(Spacer(1, 4 * mm))

    section("Comments",
            Paragraph(f"{report.comments} comments, {report.flagged} flagged by screening.", p),
            _table(["Channel", "Comments", "Flagged"], report.by_channel),
            _chart([(c, n) for c, n, _ in report.by_channel]))
    section("Flagged, by policy term", _table(["Term", "Comments"], report.by_term),
            _chart(report.by_term))
    median = "–" if report.median_hours is None else f"{report.median_hours} h"
    p90 = "–" if report.p90_hours is None else f"{report.p90_hours} h"
    section("Time to a decision and overdue comments", _table(["", "Figure"], [
        ("Comments decided", report.decided), ("Median time to a decision", median),
        ("90th percentile", p90), ("About personal details or abuse", report.prompt),
        ("Of those, decided late or still waiting", report.overdue)]))
    section("Blocks and actions still to do by hand", _table(["", "Figure"], [
        ("Blocks made", report.blocks_made), ("Blocks lifted", report.blocks_lifted),
        ("Blocks in force now", report.blocks_live),
        *[(f"To do by hand: {label}", n) for label, n in report.by_hand]]))
    section("Possible hate crimes escalated",
            Paragraph(f"{report.escalations} escalations raised: "
                      f"{report.escalations_from_comments} from comments, "
                      f"{report.escalations_from_groups} from WhatsApp groups.", p),
            _table(["Protected characteristic", "Escalations"], report.by_characteristic),
            _chart(report.by_characteristic),
            _table(["Outcome", "Escalations"], report.by_outcome))
    section("WhatsApp groups: weekly monitoring",
            _table(["Group", "Weeks done", "Weeks missed"], report.monitoring)
            if report.monitoring else Paragraph("No monitoring weeks in the period.", p))
    signing = [(role, people, signed, f"{round(100 * signed / people)}%" if people else "–")
               for role, people, signed in report.signing]
    section("WhatsApp Group Chat Agreement: signing rate"
            + (f" (version {report.agreement_version})" if report.agreement_version else ""),
            _table(["Role", "People", "Signed", "Rate"], signing) if signing
            else Paragraph("No agreement has been published.", p))
    section("Policies past their review date",
            _table(["Policy", "Review was due"],
                   [(t, f"{d:%-d %b %Y}") for t, d in report.policies_past_review])
            if report.policies_past_review else Paragraph("None.", p))
    section("Experiences",
            Paragraph(f"{report.experiences} experiences recorded.", p),
            _table(["Theme", "Experiences"], report.by_theme) if report.by_theme else None,
            _chart(report.by_theme),
            _table(["Sentiment", "Experiences"], report.by_sentiment))

    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=16 * mm, bottomMargin=16 * mm,
                      title="Healthwatch Sutton Board report").build(story)
    return buffer.getvalue()
