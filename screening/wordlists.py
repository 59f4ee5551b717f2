"""Word lists: data that moderators edit in the app, never code.

The defaults ship as text files in ``data/`` (one entry per line, ``#`` starts
a comment line, ``[characteristic]`` starts a section in the hate lists). The
Django side seeds its tables from them and hands the tables' contents back as a
WordLists, so an edit takes effect without a deploy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path

from .findings import CHARACTERISTICS

DATA_DIR = Path(__file__).parent / "data"

Sectioned = dict[str, list[str]]
# Lists the app cannot store yet: until its word-list table has them, every
# WordLists carries the shipped file's entries, so the Django side screens
# for offers and safeguarding from the first deploy.
SHIPPED_ONLY = ("offers", "self_harm", "abuse_disclosure")


def _sections() -> Sectioned:
    return {c: [] for c in CHARACTERISTICS}


@dataclass
class WordLists:
    # Generic lists a moderator maintains: reject-level and flag-level.
    banned: list[str] = field(default_factory=list)
    suspect: list[str] = field(default_factory=list)
    profanity: list[str] = field(default_factory=list)
    # Bullying: nouns/adjectives that insult when aimed at someone, and phrases
    # that bully whatever surrounds them.
    insult_nouns: list[str] = field(default_factory=list)
    insult_adjectives: list[str] = field(default_factory=list)
    bullying_phrases: list[str] = field(default_factory=list)
    solicitation: list[str] = field(default_factory=list)
    # Offers that solicit only beside a price, a contact or a call to buy.
    offers: list[str] = field(default_factory=lambda: _shipped("offers"))
    defamation: list[str] = field(default_factory=list)
    # Safeguarding: a risk of suicide or self-harm, a disclosure of abuse.
    self_harm: list[str] = field(default_factory=lambda: _shipped("self_harm"))
    abuse_disclosure: list[str] = field(default_factory=lambda: _shipped("abuse_disclosure"))
    # Hate: lists keyed by protected characteristic, plus the hostile words
    # that turn a mention of a group into an attack on it.
    hate_slurs: Sectioned = field(default_factory=_sections)
    hate_groups: Sectioned = field(default_factory=_sections)
    hate_phrases: Sectioned = field(default_factory=_sections)
    hate_predicates: list[str] = field(default_factory=list)
    hate_actions: list[str] = field(default_factory=list)

    @classmethod
    def list_names(cls) -> tuple[str, ...]:
        """The lists moderators edit in the app (one database row per entry)."""
        return tuple(f.name for f in fields(cls) if f.name not in SHIPPED_ONLY)

    @classmethod
    def is_sectioned(cls, name: str) -> bool:
        return name.startswith("hate_") and name not in ("hate_predicates", "hate_actions")

    def entries(self) -> Iterator[tuple[str, str | None, str]]:
        """Every entry as (list name, characteristic or None, entry): one DB row each."""
        for name in self.list_names():
            value = getattr(self, name)
            if isinstance(value, dict):
                for characteristic, items in value.items():
                    for item in items:
                        yield name, characteristic, item
            else:
                for item in value:
                    yield name, None, item

    @classmethod
    def from_entries(cls, rows: Iterable[tuple[str, str | None, str]]) -> WordLists:
        """Rebuild from (list name, characteristic or None, entry) rows, e.g. the DB's."""
        lists = cls()
        for name, characteristic, entry in rows:
            if name not in cls.list_names():
                raise ValueError(f"unknown word list {name!r}")
            target = getattr(lists, name)
            if isinstance(target, dict):
                if characteristic not in CHARACTERISTICS:
                    raise ValueError(
                        f"word list {name!r} needs a protected characteristic, "
                        f"got {characteristic!r}"
                    )
                target[characteristic].append(entry)
            else:
                target.append(entry)
        return lists


def parse_wordlist(lines: Iterable[str], sectioned: bool = False) -> list[str] | Sectioned:
    """Parse one list file's lines. Sectioned files group entries under [headers]."""
    items: list[str] = []
    sections = _sections()
    current: str | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if sectioned and line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            if current not in sections:
                raise ValueError(f"line {number}: unknown characteristic [{current}]")
            continue
        if sectioned:
            if current is None:
                raise ValueError(f"line {number}: entry {line!r} before any [characteristic]")
            sections[current].append(line)
        else:
            items.append(line)
    return sections if sectioned else items


def load_wordlists(directory: Path = DATA_DIR) -> WordLists:
    """Read every ``<list name>.txt`` in directory; a missing file is an empty list."""
    lists = WordLists()
    for name in (*WordLists.list_names(), *SHIPPED_ONLY):
        path = directory / f"{name}.txt"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                setattr(lists, name, parse_wordlist(handle, WordLists.is_sectioned(name)))
    return lists


@cache
def _shipped_file(name: str) -> tuple[str, ...]:
    path = DATA_DIR / f"{name}.txt"
    with path.open(encoding="utf-8") as handle:
        return tuple(parse_wordlist(handle))


def _shipped(name: str) -> list[str]:
    return list(_shipped_file(name))


@cache
def _default_wordlists() -> WordLists:
    return load_wordlists()


def default_wordlists() -> WordLists:
    """The shipped defaults. A fresh copy each call so callers may edit it."""
    return WordLists.from_entries(_default_wordlists().entries())
