"""What changed between two texts, line by line, for the pages that show it (a policy's new
version, the agreement a person is asked to sign again). Plain Python."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "removed", "added", "gap"
    old_number: int | None
    new_number: int | None
    text: str


def line_changes(old: str, new: str, context: int = 2) -> list[DiffLine]:
    """The changed lines with a little context, like `diff -u`, for an accessible table."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    rows: list[DiffLine] = []
    for group_index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if group_index:
            rows.append(DiffLine("gap", None, None, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows.extend(DiffLine("same", i + 1, j + 1, old_lines[i])
                            for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
                continue
            if tag in {"replace", "delete"}:
                rows.extend(DiffLine("removed", i + 1, None, old_lines[i]) for i in range(i1, i2))
            if tag in {"replace", "insert"}:
                rows.extend(DiffLine("added", None, j + 1, new_lines[j]) for j in range(j1, j2))
    return rows
