"""Text as the detectors see it, with a map back to what the person wrote.

People hide words from filters with characters a reader never notices: a
zero-width space inside a word (f\u200bu\u200bc\u200bk), full-width letters
(ｆｕｃｋ), Cyrillic letters that look Latin (сunt with a Cyrillic с). The
detectors run on a normalised copy: Unicode compatibility form (NFKC),
invisible format characters removed, the common Cyrillic and Greek look-alikes
and curly apostrophes turned into their plain forms. Every character of the
copy remembers which characters of the original it came from, so a finding's
offsets and matched text are always the original's: what the moderator sees
highlighted is what the person posted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Look-alikes worth a table entry: letters from other scripts that render the
# same as a Latin letter in the usual fonts, and the apostrophes and dashes
# word lists are written with.
LOOK_ALIKES = str.maketrans(
    {
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
        "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "к": "k", "м": "m", "т": "t",
        "н": "h", "в": "b",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
        "α": "a", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "ρ": "p",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
        "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        "‘": "'", "’": "'", "ʼ": "'", "‛": "'", "`": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, per character, the original span it came from."""

    original: str
    text: str
    # starts[i]:ends[i] is the slice of the original that text[i] came from.
    # None when the text is unchanged, which is most comments.
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original's (start, end) for text[start:end]."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _format_characters() -> str:
    # Format characters (Cf): zero-width space/joiners, word joiner, BOM, soft
    # hyphen, bidirectional marks, tags. None is ever needed to read a word.
    planes = (range(0x10000), range(0x10000, 0x20000), range(0xE0000, 0xE1000))
    found = [chr(c) for plane in planes for c in plane if unicodedata.category(chr(c)) == "Cf"]
    return "".join(found)


INVISIBLE = frozenset(_format_characters())
_INVISIBLE = re.compile("[" + re.escape("".join(sorted(INVISIBLE))) + "]")


def normalise(original: str) -> Normalised:
    """The text the detectors screen, with its map back to the original."""
    if original.isascii():
        # ASCII is already in NFKC and has no format characters; its only
        # look-alike, the backtick, never matters to a word list.
        return Normalised(original, original)
    if unicodedata.is_normalized("NFKC", original) and not _INVISIBLE.search(original):
        # The usual non-ASCII comment (curly quotes, an accent, a £): every
        # look-alike maps to one character, so the offsets stay the same.
        return Normalised(original, original.translate(LOOK_ALIKES))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, ch in enumerate(original):
        if ch in INVISIBLE:
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(LOOK_ALIKES) if ord(ch) > 127 else ch
        for piece in folded:
            if piece in INVISIBLE:
                continue
            pieces.append(piece)
            starts.append(index)
            ends.append(index + 1)
    text = "".join(pieces)
    return Normalised(original, text, tuple(starts), tuple(ends))
