"""Personal details replaced by their kind ("ring me on [phone]"), from screening's offsets.

Plain Python: the spans come from an item's stored findings or from screening the text anew.
"""

from collections.abc import Iterable

from screening import PERSONAL_DETAIL_KINDS, screen

Span = tuple[int, int, str]  # start, end, kind


def mask(text: str, spans: Iterable[Span]) -> str:
    """`text` with every span of a personal-detail kind replaced by "[kind]". Spans that
    overlap an earlier one are folded into it; spans of other kinds are left alone."""
    parts, at = [], 0
    for start, end, kind in sorted(spans):
        if kind not in PERSONAL_DETAIL_KINDS or end <= at:
            continue
        start = max(start, at)
        parts.append(text[at:start])
        parts.append(f"[{kind.replace('_', ' ')}]")
        at = end
    parts.append(text[at:])
    return "".join(parts)


def mask_by_screening(text: str) -> str:
    """For text that was never screened (an experience told on the phone)."""
    return mask(text, ((f.start, f.end, f.kind) for f in screen(text)))
