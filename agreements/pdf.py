"""The signed agreement as a PDF: the text as signed, the signature, and the evidence."""

from io import BytesIO
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .models import Signature
from .rendering import agreement_blocks

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def pdf_filename(signature: Signature) -> str:
    return (
        f"whatsapp-group-chat-agreement-v{signature.version.number}-"
        f"signed-{signature.reference}.pdf"
    )


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontName="Helvetica", fontSize=10.5,
                          leading=14, spaceAfter=6, alignment=TA_LEFT)
    return {
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontSize=16, leading=20,
                             spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=13, leading=16),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontSize=11.5, leading=14),
        "p": body,
        "li": ParagraphStyle("li", parent=body, spaceAfter=3),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11,
                                textColor=colors.HexColor("#444444")),
        "signature": ParagraphStyle("signature", parent=body, fontName="Times-Italic",
                                    fontSize=20, leading=24, spaceBefore=4, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName="Helvetica-Bold",
                                   fontSize=9, leading=11.5, spaceAfter=0),
    }


def _agreement_flowables(text: str, styles) -> list:
    flowables: list = []
    pending_items: list = []
    ordered = False

    def flush():
        nonlocal pending_items
        if pending_items:
            flowables.append(ListFlowable(
                pending_items,
                bulletType="1" if ordered else "bullet",
                start=None if ordered else "\u2022",
                leftIndent=14, bulletFontSize=9,
            ))
            flowables.append(Spacer(1, 4))
            pending_items = []

    for block in agreement_blocks(text):
        if block.kind == "li":
            ordered = block.ordinal is not None
            pending_items.append(ListItem(Paragraph(block.markup, styles["li"])))
            continue
        flush()
        flowables.append(Paragraph(block.markup, styles[block.kind]))
    flush()
    return flowables


def _footer(signature: Signature):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(
            18 * mm, 10 * mm,
            f"Healthwatch Sutton - WhatsApp Group Chat Agreement v{signature.version.number} - "
            f"signature {signature.reference}",
        )
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def signed_agreement_pdf(signature: Signature) -> bytes:
    """The agreement text exactly as signed (from the version the signature points at), the
    printed name and typed signature, and the evidence of how and when it was given."""
    styles = _styles()
    version = signature.version
    signed_utc = signature.signed_at.astimezone(UTC)
    signed_london = signature.signed_at.astimezone(LONDON)

    story: list = [
        Paragraph(
            f"Healthwatch Sutton - signed copy - version {version.number}, "
            f"published {version.published_at.astimezone(LONDON):%d %b %Y}",
            styles["small"],
        ),
        Spacer(1, 6),
    ]
    story += _agreement_flowables(version.text, styles)
    story.append(Spacer(1, 10))

    signature_block = [
        Paragraph("<b>Signature</b>", styles["h2"]),
        Paragraph(
            f'<font name="Courier-Bold">[X]</font> {_escape(signature.statement)}.', styles["p"]
        ),
        Paragraph("Signed (typed electronic signature):", styles["p"]),
        Paragraph(_escape(signature.printed_name), styles["signature"]),
        Paragraph(f"Print name: <b>{_escape(signature.printed_name)}</b>", styles["p"]),
        Paragraph(f"Date: {signed_london:%d %B %Y}", styles["p"]),
    ]
    story.append(KeepTogether(signature_block))
    story.append(Spacer(1, 8))

    def row(label: str, value: str):
        return [Paragraph(label, styles["cellhead"]), Paragraph(_escape(value), styles["cell"])]

    intact = "yes" if version.is_intact else "NO - the stored text does not match its hash"
    rows = [
        row("Reference", str(signature.reference)),
        row("Account", f"{signature.user.get_full_name()} <{signature.user.email}>"),
        row("Printed name", signature.printed_name),
        row("Signed at (UTC)", f"{signed_utc:%Y-%m-%d %H:%M:%S} UTC"),
        row("Signed at (Europe/London)", f"{signed_london:%Y-%m-%d %H:%M:%S %Z}"),
        row("IP address", signature.ip_address or "not recorded"),
        row("User agent", signature.user_agent or "not recorded"),
        row("Agreement version", f"{version.number} ({version.title})"),
        row("SHA-256 of the text shown", signature.text_sha256),
        row("SHA-256 of the version", version.sha256),
        row("Text matches its hash", intact),
    ]
    table = Table(rows, colWidths=[48 * mm, None], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(KeepTogether([
        Paragraph("<b>Evidence of signature</b>", styles["h2"]),
        Paragraph(
            "The signer signed in to HWS Engage with their own account, was shown the text "
            "above, ticked the statement and typed their name. The SHA-256 below is the "
            "fingerprint of the exact text they were shown (UTF-8); anyone can recompute it "
            "from the stored version to check that the text has not changed.",
            styles["small"],
        ),
        Spacer(1, 4),
        table,
    ]))

    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"WhatsApp Group Chat Agreement v{version.number} - signed by "
              f"{signature.printed_name}",
        author="Healthwatch Sutton (HWS Engage)",
        subject=f"Signature {signature.reference}",
    )
    doc.build(story, onFirstPage=_footer(signature), onLaterPages=_footer(signature))
    return buffer.getvalue()
