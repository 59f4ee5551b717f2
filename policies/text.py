"""Policy text: Markdown rendered safely, and the customer's document read into fields.
Plain Python apart from `mark_safe` on sanitised output."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

SEED_DIR = Path(__file__).resolve().parent / "seed"
ONLINE_ENGAGEMENT_POLICY = SEED_DIR / "online-engagement-policy.md"
# The WhatsApp Group Chat Agreement follows the policy in the customer's file; it belongs to
# the agreements app, so reading stops here.
AGREEMENT_STARTS = "Directors and Volunteers WhatsApp Group Chat Agreement"

ALLOWED_TAGS = {
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "ol": {"start"}}


def _drop_placeholder_links(tag: str, attribute: str, value: str) -> str | None:
    # The customer's document links other documents as "(#)": a link to nowhere is worse
    # than plain text, so the words stay and the link goes.
    if tag == "a" and attribute == "href" and value.strip() in {"", "#"}:
        return None
    return value


def render_markdown(body: str) -> SafeString:
    """Markdown to HTML that is safe to show: only the tags a policy needs survive."""
    html = markdown.markdown(body, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow",
        attribute_filter=_drop_placeholder_links,
        # The page's own <h1> is the title: the document's headings sit a size below it.
        set_tag_attribute_values={"h2": {"class": "h4 mt-4"}, "h3": {"class": "h5 mt-3"},
                                  "h4": {"class": "h6"}},
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


# --- The customer's document -------------------------------------------------------------------

_SECTION_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(\S.*)$")
_APPROVED = re.compile(r"^Approved by (?P<by>.+?):\s*(?P<on>\d{2}/\d{2}/\d{4})\s*$")
_REVIEW = re.compile(r"^To be reviewed:\s*(?P<on>\d{2}/\d{2}/\d{4})\s*$")
_OFFICER = re.compile(r"^Responsible Officer:\s*(?P<title>.+?)\s*$")


class PolicyDocumentError(ValueError):
    """The document does not have the shape of a policy: a title, sections and a footer."""


@dataclass
class PolicyDocument:
    title: str
    body: str
    approved_by: str
    approved_on: date
    review_due: date
    responsible_officer_title: str
    source_paragraphs: list[str] = field(default_factory=list)


def _uk_date(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def read_policy_document(text: str) -> PolicyDocument:
    """Read the policy as the customer wrote it: its first line is the title, numbered lines on
    their own ("1. Purpose of this policy", "4.1. Managing user content") are section headings,
    "- " lines are lists, and the footer gives approval, review date and responsible officer.

    Numbered headings become Markdown headings: left as they are, "1. Purpose" would be read
    as a numbered list.
    """
    text = text.replace("\r\n", "\n")
    if AGREEMENT_STARTS in text:
        text = text[: text.index(AGREEMENT_STARTS)]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) < 4:
        raise PolicyDocumentError("The document is too short to be a policy.")
    title, *rest = paragraphs
    footer: dict[str, str] = {}
    while rest:
        last = rest[-1]
        if match := _APPROVED.match(last):
            footer.update(approved_by=match["by"], approved_on=match["on"])
        elif match := _REVIEW.match(last):
            footer["review_due"] = match["on"]
        elif match := _OFFICER.match(last):
            footer["officer"] = match["title"]
        else:
            break
        rest.pop()
    missing = {"approved_by", "review_due", "officer"} - footer.keys()
    if missing:
        raise PolicyDocumentError(
            "The policy's footer must say “Approved by …: dd/mm/yyyy”, “To be reviewed: "
            "dd/mm/yyyy” and “Responsible Officer: …”."
        )
    blocks = []
    for paragraph in rest:
        match = _SECTION_HEADING.match(paragraph)
        if match and "\n" not in paragraph and not paragraph.endswith("."):
            level = "##" if "." not in match[1] else "###"
            blocks.append(f"{level} {match[1]}. {match[2]}")
        else:
            blocks.append(paragraph)
    return PolicyDocument(
        title=title.lstrip("# ").strip(),
        body="\n\n".join(blocks) + "\n",
        approved_by=footer["approved_by"],
        approved_on=_uk_date(footer["approved_on"]),
        review_due=_uk_date(footer["review_due"]),
        responsible_officer_title=footer["officer"],
        source_paragraphs=rest,
    )


def online_engagement_policy() -> PolicyDocument:
    return read_policy_document(ONLINE_ENGAGEMENT_POLICY.read_text(encoding="utf-8"))
