"""The agreement's Markdown as safe HTML for the page, and as the blocks the PDF draws."""

from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
import nh3

ALLOWED_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "b", "i", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def agreement_html(text: str) -> str:
    """Markdown rendered, then sanitised: the text is written by moderators, but only the
    formatting an agreement needs gets through."""
    html = markdown.markdown(text, output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"})


# On a page the agreement sits under the page's own <h1>: its headings move down one level.
_PAGE_HEADINGS = {
    "<h1>": '<h2 class="h4">', "</h1>": "</h2>",
    "<h2>": '<h3 class="h5">', "</h2>": "</h3>",
    "<h3>": '<h4 class="h6">', "</h3>": "</h4>",
}


def agreement_page_html(text: str) -> str:
    html = agreement_html(text)
    for tag, replacement in _PAGE_HEADINGS.items():
        html = html.replace(tag, replacement)
    return html


@dataclass
class Block:
    kind: str  # "h1", "h2", "h3", "p" or "li"
    markup: str  # reportlab paragraph markup: escaped text with <b> and <i>
    ordinal: int | None = None  # the number of an item in an ordered list


class _Blocks(HTMLParser):
    INLINE = {"strong": "b", "b": "b", "em": "i", "i": "i"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[list] = []  # [kind, counter] per open list

    def handle_starttag(self, tag, attrs):
        if tag in {"h1", "h2", "h3", "p"} and not (self.current and self.current.kind == "li"):
            self.current = Block(tag, "")
        elif tag in {"ul", "ol"}:
            self.lists.append([tag, 0])
        elif tag == "li":
            ordinal = None
            if self.lists:
                self.lists[-1][1] += 1
                ordinal = self.lists[-1][1] if self.lists[-1][0] == "ol" else None
            self.current = Block("li", "", ordinal)
        elif tag in self.INLINE and self.current:
            self.current.markup += f"<{self.INLINE[tag]}>"
        elif tag == "br" and self.current:
            self.current.markup += "<br/>"

    def handle_endtag(self, tag):
        if tag in self.INLINE and self.current:
            self.current.markup += f"</{self.INLINE[tag]}>"
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        elif self.current and (tag == self.current.kind):
            self.current.markup = self.current.markup.strip()
            if self.current.markup:
                self.blocks.append(self.current)
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            text = " ".join(data.split()) if data.strip() else (" " if data else "")
            if data[:1].isspace() and text and not text.startswith(" "):
                text = " " + text
            if data[-1:].isspace() and text and not text.endswith(" "):
                text += " "
            self.current.markup += (
                text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            )


def agreement_blocks(text: str) -> list[Block]:
    """The same HTML the page shows, as paragraphs, list items and headings for reportlab."""
    parser = _Blocks()
    parser.feed(agreement_html(text))
    parser.close()
    return parser.blocks
