"""The comment with its findings marked in place.

Comment text is untrusted: every segment is escaped on its own and only our own <mark> tags are
added around them, so nothing a commenter types can become markup.
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .terms import FindingTerm

SEVERE = 3


def _label(term: str) -> str:
    return FindingTerm(term).label if term in FindingTerm.values else term


def highlight(text: str, findings: Iterable) -> SafeString:
    """Escaped `text` with each finding's span wrapped in <mark class="finding">.

    Overlapping findings merge into one mark naming every term; spans outside the text are
    ignored rather than trusted.
    """
    spans: list[list] = []  # [start, end, severity, {terms}]
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        start, end = max(0, f.start), min(len(text), f.end)
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            last = spans[-1]
            last[1] = max(last[1], end)
            last[2] = max(last[2], f.severity)
            last[3].add(f.term)
        else:
            spans.append([start, end, f.severity, {f.term}])

    parts, cursor = [], 0
    for start, end, severity, terms in spans:
        parts.append(escape(text[cursor:start]))
        css = "finding finding-severe" if severity >= SEVERE else "finding"
        title = "; ".join(sorted(_label(t) for t in terms))
        parts.append(
            f'<mark class="{css}" title="{escape(title)}">{escape(text[start:end])}</mark>'
        )
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of the text is escaped above
