"""A subject-access export as a PDF, for a person who asked by post or email."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from .readable import Pair


def _line(label: str, value, is_list: bool, style) -> list[Paragraph]:
    head = f"<b>{escape(label)}</b>"
    if not is_list:
        return [Paragraph(f"{head}: {escape(str(value)) or '—'}", style)]
    if not value:
        return [Paragraph(f"{head}: —", style)]
    return [Paragraph(head, style)] + [Paragraph(f"&bull; {escape(str(v))}", style)
                                       for v in value]


def export_pdf(subject: list[Pair], sections: list) -> bytes:
    styles = getSampleStyleSheet()
    body, h1, h2 = styles["BodyText"], styles["Heading1"], styles["Heading2"]
    story = [
        Paragraph("Everything Healthwatch Sutton holds about you", h1),
        Paragraph(f"A subject-access export, as of "
                  f"{timezone.localtime():%-d %b %Y, %H:%M}. Mobile numbers are shown masked.",
                  body),
        Paragraph("Who", h2),
    ]
    for pair in subject:
        story += _line(*pair, body)
    for title, rows in sections:
        story.append(Paragraph(f"{escape(title)} ({len(rows)})", h2))
        for row in rows:
            for pair in row:
                story += _line(*pair, body)
            story.append(Spacer(1, 3 * mm))
        if not rows:
            story.append(Paragraph("None.", body))
    out = BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title="Subject-access export",
                      leftMargin=18 * mm, rightMargin=18 * mm).build(story)
    return out.getvalue()
